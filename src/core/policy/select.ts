// Selection pipeline of Flux's ImagePolicy reconciler (reflector.md §2.1): stored tags →
// filterTags (pattern + extract) → policy ranking → winner mapped back to its original tag.
import type { GoRegex } from '../filter/regex.ts';
import { filterTags } from '../filter/tag-filter.ts';
import type { CompiledPolicy } from './compile.ts';
import { fluxMessages, PolicyEvaluationError } from './errors.ts';
import { type PolicyExplain, Tally } from './explain.ts';

/** Selection is the latest tag, the value the policy compared, and why it won. */
export interface Selection {
  readonly tag: string;
  readonly value: string;
  readonly explain: PolicyExplain;
}

/** SelectOptions adds what the ImageRepository contributes to an explanation. */
export interface SelectOptions {
  /** exclusionList is applied first (scan-time in Flux), so explain can count what it dropped. */
  readonly exclusionList?: readonly GoRegex[];
}

/** selectLatest picks the latest tag from tags in stored order, or throws PolicyEvaluationError. */
export function selectLatest(
  policy: CompiledPolicy,
  storedTags: readonly string[],
  opts: SelectOptions = {},
): Selection {
  const explain: PolicyExplain = {
    policy: policy.policer.description,
    tags: storedTags.length,
    candidates: 0,
    skipped: [],
    decision: '',
  };
  let tags = storedTags;
  if (opts.exclusionList && opts.exclusionList.length > 0) {
    const excluded = new Tally();
    const list = opts.exclusionList;
    tags = storedTags.filter((t) => {
      const hit = list.some((re) => re.test(t));
      if (hit) excluded.add('excluded', t);
      return !hit;
    });
    const [sample] = excluded.list();
    explain.excluded = sample
      ? { count: sample.count, examples: sample.examples }
      : { count: 0, examples: [] };
  }

  let values: readonly string[] = tags;
  let originalOf: (value: string, index: number) => string = (_v, i) => tags[i] as string;
  if (policy.filter) {
    const filtered = filterTags(
      tags,
      policy.filter.pattern,
      policy.filter.extract,
      policy.filter.memo,
    );
    const collisions = tags.length - filtered.rejected - filtered.byKey.size;
    explain.filter = {
      pattern: policy.filter.source,
      extract: policy.filter.extract,
      matched: tags.length - filtered.rejected,
      rejected: { count: filtered.rejected, examples: [...filtered.rejectedExamples] },
      collisions: { count: collisions, examples: [] },
    };
    values = [...filtered.byKey.keys()];
    originalOf = (v) => filtered.byKey.get(v) as string;
  }

  if (values.length === 0) {
    explain.decision =
      tags.length === 0 ? 'no tags to choose from' : 'filterTags.pattern matched no tag';
    throw new PolicyEvaluationError(fluxMessages.emptyList, explain);
  }
  const ranking = policy.policer.rank(values);
  explain.candidates = ranking.candidates;
  explain.skipped = ranking.skipped;
  explain.decision = ranking.decision;
  if (ranking.winner < 0) throw new PolicyEvaluationError(fluxMessages.noSemverMatch, explain);
  const value = values[ranking.winner] as string;
  const tag = originalOf(value, ranking.winner);
  explain.winner = { tag, value };
  if (ranking.runnerUp >= 0) {
    const v = values[ranking.runnerUp] as string;
    explain.runnerUp = { tag: originalOf(v, ranking.runnerUp), value: v };
  }
  return { tag, value, explain };
}
