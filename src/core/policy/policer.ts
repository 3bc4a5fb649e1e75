/** Ranking is a policy's verdict over the values it was given (indexes into that list). */
export interface Ranking {
  /** winner is the index of the latest value, -1 when no value qualified. */
  winner: number;
  /** runnerUp is the index of the best value that lost, -1 when none. */
  runnerUp: number;
  candidates: number;
  skipped: { reason: string; count: number; examples: string[] }[];
  decision: string;
}

/** Policer ranks the values of one ImagePolicy's policy choice. */
export interface Policer {
  /** description names the rule for humans, e.g. `semver range ^1.0`. */
  readonly description: string;
  /** rank returns the verdict or throws PolicyEvaluationError with Flux's message. */
  rank(values: readonly string[]): Ranking;
}

/** rankingOf builds the Ranking of a policy that ranks every value (no value is skipped). */
export function rankingOf(
  values: readonly string[],
  winner: number,
  runnerUp: number,
  rule: string,
): Ranking {
  return {
    winner,
    runnerUp,
    candidates: values.length,
    skipped: [],
    decision:
      runnerUp < 0 ? 'only candidate' : `${rule} (${values[winner]} vs ${values[runnerUp]})`,
  };
}
