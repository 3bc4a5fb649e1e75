// Conversions sprig relies on: spf13/cast's ToInt64/ToFloat64, sprig's strval/strslice/empty,
// reflect kind names and reflect.DeepEqual, over the engine's Go value model.
import { formatValue, stringerOf } from '../fmt.ts';
import { parseGoInt } from '../literals.ts';
import { FuncError } from '../types.ts';
import {
  GoFunc,
  GoNum,
  GoStruct,
  type GoValue,
  Iface,
  infoOf,
  typed,
  typeName,
  unwrap,
} from '../values.ts';

/** fail throws the error a sprig function returns or panics with. */
export const fail = (msg: string): never => {
  throw new FuncError(msg);
};

/** nilDeref is the panic Go raises when sprig calls reflect.TypeOf(nil).Kind(). */
export const nilDeref = 'runtime error: invalid memory address or nil pointer dereference';

const minInt64 = -(1n << 63n);

/** floatToInt64 is Go's int64(f) on amd64 (out of range → MinInt64). */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return minInt64;
  return BigInt(Math.trunc(f));
}

function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** toInt64 is cast.ToInt64 (errors become 0). */
export function toInt64(v: GoValue): bigint {
  v = unwrap(v);
  if (typeof v === 'bigint') return v;
  if (v instanceof GoNum) return BigInt.asIntN(64, v.value);
  if (typeof v === 'number') return floatToInt64(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    return parseGoInt(trimZeroDecimal(v)) ?? 0n;
  }
  return 0n;
}

/** toFloat64 is cast.ToFloat64 (errors become 0). */
export function toFloat64(v: GoValue): number {
  v = unwrap(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoNum) return Number(v.value);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim() === v ? v : '';
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(t)) return Number.NaN;
    if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(t)) return 0;
    return Number(t.replaceAll('_', ''));
  }
  return 0;
}

/** strval is sprig's strval: strings as-is, Stringers via String(), else %v. */
export function strval(v: GoValue): string {
  v = unwrap(v);
  if (typeof v === 'string') return v;
  const s = stringerOf(v);
  if (s !== undefined) return s;
  return formatValue(v === undefined ? null : v);
}

/** strslice is sprig's strslice: a list of strings, nils dropped. */
export function strslice(v: GoValue): string[] {
  v = unwrap(v);
  if (Array.isArray(v)) {
    return typed(
      v
        .map(unwrap)
        .filter((e) => e !== null && e !== undefined)
        .map(strval),
      { name: '[]string', elem: 'string' },
    );
  }
  if (v === null || v === undefined) return typed([], { name: '[]string', elem: 'string' });
  return typed([strval(v)], { name: '[]string', elem: 'string' });
}

/** isEmpty is sprig's empty. */
export function isEmpty(v: GoValue): boolean {
  v = unwrap(v);
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.length === 0;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'bigint') return v === 0n;
  if (v instanceof GoNum) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return false;
}

/** kindName is reflect.Kind.String() of a value (nil → invalid). */
export function kindName(v: GoValue): string {
  v = unwrap(v);
  if (v === null || v === undefined) return 'invalid';
  // A basic value's kind is spelled like its type (string, bool, float64, int, int64, …).
  if (typeof v !== 'object' || v instanceof GoNum) return typeName(v);
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  if (v instanceof GoStruct) return v.type.startsWith('*') ? 'ptr' : 'struct';
  if (v instanceof GoFunc) return 'func';
  return 'interface';
}

/** listKind returns the kind of a list argument, panicking on nil like sprig does. */
export function listKind(v: GoValue): string {
  if (unwrap(v) === null || unwrap(v) === undefined) fail(nilDeref);
  return kindName(v);
}

/** deepEqual is reflect.DeepEqual on interface values. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  a = unwrap(a);
  b = unwrap(b);
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (infoOf(a).name !== infoOf(b).name || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a instanceof Map && b instanceof Map) {
    if (infoOf(a).name !== infoOf(b).name || a.size !== b.size) return false;
    for (const [k, x] of a) if (!b.has(k) || !deepEqual(x, b.get(k))) return false;
    return true;
  }
  if (a instanceof GoStruct && b instanceof GoStruct) {
    return a.type === b.type && a.fields.every((f, i) => deepEqual(f.value, b.fields[i]?.value));
  }
  if (a instanceof GoNum && b instanceof GoNum) return a.type === b.type && a.value === b.value;
  if (a instanceof Iface || b instanceof Iface) return false;
  return a === b;
}
