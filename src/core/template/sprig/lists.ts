// sprig's list functions (list.go): each accepts any slice, returns []interface{}, and reports
// bad input with sprig's own messages (panics for the plain variant, errors for must*).
import { type GoValue, infoOf, typed, unwrap } from '../values.ts';
import { deepEqual, fail, isEmpty, listKind, toInt64 } from './cast.ts';
import { ANY, type Def, def, maxBuild } from './def.ts';

const asList = (v: GoValue, what: string): GoValue[] => {
  const k = listKind(v);
  const u = unwrap(v);
  if (!Array.isArray(u)) return fail(`${what} ${k}`);
  return u.map(unwrap);
};
const nilList = (): GoValue[] =>
  typed([], { name: '[]interface {}', elem: 'interface {}', nil: true });

type ListOp = (list: GoValue[], ...rest: GoValue[]) => GoValue;

/** both declares the panicking and the must* variant of a list function. */
function both(
  name: string,
  params: string[],
  variadic: string | undefined,
  what: string,
  op: ListOp,
): Def[] {
  const impl = (list: GoValue, ...rest: GoValue[]): GoValue => op(asList(list, what), ...rest);
  const must = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
  return [def(name, params, variadic, impl), def(must, params, variadic, impl)];
}

function slice(list: GoValue, ...indices: GoValue[]): GoValue {
  const k = listKind(list);
  const u = unwrap(list);
  if (!Array.isArray(u)) return fail(`list should be type of slice or array but ${k}`);
  if (u.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
  const end = indices.length < 2 ? u.length : Number(toInt64(indices[1]));
  if (start < 0 || end < start || end > u.length)
    fail('reflect.Value.Slice: slice index out of bounds');
  return typed(u.slice(start, end), { ...infoOf(u), nil: false });
}

function until(start: bigint, stop: bigint, step: bigint): GoValue[] {
  const v: GoValue[] = [];
  const push = (i: bigint): void => {
    if (v.length >= maxBuild / 8) fail(`tagpilot: list exceeds ${maxBuild / 8} elements`);
    v.push(i);
  };
  if (stop < start) {
    if (step >= 0n) return typed(v, { name: '[]int', elem: 'int' });
    for (let i = start; i > stop; i += step) push(i);
  } else if (step > 0n) {
    for (let i = start; i < stop; i += step) push(i);
  }
  return typed(v, { name: '[]int', elem: 'int' });
}

/** untilStep is sprig's untilStep, shared with seq. */
export { until as untilStep };

/** listFuncs are sprig's list functions. */
export const listFuncs: Def[] = [
  def('list', [], ANY, (...v: GoValue[]) => v.map(unwrap)),
  def('tuple', [], ANY, (...v: GoValue[]) => v.map(unwrap)),
  ...both('push', [ANY, ANY], undefined, 'Cannot push on type', (l, v) => [...l, unwrap(v)]),
  ...both('append', [ANY, ANY], undefined, 'Cannot push on type', (l, v) => [...l, unwrap(v)]),
  ...both('prepend', [ANY, ANY], undefined, 'Cannot prepend on type', (l, v) => [unwrap(v), ...l]),
  ...both('first', [ANY], undefined, 'Cannot find first on type', (l) => (l.length ? l[0] : null)),
  ...both('last', [ANY], undefined, 'Cannot find last on type', (l) =>
    l.length ? l[l.length - 1] : null,
  ),
  ...both('rest', [ANY], undefined, 'Cannot find rest on type', (l) =>
    l.length ? l.slice(1) : nilList(),
  ),
  ...both('initial', [ANY], undefined, 'Cannot find initial on type', (l) =>
    l.length ? l.slice(0, -1) : nilList(),
  ),
  ...both('reverse', [ANY], undefined, 'Cannot find reverse on type', (l) => [...l].reverse()),
  ...both('compact', [ANY], undefined, 'Cannot compact on type', (l) =>
    l.filter((x) => !isEmpty(x)),
  ),
  ...both('uniq', [ANY], undefined, 'Cannot find uniq on type', (l) => {
    const out: GoValue[] = [];
    for (const x of l) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  }),
  ...both('without', [ANY], ANY, 'Cannot find without on type', (l, ...omit) =>
    l.filter((x) => !omit.some((o) => deepEqual(x, o))),
  ),
  ...both('chunk', ['int', ANY], undefined, 'Cannot chunk type', (l) => l),
  def('has', [ANY, ANY], undefined, (needle: GoValue, hay: GoValue) => {
    const h = unwrap(hay);
    if (h === null || h === undefined) return false;
    return asList(h, 'Cannot find has on type').some((x) => deepEqual(needle, x));
  }),
  def('mustHas', [ANY, ANY], undefined, (needle: GoValue, hay: GoValue) => {
    const h = unwrap(hay);
    if (h === null || h === undefined) return false;
    return asList(h, 'Cannot find has on type').some((x) => deepEqual(needle, x));
  }),
  def('slice', [ANY], ANY, slice),
  def('mustSlice', [ANY], ANY, slice),
  def('concat', [], ANY, (...lists: GoValue[]) => {
    if (lists.length === 0) return nilList();
    const out: GoValue[] = [];
    for (const l of lists) {
      const k = listKind(l);
      const u = unwrap(l);
      if (!Array.isArray(u)) fail(`Cannot concat type ${k} as list`);
      out.push(...(u as GoValue[]).map(unwrap));
    }
    return out;
  }),
  def('until', ['int'], undefined, (n: bigint) => until(0n, n, n < 0n ? -1n : 1n)),
  def('untilStep', ['int', 'int', 'int'], undefined, until),
];

// chunk needs its size argument first; replace the generic definitions above.
const chunkImpl = (size: GoValue, list: GoValue): GoValue => {
  const l = asList(list, 'Cannot chunk type');
  const sz = Number(size as bigint);
  // Go computes the chunk count in float64 and converts back (±Inf/NaN become MinInt64).
  const csF = Math.floor((l.length - 1) / sz) + 1;
  const cs = Number.isFinite(csF) ? csF : Number.MIN_SAFE_INTEGER;
  const makeslice = 'runtime error: makeslice: len out of range';
  if (cs < 0) fail(makeslice);
  const out: GoValue[] = [];
  for (let i = 0; i < cs; i++) {
    let clen = sz;
    if (i === cs - 1) {
      clen = Math.floor(l.length % sz);
      if (clen === 0 || Number.isNaN(clen)) clen = sz;
    }
    if (clen < 0) fail(makeslice);
    const part: GoValue[] = [];
    for (let j = 0; j < clen; j++) {
      const ix = i * sz + j;
      if (ix < 0 || ix >= l.length) fail('reflect: slice index out of range');
      part.push(l[ix]);
    }
    out.push(part);
  }
  return typed(out, { name: '[][]interface {}', elem: '[]interface {}' });
};
for (const name of ['chunk', 'mustChunk']) {
  const i = listFuncs.findIndex(([n]) => n === name);
  listFuncs[i] = def(name, ['int', ANY], undefined, chunkImpl);
}
