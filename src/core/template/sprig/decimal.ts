// The slice of shopspring/decimal that sprig's float functions (addf, subf, mulf, divf, add1f) use:
// exact decimal arithmetic on the shortest decimal form of each float64, division rounded to 16
// places (half away from zero), converted back to the nearest float64.
import { fail } from './cast.ts';

/** Dec is value × 10^exp. */
interface Dec {
  readonly v: bigint;
  readonly exp: number;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** decFromFloat is decimal.NewFromFloat (shortest representation). */
function decFromFloat(f: number): Dec {
  if (!Number.isFinite(f)) return fail(`Cannot create a Decimal from ${f}`);
  if (f === 0) return { v: 0n, exp: 0 };
  const [mant, e] = Math.abs(f).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const v = BigInt(digits) * (f < 0 ? -1n : 1n);
  return { v, exp: Number(e) + 1 - digits.length };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.v * pow10(a.exp - exp), b.v * pow10(b.exp - exp), exp];
}

const add = (a: Dec, b: Dec): Dec => {
  const [x, y, exp] = align(a, b);
  return { v: x + y, exp };
};
const sub = (a: Dec, b: Dec): Dec => add(a, { v: -b.v, exp: b.exp });
const mul = (a: Dec, b: Dec): Dec => ({ v: a.v * b.v, exp: a.exp + b.exp });
const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** div is Decimal.Div: DivRound with 16 decimal places. */
function div(d: Dec, d2: Dec, precision = 16): Dec {
  if (d2.v === 0n) fail('decimal division by 0');
  const scale = -precision;
  const e = d.exp - d2.exp - scale;
  let aa: bigint;
  let bb: bigint;
  let restExp: number;
  if (e < 0) {
    aa = d.v;
    bb = d2.v * pow10(-e);
    restExp = d.exp;
  } else {
    aa = d.v * pow10(e);
    bb = d2.v;
    restExp = scale + d2.exp;
  }
  const q: Dec = { v: aa / bb, exp: scale };
  const r2: Dec = { v: abs(aa % bb) * 2n, exp: restExp + precision };
  const [x, y] = align(r2, { v: abs(d2.v), exp: d2.exp });
  if (x < y) return q;
  const unit: Dec = { v: 1n, exp: -precision };
  return d.v < 0n !== d2.v < 0n && d.v !== 0n ? sub(q, unit) : add(q, unit);
}

const ops = { add, sub, mul, div };

/** decimalOp is sprig's execDecimalOp: folds the operands with one decimal operation. */
export function decimalOp(first: number, rest: readonly number[], op: keyof typeof ops): number {
  let acc = decFromFloat(first);
  for (const x of rest) acc = ops[op](acc, decFromFloat(x));
  return Number(`${acc.v}e${acc.exp}`);
}
