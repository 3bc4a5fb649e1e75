// sprig's dict functions (dict.go). Go map iteration order is random, so keys/values/omit return
// insertion order here; templates that need an order should sortAlpha the result (as with Flux).
import { GoStruct, type GoValue, infoOf, typed, typeName, unwrap } from '../values.ts';
import { fail, isEmpty, strval } from './cast.ts';
import { ANY, type Def, DICT, def, stringList } from './def.ts';

type Dict = Map<GoValue, GoValue>;
const newDict = (): Dict => new Map();

function deepCopy(v: GoValue): GoValue {
  v = unwrap(v);
  if (Array.isArray(v)) return typed(v.map(deepCopy), infoOf(v));
  if (v instanceof Map) return typed(new Map([...v].map(([k, e]) => [k, deepCopy(e)])), infoOf(v));
  if (v instanceof GoStruct)
    return new GoStruct(
      v.type,
      v.fields.map((f) => ({ ...f, value: deepCopy(f.value) })),
      v.methods,
    );
  return v;
}

function mergeInto(dst: Dict, src: Dict, overwrite: boolean): void {
  for (const [k, sv] of src) {
    const s = unwrap(sv);
    const d = unwrap(dst.get(k));
    if (d instanceof Map && s instanceof Map) {
      mergeInto(d, s, overwrite);
    } else if (overwrite || ((!dst.has(k) || isEmpty(d)) && s !== null && s !== undefined)) {
      dst.set(k, s);
    }
  }
}

const merge =
  (overwrite: boolean) =>
  (dst: Dict, ...srcs: Dict[]): GoValue => {
    for (const s of srcs) if (s) mergeInto(dst, s, overwrite);
    return dst;
  };

function dig(...ps: GoValue[]): GoValue {
  if (ps.length < 3) fail('dig needs at least three arguments');
  const assertDict = (v: GoValue): Dict => {
    const u = unwrap(v);
    if (u instanceof Map && infoOf(u).name === DICT) return u;
    const t = u === null || u === undefined ? 'nil' : typeName(u);
    return fail(`interface conversion: interface {} is ${t}, not map[string]interface {}`);
  };
  let dict = assertDict(ps[ps.length - 1]);
  const dflt = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    const u = unwrap(k);
    if (typeof u !== 'string') {
      fail(
        `interface conversion: interface {} is ${u === null || u === undefined ? 'nil' : typeName(u)}, not string`,
      );
    }
    return u as string;
  });
  for (let i = 0; ; i++) {
    if (!dict.has(keys[i]!)) return dflt;
    const step = dict.get(keys[i]!);
    if (i === keys.length - 1) return step;
    dict = assertDict(step);
  }
}

/** dictFuncs are sprig's dict functions. */
export const dictFuncs: Def[] = [
  def('dict', [], ANY, (...v: GoValue[]) => {
    const d = newDict();
    for (let i = 0; i < v.length; i += 2)
      d.set(strval(v[i]), i + 1 < v.length ? unwrap(v[i + 1]) : '');
    return d;
  }),
  def('get', [DICT, 'string'], undefined, (d: Dict, k: string) => (d.has(k) ? d.get(k) : '')),
  def('set', [DICT, 'string', ANY], undefined, (d: Dict, k: string, v: GoValue) => {
    if (infoOf(d).nil) fail('assignment to entry in nil map');
    d.set(k, v);
    return d;
  }),
  def('unset', [DICT, 'string'], undefined, (d: Dict, k: string) => {
    d.delete(k);
    return d;
  }),
  def('hasKey', [DICT, 'string'], undefined, (d: Dict, k: string) => d.has(k)),
  def('pluck', ['string'], DICT, (k: string, ...ds: Dict[]) =>
    ds.filter((d) => d.has(k)).map((d) => d.get(k)),
  ),
  def('keys', [], DICT, (...ds: Dict[]) =>
    stringList(ds.flatMap((d) => [...d.keys()].map(String))),
  ),
  def('pick', [DICT], 'string', (d: Dict, ...ks: string[]) => {
    const out = newDict();
    for (const k of ks) if (d.has(k)) out.set(k, d.get(k));
    return out;
  }),
  def('omit', [DICT], 'string', (d: Dict, ...ks: string[]) => {
    const out = newDict();
    for (const [k, v] of d) if (!ks.includes(k as string)) out.set(k, v);
    return out;
  }),
  def('merge', [DICT], DICT, merge(false)),
  def('mustMerge', [DICT], DICT, merge(false)),
  def('mergeOverwrite', [DICT], DICT, merge(true)),
  def('mustMergeOverwrite', [DICT], DICT, merge(true)),
  def('values', [DICT], undefined, (d: Dict) => [...d.values()]),
  def('deepCopy', [ANY], undefined, deepCopy),
  def('mustDeepCopy', [ANY], undefined, deepCopy),
  def('dig', [], ANY, dig),
];
