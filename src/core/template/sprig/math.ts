// sprig's numeric functions (numeric.go and the arithmetic in functions.go): integer arithmetic
// in int64 with Go's wrap-around and panics, float arithmetic through decimals like sprig.
import { formatFloat } from '../float-format.ts';
import { parseGoInt } from '../literals.ts';
import { type GoValue, int64 } from '../values.ts';
import { fail, toFloat64, toInt64 } from './cast.ts';
import { decimalOp } from './decimal.ts';
import { ANY, type Def, def } from './def.ts';
import { untilStep } from './lists.ts';

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

function div(a: GoValue, b: GoValue): GoValue {
  const x = toInt64(a);
  const y = toInt64(b);
  if (y === 0n) fail('runtime error: integer divide by zero');
  return int64(x / y);
}
function mod(a: GoValue, b: GoValue): GoValue {
  const x = toInt64(a);
  const y = toInt64(b);
  if (y === 0n) fail('runtime error: integer divide by zero');
  return int64(x % y);
}

function round(a: GoValue, p: bigint, ...opt: number[]): number {
  const roundOn = opt.length > 0 ? opt[0]! : 0.5;
  const val = toFloat64(a);
  const pow = 10 ** Number(p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

function seq(...params: bigint[]): string {
  const join = (v: GoValue[]): string => v.map(String).join(' ');
  if (params.length === 1) {
    const end = params[0]!;
    const inc = end < 1n ? -1n : 1n;
    return join(untilStep(1n, end + inc, inc));
  }
  if (params.length === 2) {
    const [start, end] = params as [bigint, bigint];
    const step = end < start ? -1n : 1n;
    return join(untilStep(start, end + step, step));
  }
  if (params.length === 3) {
    const [start, step, end] = params as [bigint, bigint, bigint];
    let inc = 1n;
    if (end < start) {
      inc = -1n;
      if (step > 0n) return '';
    }
    return join(untilStep(start, end + inc, step));
  }
  return '';
}

/** extreme is sprig's max (sign 1) or min (sign -1) over int64 conversions. */
function extreme(a: GoValue, rest: GoValue[], sign: bigint): bigint {
  let best = toInt64(a);
  for (const x of rest) {
    const v = toInt64(x);
    if ((v - best) * sign > 0n) best = v;
  }
  return best;
}

/** mathFuncs are sprig's numeric functions. */
export const mathFuncs: Def[] = [
  def('atoi', ['string'], undefined, (s: string) => {
    if (!/^[+-]?\d+$/.test(s)) return 0n;
    // strconv.Atoi clamps out-of-range values (sprig ignores the error).
    const v = BigInt(s);
    const max = (1n << 63n) - 1n;
    return v > max ? max : v < -max - 1n ? -max - 1n : v;
  }),
  def('int64', [ANY], undefined, (v: GoValue) => int64(toInt64(v))),
  def('int', [ANY], undefined, (v: GoValue) => toInt64(v)),
  def('float64', [ANY], undefined, toFloat64),
  def('seq', [], 'int', seq),
  def('toDecimal', [ANY], undefined, (v: GoValue) => {
    const s =
      typeof v === 'string'
        ? v
        : typeof v === 'number'
          ? formatFloat(v, 'g', -1)
          : String(v ?? '<nil>');
    if (!/^[+-]?[0-7]+$/.test(s)) return int64(0n);
    const n = parseGoInt(s.replace(/^([+-]?)/, '$10o'));
    return int64(n ?? 0n);
  }),
  def('add1', [ANY], undefined, (v: GoValue) => int64(wrap(toInt64(v) + 1n))),
  def('add', [], ANY, (...v: GoValue[]) =>
    int64(v.reduce<bigint>((s, x) => wrap(s + toInt64(x)), 0n)),
  ),
  def('sub', [ANY, ANY], undefined, (a: GoValue, b: GoValue) =>
    int64(wrap(toInt64(a) - toInt64(b))),
  ),
  def('div', [ANY, ANY], undefined, div),
  def('mod', [ANY, ANY], undefined, mod),
  def('mul', [ANY], ANY, (a: GoValue, ...v: GoValue[]) =>
    int64(v.reduce<bigint>((s, x) => wrap(s * toInt64(x)), toInt64(a))),
  ),
  def('randInt', ['int', 'int'], undefined, (min: bigint, max: bigint) => {
    if (max - min <= 0n) fail('invalid argument to Intn');
    return min + BigInt(Math.floor(Math.random() * Number(max - min)));
  }),
  def('add1f', [ANY], undefined, (a: GoValue) => decimalOp(toFloat64(a), [1], 'add')),
  def('addf', [], ANY, (...v: GoValue[]) => decimalOp(0, v.map(toFloat64), 'add')),
  def('subf', [ANY], ANY, (a: GoValue, ...v: GoValue[]) =>
    decimalOp(toFloat64(a), v.map(toFloat64), 'sub'),
  ),
  def('divf', [ANY], ANY, (a: GoValue, ...v: GoValue[]) => {
    return decimalOp(toFloat64(a), v.map(toFloat64), 'div');
  }),
  def('mulf', [ANY], ANY, (a: GoValue, ...v: GoValue[]) =>
    decimalOp(toFloat64(a), v.map(toFloat64), 'mul'),
  ),
  def('biggest', [ANY], ANY, (a: GoValue, ...v: GoValue[]) => int64(extreme(a, v, 1n))),
  def('max', [ANY], ANY, (a: GoValue, ...v: GoValue[]) => int64(extreme(a, v, 1n))),
  def('min', [ANY], ANY, (a: GoValue, ...v: GoValue[]) => int64(extreme(a, v, -1n))),
  def('maxf', [ANY], ANY, (a: GoValue, ...v: GoValue[]) =>
    v.map(toFloat64).reduce((m, x) => Math.max(m, x), toFloat64(a)),
  ),
  def('minf', [ANY], ANY, (a: GoValue, ...v: GoValue[]) =>
    v.map(toFloat64).reduce((m, x) => Math.min(m, x), toFloat64(a)),
  ),
  def('ceil', [ANY], undefined, (a: GoValue) => Math.ceil(toFloat64(a))),
  def('floor', [ANY], undefined, (a: GoValue) => Math.floor(toFloat64(a))),
  def('round', [ANY, 'int'], 'float64', round),
];
