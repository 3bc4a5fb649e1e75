/** TagSample counts tags in one category and keeps a few examples for humans. */
export interface TagSample {
  count: number;
  examples: string[];
}

/** PolicyExplain is why a policy picked its tag: what it saw, dropped, ranked and compared. */
export interface PolicyExplain {
  /** policy describes the rule, e.g. `semver range ^1.0` or `numerical asc`. */
  policy: string;
  /** tags is how many tags the policy was given, in stored order. */
  tags: number;
  /** excluded counts tags dropped by the ImageRepository exclusionList (when one was given). */
  excluded?: TagSample;
  /** filter describes filterTags: tags the pattern rejected and extract collisions. */
  filter?: {
    pattern: string;
    extract: string;
    matched: number;
    rejected: TagSample;
    /** collisions counts tags whose extracted value repeated an earlier one (the later tag wins). */
    collisions: TagSample;
  };
  /** candidates is how many values the policy could rank. */
  candidates: number;
  /** skipped are values the policy could not use, and why (not semver, outside the range…). */
  skipped: { reason: string; count: number; examples: string[] }[];
  winner?: { tag: string; value: string };
  runnerUp?: { tag: string; value: string };
  /** decision says in words why the winner won. */
  decision: string;
}

const exampleLimit = 5;

/** Tally collects counts and the first few examples per reason. */
export class Tally {
  readonly #byReason = new Map<string, TagSample>();

  /** add records one value under reason. */
  add(reason: string, value: string): void {
    let s = this.#byReason.get(reason);
    if (!s) {
      s = { count: 0, examples: [] };
      this.#byReason.set(reason, s);
    }
    s.count++;
    if (s.examples.length < exampleLimit) s.examples.push(value);
  }

  /** list returns the tallies in first-seen order. */
  list(): { reason: string; count: number; examples: string[] }[] {
    return [...this.#byReason].map(([reason, s]) => ({ reason, ...s }));
  }
}
