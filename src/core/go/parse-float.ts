// Go strconv.ParseFloat(s, 64), reimplemented: the numerical policy and template number literals
// must accept and reject exactly the strings Go does and produce the same float64 (reflector.md §2.4).

/** parseGoFloat returns the float64 Go's strconv.ParseFloat(s, 64) gives, or undefined on error. */
export function parseGoFloat(s: string): number | undefined {
  const special = parseSpecial(s);
  if (special !== undefined) return special;
  const lit = scanFloatLiteral(s);
  if (!lit || lit.end !== s.length) return undefined;
  const value = lit.hex ? hexToFloat(lit) : Number(lit.cleaned);
  // Go reports overflow (more than half an ULP past MaxFloat64) as ErrRange; Flux treats it as a
  // parse failure. Underflow rounds to zero or a subnormal without error, as JS Number does.
  if (!Number.isFinite(value)) return undefined;
  return value;
}

function parseSpecial(s: string): number | undefined {
  let rest = s;
  let sign = 1;
  if (rest[0] === '+' || rest[0] === '-') {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
    // A sign is only special before inf/infinity: "+nan" is a syntax error in Go.
    const lower = rest.toLowerCase();
    return lower === 'inf' || lower === 'infinity' ? sign * Number.POSITIVE_INFINITY : undefined;
  }
  const lower = rest.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return Number.POSITIVE_INFINITY;
  if (lower === 'nan') return Number.NaN;
  return undefined;
}

interface FloatLiteral {
  end: number;
  hex: boolean;
  neg: boolean;
  /** cleaned is the decimal literal without underscores, for Number(). */
  cleaned: string;
  /** mantissaHex and binExp describe a hex literal: value = mantissaHex * 2^binExp. */
  mantissaHex: string;
  binExp: number;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHexLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));

/** scanFloatLiteral follows Go's readFloat: the longest prefix that is a float literal. */
function scanFloatLiteral(s: string): FloatLiteral | undefined {
  let i = 0;
  let neg = false;
  if (s[i] === '+') i++;
  else if (s[i] === '-') {
    i++;
    neg = true;
  }
  let hex = false;
  if (i + 2 < s.length && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    hex = true;
    i += 2;
  }
  let underscores = false;
  let sawDot = false;
  let sawDigits = false;
  let mantissaHex = '';
  let fracHexDigits = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') {
      underscores = true;
      continue;
    }
    if (c === '.') {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    if (isDigit(c) || (hex && isHexLetter(c))) {
      sawDigits = true;
      if (hex) {
        mantissaHex += c;
        if (sawDot) fracHexDigits++;
      }
      continue;
    }
    break;
  }
  if (!sawDigits) return undefined;
  let binExp = 0;
  const c = s[i];
  const expChar = hex ? c === 'p' || c === 'P' : c === 'e' || c === 'E';
  if (expChar) {
    i++;
    if (i >= s.length) return undefined;
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') {
      i++;
      esign = -1;
    }
    if (!isDigit(s[i])) return undefined;
    let e = 0;
    for (; i < s.length && (isDigit(s[i]) || s[i] === '_'); i++) {
      if (s[i] === '_') {
        underscores = true;
        continue;
      }
      if (e < 10000) e = e * 10 + (s.charCodeAt(i) - 48);
    }
    binExp = e * esign;
  } else if (hex) {
    return undefined; // a hex mantissa needs a p exponent
  }
  const text = s.slice(0, i);
  if (underscores && !underscoreOK(text)) return undefined;
  return {
    end: i,
    hex,
    neg,
    cleaned: text.replaceAll('_', ''),
    mantissaHex,
    binExp: binExp - 4 * fracHexDigits,
  };
}

/** underscoreOK mirrors Go: underscores only between digits, or after a base prefix. */
export function underscoreOK(text: string): boolean {
  let s = text;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /^[bBoOxX]$/.test(s[1] ?? '')) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if (isDigit(c) || (hex && isHexLetter(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** hexToFloat rounds mantissa * 2^binExp to the nearest float64 (ties to even), like Go. */
function hexToFloat(lit: FloatLiteral): number {
  const m = BigInt(`0x${lit.mantissaHex}`);
  if (m === 0n) return lit.neg ? -0 : 0;
  const bits = m.toString(2).length;
  // Choose the scale so the rounded integer has at most 53 bits; never below the subnormal floor.
  const scale = Math.max(bits + lit.binExp - 53, -1074);
  let q: bigint;
  const shift = scale - lit.binExp;
  if (shift <= 0) {
    q = m << BigInt(-shift);
  } else {
    const big = BigInt(shift);
    q = m >> big;
    const rem = m - (q << big);
    const half = 1n << (big - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  // Exact: q has at most 53 bits and scale >= -1074, so the product is representable (or overflows).
  const value = Number(q) * 2 ** scale;
  return lit.neg ? -value : value;
}
