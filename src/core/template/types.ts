// Go-style argument checking shared by the executor and the function library: which values a
// parameter of a given Go type accepts, and how Go phrases the refusal.
import { type GoValue, Iface, isInterfaceType, typeName, unwrap, zeroOf } from './values.ts';

/** FuncError is an error returned (or panicked) by a template function; Go wraps it as `error calling <name>: …`. */
export class FuncError extends Error {
  override readonly name = 'FuncError';
}

/** canBeNil is Go's canBeNil: interfaces, slices, maps, funcs and reflect.Value. */
export function canBeNil(t: string): boolean {
  return (
    isInterfaceType(t) ||
    t === 'reflect.Value' ||
    t.startsWith('[]') ||
    t.startsWith('map[') ||
    t.startsWith('func')
  );
}

/** ArgTypeError carries Go's wording for a value that does not fit a parameter. */
export class ArgTypeError extends Error {
  override readonly name = 'ArgTypeError';
}

/** coerceArg is Go's validateType: returns the value to pass, or throws ArgTypeError. */
export function coerceArg(v: GoValue, t: string | null): GoValue {
  if (t === null) return v === null ? undefined : v;
  if (t === 'reflect.Value') {
    // A nil held in an interface stays distinguishable from a missing value (len tells them apart).
    if (
      v instanceof Iface &&
      (!isInterfaceType(v.type) || v.value === null || v.value === undefined)
    )
      return v;
    return unwrapNil(v);
  }
  if (v === undefined || v === null) {
    if (canBeNil(t)) return isInterfaceType(t) ? null : zeroOf(t);
    throw new ArgTypeError(`invalid value; expected ${t}`);
  }
  if (t === 'interface {}') return unwrap(v);
  if (v instanceof Iface) {
    if (v.type === t) return v;
    if (v.value === null || v.value === undefined) {
      throw new ArgTypeError(`wrong type for value; expected ${t}; got ${v.type}`);
    }
    v = v.value;
  }
  const actual = typeName(v);
  if (actual === t || (t === 'update.ImageRef' && actual === 'update.imageRef')) return v;
  throw new ArgTypeError(`wrong type for value; expected ${t}; got ${actual}`);
}

function unwrapNil(v: GoValue): GoValue {
  const u = unwrap(v);
  return u === null ? undefined : u;
}
