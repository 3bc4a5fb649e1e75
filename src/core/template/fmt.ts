// Go's fmt package for the values templates handle: Sprint, Sprintln, Sprintf with verbs, flags,
// width and precision, including Go's error annotations (%!d(string=x), %!v(MISSING), …).
import { type Flags, fmtFloat, fmtIntVerb, fmtString, noFlags, pad } from './fmt-verbs.ts';
import { sortedEntries } from './map-order.ts';
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

/** stringerOf returns the String() result when the value implements fmt.Stringer. */
export function stringerOf(v: GoValue): string | undefined {
  if (v instanceof GoStruct) {
    const known = v.constString;
    if (known !== undefined) return known;
    const m = structMethod(v, 'String');
    if (m && m.params.length === 0) return String(m.fn());
  }
  return undefined;
}

function badVerb(f: Flags, verb: string, arg: GoValue): string {
  if (arg === null || arg === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(arg)}=${printArg(f, arg, 'v', 1)})`;
}

/** printArg formats one operand for a verb (depth > 0 inside slices, maps and structs). */
function printArg(f: Flags, arg: GoValue, verb: string, depth = 0, methods = true): string {
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
  // Go calls String() only on values it may interface (not those behind unexported fields).
  if (methods && 'vsxXq'.includes(verb) && !f.sharpV) {
    const s = stringerOf(arg);
    if (s !== undefined) return fmtString(f, s, verb) ?? badVerb(f, verb, arg);
  }
  switch (typeof arg) {
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(f, String(arg)) : badVerb(f, verb, arg);
    case 'number':
      return fmtFloat(f, arg, verb) ?? badVerb(f, verb, arg);
    case 'bigint':
      return fmtIntVerb(f, arg, true, verb) ?? badVerb(f, verb, arg);
    case 'string':
      return fmtString(f, arg, verb) ?? badVerb(f, verb, arg);
  }
  if (arg instanceof GoNum)
    return fmtIntVerb(f, arg.value, !arg.type.startsWith('u'), verb) ?? badVerb(f, verb, arg);
  if (Array.isArray(arg)) {
    const elems = arg.map((e) => printArg(f, e, verb, depth + 1, methods));
    if (f.sharpV) {
      return isNilCollection(arg)
        ? `${infoOf(arg).name}(nil)`
        : `${infoOf(arg).name}{${elems.join(', ')}}`;
    }
    return `[${elems.join(' ')}]`;
  }
  if (arg instanceof Map) {
    const parts = sortedEntries(arg).map(
      ([k, v]) =>
        `${printArg(f, k, verb, depth + 1, methods)}:${printArg(f, v, verb, depth + 1, methods)}`,
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
      (fl) =>
        (f.plusV || f.sharpV ? `${fl.name}:` : '') +
        printArg(f, fl.value, verb, depth + 1, methods && !fl.unexported),
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
