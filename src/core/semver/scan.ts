// Character classes and small scanners shared by the tag and range parsers. Everything works on
// UTF-16 code units; every class is ASCII-only, so non-ASCII text never matches (as in Go).

// MAX_UINT64 is 2^64-1, the largest value Go's strconv.ParseUint(s, 10, 64) accepts.
const MAX_UINT64 = '18446744073709551615';

/** isDigit tells whether the code unit is 0-9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** isIdentChar tells whether the code unit is in [0-9A-Za-z-], the semver identifier alphabet. */
export function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 /* - */;
}

/** isSpace tells whether the code unit is in Go RE2's `\s` class: [\t\n\f\r ] (no \v). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/** skipSpaces returns the first index at or after i that is not a `\s` character. */
export function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/**
 * scanIdents returns the end of the longest `[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*` starting at i, or i
 * when the first character is not an identifier character.
 */
export function scanIdents(s: string, i: number): number {
  const n = s.length;
  if (i >= n || !isIdentChar(s.charCodeAt(i))) return i;
  i++;
  for (;;) {
    while (i < n && isIdentChar(s.charCodeAt(i))) i++;
    if (i + 1 < n && s.charCodeAt(i) === 46 && isIdentChar(s.charCodeAt(i + 1))) i += 2;
    else return i;
  }
}

/** isUint64Digits tells whether s[start,end) is all digits and fits a Go uint64 (ParseUint). */
export function isUint64Digits(s: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return compareDigitRuns(s, start, end, MAX_UINT64, 0, MAX_UINT64.length) <= 0;
}

/**
 * compareDigitRuns compares two runs of ASCII digits by numeric value (leading zeros ignored)
 * without converting them to numbers, so arbitrarily long runs compare exactly.
 */
export function compareDigitRuns(
  a: string,
  as: number,
  ae: number,
  b: string,
  bs: number,
  be: number,
): -1 | 0 | 1 {
  while (as < ae - 1 && a.charCodeAt(as) === 48) as++;
  while (bs < be - 1 && b.charCodeAt(bs) === 48) bs++;
  const la = ae - as;
  const lb = be - bs;
  if (la !== lb) return la < lb ? -1 : 1;
  for (let k = 0; k < la; k++) {
    const x = a.charCodeAt(as + k);
    const y = b.charCodeAt(bs + k);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** utf8Length is the byte length Go's len() reports for the string (lone surrogates count 3). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
