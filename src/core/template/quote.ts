// Go's string quoting (strconv.Quote, QuoteToASCII, %#U) and the UTF-8 helpers the engine needs,
// because Go measures and slices strings in bytes while JavaScript uses UTF-16 code units.

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** isPrint reports whether Go's unicode.IsPrint accepts the code point. */
export function isPrint(cp: number): boolean {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
  return printable.test(String.fromCodePoint(cp));
}

const hex = '0123456789abcdef';

function escapeRune(cp: number, quote: string, ascii: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (ascii ? cp < 0x7f && isPrint(cp) : isPrint(cp)) return ch;
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex[cp >> 4]}${hex[cp & 15]}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** quoteGo is strconv.Quote: a double-quoted Go string literal. */
export function quoteGo(s: string, ascii = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, '"', ascii);
  return `${out}"`;
}

/** quoteRune is strconv.QuoteRune: a single-quoted Go rune literal. */
export function quoteRune(cp: number, ascii = false): string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return `'${escapeRune(cp, "'", ascii)}'`;
}

/** quoteRuneU is fmt's %#U: `U+0041 'A'`, or just `U+0007` when not printable. */
export function quoteRuneU(cp: number): string {
  const u = `U+${(cp < 0 ? 0xfffd : cp).toString(16).toUpperCase().padStart(4, '0')}`;
  return cp >= 0 && isPrint(cp) ? `${u} '${String.fromCodePoint(cp)}'` : u;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** utf8Bytes encodes a string the way Go stores it. */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** utf8Decode turns bytes back into a string (invalid sequences become U+FFFD, as Go prints them). */
export function utf8Decode(b: Uint8Array): string {
  return decoder.decode(b);
}

/** byteLength is Go's len(s) for a string. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** isAscii reports whether every code unit is below 0x80 (then bytes and code units agree). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** sliceBytes is Go's s[from:to] on a string. */
export function sliceBytes(s: string, from: number, to?: number): string {
  if (isAscii(s)) return s.slice(from, to);
  return utf8Decode(utf8Bytes(s).slice(from, to));
}
