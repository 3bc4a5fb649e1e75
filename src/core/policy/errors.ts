// Policy errors split the way Flux's ImagePolicy reconciler treats them (reflector.md §2.1, §2.7):
// an invalid spec stalls (no retry); a failed evaluation is retried with backoff.
import type { PolicyExplain } from './explain.ts';

/** InvalidPolicyError is a spec only a change can fix: Stalled, reason InvalidPolicy. */
export class InvalidPolicyError extends Error {
  override readonly name = 'InvalidPolicyError';
  /** field is the spec path at fault, e.g. `spec.policy.semver.range`. */
  readonly field: string;
  /** value is the offending value as written. */
  readonly value: string;
  /** conditionMessage is the Ready/Stalled message Flux writes for this failure. */
  readonly conditionMessage: string;
  constructor(field: string, value: string, message: string, conditionMessage: string) {
    super(message);
    this.field = field;
    this.value = value;
    this.conditionMessage = conditionMessage;
  }
}

/** PolicyEvaluationError is a policy that found no latest tag: Ready=False, reason Failure. */
export class PolicyEvaluationError extends Error {
  override readonly name = 'PolicyEvaluationError';
  /** explain accounts for the tags looked at before the evaluation failed. */
  readonly explain: PolicyExplain;
  constructor(message: string, explain: PolicyExplain) {
    super(message);
    this.explain = explain;
  }
}

/** Flux's messages, word for word: users grep their logs and alerts for them. */
export const fluxMessages = {
  emptyList: 'version list argument cannot be empty',
  noSemverMatch: 'unable to determine latest version from provided list',
  invalidNumber: (tag: string) => `failed to parse invalid numeric value '${tag}'`,
  invalidChoice: 'given ImagePolicyChoice object is invalid',
  invalidOrder: (order: string) =>
    `invalid order argument provided: '${order}', must be one of: ASC, DESC`,
  invalidPattern: (pattern: string, goError: string) =>
    `invalid regular expression pattern '${pattern}': ${goError}`,
} as const;
