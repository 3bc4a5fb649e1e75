// SemVer policy (reflector.md §2.3): tags parsed as image-reflector-controller v1.x does (two dots,
// one optional `v`, Masterminds' lenient parse), the range with Masterminds v3.5 semantics; the
// first satisfying candidate wins ties, later ones must be strictly greater.
import { parseConstraint } from '../semver/constraint.ts';
import { diagnoseTag } from '../semver/tag-diagnosis.ts';
import { compareVersions, parseTagVersion, type Version } from '../semver/version.ts';
import { InvalidPolicyError } from './errors.ts';
import { Tally } from './explain.ts';
import type { Policer, Ranking } from './policer.ts';

/** semverPolicer builds the semver policy for range, or throws InvalidPolicyError. */
export function semverPolicer(range: string): Policer {
  let constraint: ReturnType<typeof parseConstraint>;
  try {
    constraint = parseConstraint(range);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new InvalidPolicyError(
      'spec.policy.semver.range',
      range,
      message,
      `invalid policy: ${message}`,
    );
  }
  return {
    description: `semver range ${range}`,
    rank(values): Ranking {
      const skipped = new Tally();
      let winner = -1;
      let runnerUp = -1;
      let best: Version | undefined;
      let second: Version | undefined;
      let candidates = 0;
      for (let i = 0; i < values.length; i++) {
        const value = values[i] as string;
        const v = parseTagVersion(value);
        if (!v) {
          skipped.add(`not a version (${diagnoseTag(value) ?? 'unparsable'})`, value);
          continue;
        }
        if (!constraint.check(v)) {
          skipped.add(`outside range ${range}`, value);
          continue;
        }
        candidates++;
        if (!best || compareVersions(v, best) > 0) {
          runnerUp = winner;
          second = best;
          winner = i;
          best = v;
        } else if (!second || compareVersions(v, second) > 0) {
          runnerUp = i;
          second = v;
        }
      }
      return {
        winner,
        runnerUp,
        candidates,
        skipped: skipped.list(),
        decision:
          winner < 0
            ? `no tag is a semver version within ${range}`
            : runnerUp < 0
              ? `only version within ${range}`
              : `highest version within ${range} (${values[winner]} > ${values[runnerUp]}; equal versions: first in stored order wins)`,
      };
    },
  };
}
