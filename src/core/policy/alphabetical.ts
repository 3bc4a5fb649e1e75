// Alphabetical policy (reflector.md §2.5): byte order of the UTF-8 strings; asc picks the greatest.
import { compareBytes } from './compare-bytes.ts';
import { type Ranking, rankingOf } from './policer.ts';
import type { SortOrder } from './types.ts';

const highCodeUnit = /[\uD800-\uFFFF]/;
const compareNative = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** rankAlphabetical picks the byte-greatest (asc) or byte-smallest (desc) value. */
export function rankAlphabetical(values: readonly string[], order: SortOrder): Ranking {
  const sign = order === 'asc' ? 1 : -1;
  // Native comparison orders UTF-16 code units, which equals UTF-8 byte order unless a value holds
  // a surrogate or a code point from U+E000; tags are ASCII, so this is the usual path.
  const compare = values.some((v) => highCodeUnit.test(v)) ? compareBytes : compareNative;
  let winner = -1;
  let runnerUp = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string;
    if (winner < 0 || sign * compare(v, values[winner] as string) > 0) {
      runnerUp = winner;
      winner = i;
    } else if (runnerUp < 0 || sign * compare(v, values[runnerUp] as string) > 0) {
      runnerUp = i;
    }
  }
  return rankingOf(values, winner, runnerUp, `${order === 'asc' ? 'last' : 'first'} in byte order`);
}
