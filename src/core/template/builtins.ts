// Go text/template's predefined functions (and, or, not, len, index, slice, print*, html, js,
// urlquery, call, eq, ne, lt, le, gt, ge) with Go's argument rules and error texts.
import { goEscapeJS, htmlEscape, queryEscape } from './escape.ts';
import { formatValue, sprint, sprintf, sprintln } from './fmt.ts';
import { compareStrings, goEqual } from './map-order.ts';
import { byteLength, sliceBytes, utf8Bytes } from './quote.ts';
import { coerceArg, FuncError } from './types.ts';
import {
  GoFunc,
  GoNum,
  type GoValue,
  Iface,
  infoOf,
  intValue,
  isInterfaceType,
  isNilCollection,
  kindOf,
  typed,
  typeName,
  unwrap,
  zeroOf,
} from './values.ts';

const RV = 'reflect.Value';
const ANY = 'interface {}';

const fail = (msg: string): never => {
  throw new FuncError(msg);
};

function indexArg(index: GoValue, cap: number): number {
  const x = intValue(index);
  if (x === undefined) {
    if (index === undefined || index === null) fail('cannot index slice/array with nil');
    fail(`cannot index slice/array with type ${typeName(index)}`);
  }
  if (x! < 0n || x! > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}

function elemOf(coll: GoValue[] | Map<GoValue, GoValue>, v: GoValue): GoValue {
  const e = infoOf(coll).elem;
  return isInterfaceType(e) && !(v instanceof Iface) ? new Iface(e, v) : v;
}

/** goIndex is Go's index builtin. */
export function goIndex(item: GoValue, ...indexes: GoValue[]): GoValue {
  item = unwrap(item);
  if (item === undefined || item === null) fail('index of untyped nil');
  for (let index of indexes) {
    index = unwrap(index);
    const v = unwrap(item);
    if (typeof v === 'string') {
      const x = indexArg(index, byteLength(v));
      const b = utf8Bytes(v);
      if (x >= b.length) fail('reflect: string index out of range');
      item = new GoNum('uint8', BigInt(b[x]!));
    } else if (Array.isArray(v)) {
      const x = indexArg(index, v.length);
      if (x >= v.length) fail('reflect: slice index out of range');
      item = elemOf(v, v[x]);
    } else if (v instanceof Map) {
      const info = infoOf(v);
      const keyType = info.key ?? 'string';
      if (index === undefined || index === null) fail(`value is nil; should be of type ${keyType}`);
      if (typeName(index) !== keyType && keyType !== ANY) {
        fail(`value has type ${typeName(index)}; should be ${keyType}`);
      }
      let found: GoValue;
      let has = false;
      if (typeof index === 'string') [has, found] = [v.has(index), v.get(index)];
      else {
        for (const [k, e] of v) if (goEqual(k, index)) [has, found] = [true, e];
      }
      item = has ? elemOf(v, found) : zeroOf(info.elem);
    } else {
      fail(`can't index item of type ${typeName(v)}`);
    }
  }
  return item;
}

/** goSlice is Go's slice builtin (sprig's list `slice` replaces it in Flux's function map). */
export function goSlice(item: GoValue, ...indexes: GoValue[]): GoValue {
  const v = unwrap(item);
  if (v === undefined || v === null) fail('slice of untyped nil');
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  if (typeof v === 'string') {
    if (indexes.length === 3) fail('cannot 3-index slice a string');
    cap = byteLength(v);
  } else if (Array.isArray(v)) cap = v.length;
  else return fail(`can't slice item of type ${typeName(v)}`);
  const idx = [0, cap, cap];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(unwrap(x), cap);
  });
  if (idx[0]! > idx[1]!) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof v === 'string') return sliceBytes(v, idx[0]!, idx[1]!);
  return typed((v as GoValue[]).slice(idx[0], idx[1]), { ...infoOf(v as GoValue[]), nil: false });
}

function goLen(item: GoValue): bigint {
  if (item instanceof Iface && (item.value === null || item.value === undefined))
    return fail('len of nil pointer');
  const v = unwrap(item);
  if (v === undefined || v === null)
    return fail('reflect: call of reflect.Value.Type on zero Value');
  if (typeof v === 'string') return BigInt(byteLength(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof Map) return BigInt(v.size);
  return fail(`len of type ${typeName(v)}`);
}

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';
function basicKind(v: GoValue): BasicKind {
  const k = kindOf(v);
  return k === 'bool' || k === 'int' || k === 'uint' || k === 'float' || k === 'string'
    ? k
    : 'invalid';
}
const badType = 'invalid type for comparison';
const isNilValue = (v: GoValue): boolean => v === undefined || v === null || isNilCollection(v);
const num = (v: GoValue): bigint | number | string | boolean =>
  intValue(v) ?? (v as number | string | boolean);

function goEq(a1: GoValue, ...rest: GoValue[]): boolean {
  a1 = unwrap(a1);
  if (rest.length === 0) fail('missing argument for comparison');
  const k1 = basicKind(a1);
  for (let arg of rest) {
    arg = unwrap(arg);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) {
        truth = intValue(a1)! >= 0n && intValue(a1) === intValue(arg);
      } else if (a1 !== undefined && a1 !== null && arg !== undefined && arg !== null) {
        fail(`incompatible types for comparison: ${typeName(a1)} and ${typeName(arg)}`);
      }
    } else if (k1 !== 'invalid') {
      truth = num(a1) === num(arg);
    } else {
      const kk1 = kindOf(a1);
      const kk2 = kindOf(arg);
      if (kk1 !== kk2 && kk1 !== 'invalid' && kk2 !== 'invalid') {
        fail(
          `non-comparable types ${sprintf('%s', [a1])}: ${typeName(a1)}, ${typeName(arg)}: ${formatValue(arg)}`,
        );
      }
      if (isNilValue(a1) || isNilValue(arg)) truth = isNilValue(a1) === isNilValue(arg);
      else if (kk2 === 'slice' || kk2 === 'map' || kk2 === 'func') {
        fail(`non-comparable type ${sprintf('%s', [arg])}: ${typeName(arg)}`);
      } else truth = goEqual(a1, arg);
    }
    if (truth) return true;
  }
  return false;
}

function goLt(a1: GoValue, a2: GoValue): boolean {
  a1 = unwrap(a1);
  a2 = unwrap(a2);
  const k1 = basicKind(a1);
  if (k1 === 'invalid') fail(badType);
  const k2 = basicKind(a2);
  if (k2 === 'invalid') fail(badType);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return intValue(a1)! < 0n || intValue(a1)! < intValue(a2)!;
    if (k1 === 'uint' && k2 === 'int') return intValue(a2)! >= 0n && intValue(a1)! < intValue(a2)!;
    fail(`incompatible types for comparison: ${typeName(a1)} and ${typeName(a2)}`);
  }
  if (k1 === 'bool') fail(badType);
  if (k1 === 'string') return compareStrings(a1 as string, a2 as string) < 0;
  return num(a1) < num(a2);
}

function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a)));
}

function goCall(name: GoValue, fn: GoValue, ...args: GoValue[]): GoValue {
  fn = unwrap(fn);
  if (fn === undefined || fn === null) fail('call of nil');
  if (!(fn instanceof GoFunc)) return fail(`non-function ${name} of type ${typeName(fn)}`);
  const n = fn.params.length;
  if (fn.variadic !== undefined ? args.length < n : args.length !== n) {
    fail(
      `wrong number of args for ${name}: got ${args.length} want ${fn.variadic ? 'at least ' : ''}${n}`,
    );
  }
  const argv = args.map((a, i) => {
    try {
      return coerceArg(a, fn.params[i] ?? fn.variadic!);
    } catch (err) {
      return fail(`arg ${i}: ${(err as Error).message}`);
    }
  });
  return fn.fn(...argv);
}

const f = (
  name: string,
  params: string[],
  variadic: string | undefined,
  fn: (...a: GoValue[]) => GoValue,
): [string, GoFunc] => [name, new GoFunc(name, params, variadic, fn)];

/** builtins is Go's predefined function map. */
export const builtins: ReadonlyMap<string, GoFunc> = new Map([
  f('and', [RV], RV, () => undefined),
  f('or', [RV], RV, () => undefined),
  f('call', [RV], RV, goCall),
  f('html', [], ANY, (...a) => htmlEscape(evalArgs(a))),
  f('js', [], ANY, (...a) => goEscapeJS(evalArgs(a))),
  f('urlquery', [], ANY, (...a) => queryEscape(evalArgs(a))),
  f('index', [RV], RV, goIndex),
  f('slice', [RV], RV, goSlice),
  f('len', [RV], undefined, goLen),
  f('not', [RV], undefined, (a) => !truthy(a)),
  f('print', [], ANY, (...a) => sprint(a)),
  f('printf', ['string'], ANY, (fmt, ...a) => sprintf(fmt as string, a)),
  f('println', [], ANY, (...a) => sprintln(a)),
  f('eq', [RV], RV, goEq),
  f('ne', [RV, RV], undefined, (a, b) => !goEq(a, b)),
  f('lt', [RV, RV], undefined, goLt),
  f('le', [RV, RV], undefined, (a, b) => goLt(a, b) || goEq(a, b)),
  f('gt', [RV, RV], undefined, (a, b) => !(goLt(a, b) || goEq(a, b))),
  f('ge', [RV, RV], undefined, (a, b) => !goLt(a, b)),
]);

function truthy(v: GoValue): boolean {
  v = unwrap(v);
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  const i = intValue(v);
  return i === undefined ? true : i !== 0n;
}
