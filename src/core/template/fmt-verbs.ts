// fmt's per-type verb formatting (integers, floats, strings) with flags, width and precision.
// Each returns undefined for a verb the type does not support; the caller prints %!verb(…).
import { formatFloat } from './float-format.ts';
import { isPrint, quoteGo, quoteRune, utf8Bytes } from './quote.ts';

/** Flags is fmt's per-verb state. */
export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid?: number;
  prec?: number;
}

/** noFlags is the state of a plain %v. */
export const noFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
});

const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** pad applies width (in runes), left or right, with spaces or zeros. */
export function pad(f: Flags, s: string): string {
  if (f.wid === undefined) return s;
  const width = f.wid - runeCount(s);
  if (width <= 0) return s;
  if (f.minus) return s + ' '.repeat(width);
  return (f.zero ? '0' : ' ').repeat(width) + s;
}

/** stringerOf returns the String() result when the value implements fmt.Stringer. */

function fmtInteger(f: Flags, v: bigint, signed: boolean, verb: string): string {
  const neg = signed && v < 0n;
  let u = neg ? -v : v;
  if (!signed && u < 0n) u = BigInt.asUintN(64, u);
  const base = { d: 10, v: 10, b: 2, o: 8, O: 8, x: 16, X: 16 }[verb as 'd'] ?? 10;
  let prec = -1;
  if (f.prec !== undefined) {
    prec = f.prec;
    if (prec === 0 && u === 0n) return pad({ ...f, zero: false }, '');
  } else if (f.zero && !f.minus && f.wid !== undefined) {
    prec = f.wid;
    if (neg || f.plus || f.space) prec--;
  }
  let s = u.toString(base);
  if (verb === 'X') s = s.toUpperCase();
  if (prec > s.length) s = '0'.repeat(prec - s.length) + s;
  if (f.sharp) {
    if (base === 2) s = `0b${s}`;
    else if (base === 8 && s[0] !== '0') s = `0${s}`;
    else if (base === 16) s = (verb === 'X' ? '0X' : '0x') + s;
  }
  if (verb === 'O') s = `0o${s}`;
  if (neg) s = `-${s}`;
  else if (f.plus) s = `+${s}`;
  else if (f.space) s = ` ${s}`;
  return pad({ ...f, zero: false }, s);
}

/** canBackquote is strconv.CanBackquote: no backquote, no control characters but tab. */
function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '`' || c === 0xfeff || c === 0x7f || (c < 0x20 && c !== 9)) return false;
  }
  return true;
}

function truncate(f: Flags, s: string): string {
  if (f.prec === undefined) return s;
  return [...s].slice(0, f.prec).join('');
}

/** fmtString formats a string for s v q x X. */
export function fmtString(f: Flags, s: string, verb: string): string | undefined {
  switch (verb) {
    case 'v':
      return f.sharpV ? pad(f, quoteGo(s)) : pad(f, truncate(f, s));
    case 's':
      return pad(f, truncate(f, s));
    case 'q': {
      const t = truncate(f, s);
      if (f.sharp && canBackquote(t)) return pad(f, `\`${t}\``);
      return pad(f, quoteGo(t, f.plus));
    }
    case 'x':
    case 'X': {
      let b = [...utf8Bytes(s)];
      if (f.prec !== undefined) b = b.slice(0, f.prec);
      const parts = b.map((x) => {
        const h = x.toString(16).padStart(2, '0');
        return verb === 'X' ? h.toUpperCase() : h;
      });
      const pre = verb === 'X' ? '0X' : '0x';
      const out = f.space
        ? parts.map((p) => (f.sharp ? pre + p : p)).join(' ')
        : (f.sharp && parts.length ? pre : '') + parts.join('');
      return pad(f, out);
    }
  }
  return undefined;
}

/** fmtFloat formats a float64 for v b e E f F g G x X. */
export function fmtFloat(f: Flags, v: number, verb: string): string | undefined {
  let fm: string;
  let prec: number;
  if (verb === 'v') [fm, prec] = ['g', -1];
  else if (verb === 'g' || verb === 'G' || verb === 'b' || verb === 'x' || verb === 'X')
    [fm, prec] = [verb, -1];
  else if (verb === 'e' || verb === 'E' || verb === 'f') [fm, prec] = [verb, 6];
  else if (verb === 'F') [fm, prec] = ['f', 6];
  else return undefined;
  if (f.prec !== undefined) prec = f.prec;
  let num = formatFloat(v, fm, prec);
  if (num[0] !== '-' && num[0] !== '+') num = `+${num}`;
  if (f.space && num[0] === '+' && !f.plus) num = ` ${num.slice(1)}`;
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad({ ...f, zero: false }, num);
  }
  if (f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
  if (f.plus || num[0] !== '+') {
    if (f.zero && !f.minus && f.wid !== undefined && f.wid > num.length) {
      return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
    }
    return pad(f, num);
  }
  return pad(f, num.slice(1));
}

/** sharpFloat applies Go's '#' flag to a formatted float: keep the point, pad digits. */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
  let tail = '';
  let body = num;
  let hasPoint = false;
  let sawNonzero = false;
  for (let i = 1; i < body.length; i++) {
    const c = body[i]!;
    if (c === '.') hasPoint = true;
    else if (c === 'p' || c === 'P') {
      tail = body.slice(i);
      body = body.slice(0, i);
      break;
    } else if ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X') {
      tail = body.slice(i);
      body = body.slice(0, i);
      break;
    } else {
      if (c !== '0') sawNonzero = true;
      if (sawNonzero) digits--;
    }
  }
  if (!hasPoint) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  while (digits > 0) {
    body += '0';
    digits--;
  }
  return body + tail;
}

/** fmtIntVerb formats an integer for v d b o O x X c q U. */
export function fmtIntVerb(f: Flags, v: bigint, signed: boolean, verb: string): string | undefined {
  switch (verb) {
    case 'v':
    case 'd':
    case 'b':
    case 'o':
    case 'O':
    case 'x':
    case 'X':
      return fmtInteger(f, v, signed, verb);
    case 'c':
      return pad(f, String.fromCodePoint(v < 0n || v > 0x10ffffn ? 0xfffd : Number(v)));
    case 'q': {
      const r = v < 0n || v > 0x10ffffn ? 0xfffd : Number(v);
      if (f.sharp && isPrint(r)) return pad(f, `'${String.fromCodePoint(r)}'`);
      return pad(f, quoteRune(r, f.plus));
    }
    case 'U': {
      let s = `U+${BigInt.asUintN(64, v)
        .toString(16)
        .toUpperCase()
        .padStart(f.prec ?? 4, '0')}`;
      const r = Number(v);
      if (f.sharp && v >= 0n && v <= 0x10ffffn && isPrint(r)) s += ` '${String.fromCodePoint(r)}'`;
      return pad({ ...f, zero: false }, s);
    }
  }
  return undefined;
}
