// strconv.FormatFloat for float64 with the 'e', 'f' and 'g' formats, digit for digit: exact
// decimal expansion of the double, Go's round-half-even on exact ties, shortest digits from
// JavaScript (which, like Go, prints the shortest string that round-trips).

interface Digits {
  d: string; // significant digits, no trailing zeros ('' for zero)
  dp: number; // decimal point position
}

function exactDigits(f: number): Digits {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  if (mant === 0n) return { d: '', dp: 0 };
  let s: string;
  let dp: number;
  if (e >= 0) {
    s = (mant << BigInt(e)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-e)).toString();
    dp = s.length + e;
  }
  return { d: s.replace(/0+$/, ''), dp };
}

function shortestDigits(f: number): Digits {
  if (f === 0) return { d: '', dp: 0 };
  const [mant, exp] = f.toExponential().split('e') as [string, string];
  return { d: mant.replace('.', '').replace(/0+$/, ''), dp: Number(exp) + 1 };
}

function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x;
  const c = x.d[nd]!;
  let up: boolean;
  if (c !== '5') up = c > '5';
  else if (nd + 1 < x.d.length) up = true;
  else up = nd > 0 && Number(x.d[nd - 1]) % 2 === 1;
  if (!up) return { d: x.d.slice(0, nd).replace(/0+$/, ''), dp: x.dp };
  let i = nd - 1;
  while (i >= 0 && x.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return { d: x.d.slice(0, i) + String(Number(x.d[i]) + 1), dp: x.dp };
}

function fmtE(x: Digits, prec: number, ch: string): string {
  let s = x.d[0] ?? '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += x.d[i] ?? '0';
  }
  const exp = x.d.length === 0 ? 0 : x.dp - 1;
  const a = Math.abs(exp);
  return `${s}${ch}${exp < 0 ? '-' : '+'}${a < 10 ? `0${a}` : a}`;
}

function fmtF(x: Digits, prec: number): string {
  let s = '';
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) s += x.d[i] ?? '0';
  } else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = x.dp + i;
      s += j < 0 ? '0' : (x.d[j] ?? '0');
    }
  }
  return s;
}

function floatBits(f: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  const bits = view.getBigUint64(0);
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { mant, exp: exp - 1023 };
}

/** fmtB is strconv's 'b' format: decimal mantissa, binary exponent. */
function fmtB(f: number): string {
  const { mant, exp } = floatBits(f);
  const e = exp - 52;
  return `${f < 0 || Object.is(f, -0) ? '-' : ''}${mant}p${e >= 0 ? '+' : '-'}${Math.abs(e)}`;
}

/** fmtX is strconv's 'x' format with shortest precision: -0x1.yyyp±dd. */
function fmtX(f: number, upper: boolean): string {
  let { mant, exp } = floatBits(f);
  if (mant === 0n) exp = 0;
  mant <<= 8n;
  const top = 1n << 60n;
  while (mant !== 0n && (mant & top) === 0n) {
    mant <<= 1n;
    exp--;
  }
  const mask = (1n << 64n) - 1n;
  let s = `${f < 0 || Object.is(f, -0) ? '-' : ''}0x${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & mask;
  if (mant !== 0n) {
    s += '.';
    while (mant !== 0n) {
      s += ((mant >> 60n) & 15n).toString(16);
      mant = (mant << 4n) & mask;
    }
  }
  const a = Math.abs(exp);
  s += `p${exp < 0 ? '-' : '+'}${a < 10 ? `0${a}` : a}`;
  return upper ? s.toUpperCase() : s;
}

/** formatFloat is strconv.FormatFloat(f, fmt, prec, 64) for fmt in b e E f g G x X (prec -1 = shortest). */
export function formatFloat(f: number, fmt: string, prec: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (fmt === 'b') return fmtB(f);
  if ((fmt === 'x' || fmt === 'X') && prec < 0) return fmtX(f, fmt === 'X');
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  const shortest = prec < 0;
  let x: Digits;
  if (shortest) {
    x = shortestDigits(a);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(x.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(x.d.length - x.dp, 0);
    else prec = x.d.length;
  } else {
    x = exactDigits(a);
    if (fmt === 'e' || fmt === 'E') x = roundDigits(x, 1 + prec);
    else if (fmt === 'f') x = roundDigits(x, x.dp + prec);
    else {
      if (prec === 0) prec = 1;
      x = roundDigits(x, prec);
    }
  }
  let body: string;
  if (fmt === 'e' || fmt === 'E') body = fmtE(x, prec, fmt);
  else if (fmt === 'f') body = fmtF(x, prec);
  else {
    let eprec = prec;
    if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
    if (shortest) eprec = 6;
    const exp = x.dp - 1;
    if (exp < -4 || exp >= eprec) {
      if (prec > x.d.length) prec = x.d.length;
      body = fmtE(x, prec - 1, fmt === 'G' ? 'E' : 'e');
    } else {
      if (prec > x.dp) prec = x.d.length;
      body = fmtF(x, Math.max(prec - x.dp, 0));
    }
  }
  return neg ? `-${body}` : body;
}
