// Go's fmt package for the values templates handle: Sprint, Sprintln, Sprintf with verbs, flags,
// width and precision, including Go's error annotations (%!d(string=x), %!v(MISSING), …).
import { formatFloat } from './float-format.ts';
import { sortedEntries } from './map-order.ts';
import { isPrint, quoteGo, quoteRune, utf8Bytes } from './quote.ts';
import {
  GoFunc,
  GoNum,
  GoStruct,
  type GoValue,
  Iface,
  infoOf,
  isNilCollection,
  structMethod,
  typeName,
} from './values.ts';

interface Flags {
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

const noFlags = (): Flags => ({
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

function pad(f: Flags, s: string): string {
  if (f.wid === undefined) return s;
  const width = f.wid - runeCount(s);
  if (width <= 0) return s;
  if (f.minus) return s + ' '.repeat(width);
  return (f.zero ? '0' : ' ').repeat(width) + s;
}

/** stringerOf returns the String() result when the value implements fmt.Stringer. */
export function stringerOf(v: GoValue): string | undefined {
  if (v instanceof GoStruct) {
    const m = structMethod(v, 'String');
    if (m && m.params.length === 0) return String(m.fn());
  }
  return undefined;
}

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

function truncate(f: Flags, s: string): string {
  if (f.prec === undefined) return s;
  return [...s].slice(0, f.prec).join('');
}

function fmtString(f: Flags, s: string, verb: string, arg: GoValue): string {
  switch (verb) {
    case 'v':
      return f.sharpV ? pad(f, quoteGo(s)) : pad(f, truncate(f, s));
    case 's':
      return pad(f, truncate(f, s));
    case 'q': {
      const t = truncate(f, s);
      if (f.sharp && !/[`\u0000-\u0008\u000a-\u001f\u007f\ufeff]/.test(t))
        return pad(f, `\`${t}\``);
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
  return badVerb(f, verb, arg);
}

function fmtFloat(f: Flags, v: number, verb: string): string {
  let fm: string;
  let prec: number;
  if (verb === 'v') [fm, prec] = ['g', -1];
  else if (verb === 'g' || verb === 'G' || verb === 'b' || verb === 'x' || verb === 'X')
    [fm, prec] = [verb, -1];
  else if (verb === 'e' || verb === 'E' || verb === 'f') [fm, prec] = [verb, 6];
  else if (verb === 'F') [fm, prec] = ['f', 6];
  else return badVerb(f, verb, v);
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

function fmtIntVerb(f: Flags, v: bigint, signed: boolean, verb: string, arg: GoValue): string {
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
  return badVerb(f, verb, arg);
}

function badVerb(f: Flags, verb: string, arg: GoValue): string {
  if (arg === null || arg === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(arg)}=${printArg(f, arg, 'v', 1)})`;
}

/** printArg formats one operand for a verb (depth > 0 inside slices, maps and structs). */
function printArg(f: Flags, arg: GoValue, verb: string, depth = 0): string {
  if (arg instanceof Iface) {
    if (arg.value === null || arg.value === undefined)
      return depth > 0 ? '<nil>' : printArg(f, null, verb);
    arg = arg.value;
  }
  if (arg === null || arg === undefined) {
    if (depth > 0) return f.sharpV ? 'interface {}(nil)' : '<nil>';
    return verb === 'T' || verb === 'v' ? pad(f, '<nil>') : badVerb(f, verb, arg);
  }
  if (verb === 'T') return pad(f, typeName(arg));
  if ('vsxXq'.includes(verb) && !f.sharpV) {
    const s = stringerOf(arg);
    if (s !== undefined) return fmtString(f, s, verb, arg);
  }
  switch (typeof arg) {
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(f, String(arg)) : badVerb(f, verb, arg);
    case 'number':
      return fmtFloat(f, arg, verb);
    case 'bigint':
      return fmtIntVerb(f, arg, true, verb, arg);
    case 'string':
      return fmtString(f, arg, verb, arg);
  }
  if (arg instanceof GoNum) return fmtIntVerb(f, arg.value, !arg.type.startsWith('u'), verb, arg);
  if (Array.isArray(arg)) {
    if (f.sharpV)
      return `${infoOf(arg).name}{${arg.map((e) => printArg(f, e, verb, depth + 1)).join(', ')}}`;
    return `[${arg.map((e) => printArg(f, e, verb, depth + 1)).join(' ')}]`;
  }
  if (arg instanceof Map) {
    const parts = sortedEntries(arg).map(
      ([k, v]) => `${printArg(f, k, verb, depth + 1)}:${printArg(f, v, verb, depth + 1)}`,
    );
    if (f.sharpV) {
      return isNilCollection(arg)
        ? `${infoOf(arg).name}(nil)`
        : `${infoOf(arg).name}{${parts.join(', ')}}`;
    }
    return `map[${parts.join(' ')}]`;
  }
  if (arg instanceof GoStruct) {
    const parts = arg.fields.map(
      (fl) => (f.plusV || f.sharpV ? `${fl.name}:` : '') + printArg(f, fl.value, verb, depth + 1),
    );
    return f.sharpV ? `${arg.type}{${parts.join(', ')}}` : `{${parts.join(' ')}}`;
  }
  if (arg instanceof GoFunc) return pad(f, '0x0');
  return badVerb(f, verb, arg);
}

/** formatValue is fmt.Sprint of one value: how a template prints a pipeline result. */
export function formatValue(v: GoValue): string {
  return printArg(noFlags(), v, 'v');
}

const isStringArg = (a: GoValue): boolean => typeof a === 'string';

/** sprint is fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  let prevString = false;
  args.forEach((a, i) => {
    const isString = isStringArg(a);
    if (i > 0 && !isString && !prevString) out += ' ';
    out += printArg(noFlags(), a, 'v');
    prevString = isString;
  });
  return out;
}

/** sprintln is fmt.Sprintln: operands separated by spaces, then a newline. */
export function sprintln(args: readonly GoValue[]): string {
  return `${args.map((a) => printArg(noFlags(), a, 'v')).join(' ')}\n`;
}

function parseNum(s: string, i: number): { n?: number; i: number } {
  let j = i;
  while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++;
  if (j === i) return { i };
  const n = Number(s.slice(i, j));
  return n > 1e6 ? { i: j } : { n, i: j };
}

function intArg(a: GoValue): number | undefined {
  if (typeof a === 'bigint' || a instanceof GoNum) {
    const v = typeof a === 'bigint' ? a : a.value;
    return v > 1000000n || v < -1000000n ? undefined : Number(v);
  }
  return undefined;
}

/** sprintf is fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const end = format.length;
  const argNumber = (at: number): { at: number; after: boolean; good: boolean } => {
    if (format[at] !== '[') return { at, after: false, good: true };
    reordered = true;
    const close = format.indexOf(']', at);
    if (close < 0) return { at, after: false, good: false };
    const n = Number(format.slice(at + 1, close));
    if (!/^\d+$/.test(format.slice(at + 1, close)) || n < 1 || n > args.length) {
      return { at: close + 1, after: true, good: false };
    }
    argNum = n - 1;
    return { at: close + 1, after: true, good: true };
  };
  while (i < end) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f = noFlags();
    let good = true;
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          break flags;
      }
    }
    let r = argNumber(i);
    i = r.at;
    good &&= r.good;
    let afterIndex = r.after;
    if (format[i] === '*') {
      i++;
      const w = intArg(args[argNum]);
      argNum++;
      if (w === undefined) out += '%!(BADWIDTH)';
      else {
        f.wid = Math.abs(w);
        if (w < 0) [f.minus, f.zero] = [true, false];
      }
      afterIndex = false;
    } else {
      const p = parseNum(format, i);
      if (p.n !== undefined) f.wid = p.n;
      i = p.i;
      if (afterIndex && f.wid !== undefined) good = false;
    }
    if (i < end && format[i] === '.') {
      i++;
      if (afterIndex) good = false;
      r = argNumber(i);
      i = r.at;
      good &&= r.good;
      afterIndex = r.after;
      if (format[i] === '*') {
        i++;
        const p = intArg(args[argNum]);
        argNum++;
        if (p === undefined) out += '%!(BADPREC)';
        else if (p >= 0) f.prec = p;
        afterIndex = false;
      } else {
        const p = parseNum(format, i);
        f.prec = p.n ?? 0;
        i = p.i;
      }
    }
    if (!afterIndex) {
      r = argNumber(i);
      i = r.at;
      good &&= r.good;
    }
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') out += '%';
    else if (!good) out += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) out += `%!${verb}(MISSING)`;
    else {
      if (verb === 'v') {
        [f.sharpV, f.sharp, f.plusV, f.plus] = [f.sharp, false, f.plus, false];
      }
      out += printArg(f, args[argNum], verb);
      argNum++;
    }
  }
  if (!reordered && argNum < args.length) {
    const extra = args
      .slice(argNum)
      .map((a) =>
        a === null || a === undefined ? '<nil>' : `${typeName(a)}=${printArg(noFlags(), a, 'v')}`,
      );
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
