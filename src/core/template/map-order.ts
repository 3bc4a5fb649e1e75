// Go's internal/fmtsort ordering, used both when printing maps and when ranging over them.
import { GoNum, GoStruct, type GoValue, Iface, unwrap } from './values.ts';

/** compareStrings orders strings by their UTF-8 bytes, as Go does (code point order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** compareKeys is fmtsort's compare for map keys of one type. */
export function compareKeys(a: GoValue, b: GoValue): number {
  a = unwrap(a);
  b = unwrap(b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
    if (Number.isNaN(b)) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const ai = typeof a === 'bigint' ? a : a instanceof GoNum ? a.value : undefined;
  const bi = typeof b === 'bigint' ? b : b instanceof GoNum ? b.value : undefined;
  if (ai !== undefined && bi !== undefined) return ai < bi ? -1 : ai > bi ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof GoStruct && b instanceof GoStruct) {
    for (let i = 0; i < a.fields.length; i++) {
      const c = compareKeys(a.fields[i]!.value, b.fields[i]?.value);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  return 0;
}

/** sortedEntries returns a map's entries in Go's printing/range order. */
export function sortedEntries(m: Map<GoValue, GoValue>): [GoValue, GoValue][] {
  return [...m.entries()].sort((x, y) => compareKeys(x[0], y[0]));
}

/** goEqual is Go's == on comparable values (used for map lookups with struct keys). */
export function goEqual(a: GoValue, b: GoValue): boolean {
  if (a instanceof Iface || b instanceof Iface) return goEqual(unwrap(a), unwrap(b));
  if (a instanceof GoStruct && b instanceof GoStruct) {
    return (
      a.type === b.type &&
      a.fields.length === b.fields.length &&
      a.fields.every((f, i) => goEqual(f.value, b.fields[i]!.value))
    );
  }
  if (a instanceof GoNum && b instanceof GoNum) return a.type === b.type && a.value === b.value;
  return a === b;
}
