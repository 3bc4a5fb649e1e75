// Numerical policy (reflector.md §2.4): every value must parse as a Go float64; the first that
// does not fails the whole evaluation. Ties go to the later value, and NaN poisons comparisons,
// exactly as Flux's loop does.

import { parseGoFloat } from '../go/parse-float.ts';
import { fluxMessages, PolicyEvaluationError } from './errors.ts';
import { type Ranking, rankingOf } from './policer.ts';
import type { SortOrder } from './types.ts';

/** rankNumerical picks the latest value under a numerical policy, or throws with Flux's message. */
export function rankNumerical(values: readonly string[], order: SortOrder): Ranking {
  let winner = -1;
  let runnerUp = -1;
  let current = 0;
  let runnerValue = 0;
  for (let i = 0; i < values.length; i++) {
    const v = parseGoFloat(values[i] as string);
    if (v === undefined) {
      throw new PolicyEvaluationError(fluxMessages.invalidNumber(values[i] as string), {
        policy: `numerical ${order}`,
        tags: values.length,
        candidates: 0,
        skipped: [{ reason: 'not a number', count: 1, examples: [values[i] as string] }],
        decision: `'${values[i]}' is not a number; a numerical policy needs every tag to be one (add filterTags)`,
      });
    }
    if (winner < 0) {
      winner = i;
      current = v;
      continue;
    }
    const loses = order === 'asc' ? v < current : v > current;
    if (loses) {
      if (runnerUp < 0 || (order === 'asc' ? v >= runnerValue : v <= runnerValue)) {
        runnerUp = i;
        runnerValue = v;
      }
      continue;
    }
    runnerUp = winner;
    runnerValue = current;
    winner = i;
    current = v;
  }
  return rankingOf(
    values,
    winner,
    runnerUp,
    `${order === 'asc' ? 'highest' : 'lowest'} number; ties go to the later tag`,
  );
}
