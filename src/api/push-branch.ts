// Which branch an ImageUpdateAutomation checks out and pushes to, as Flux decides it
// (image-automation-controller internal/source/git.go, automation.md §2.4).
import type { Severity } from './diagnostic.ts';
import type { GitRef, GitRepository, ImageUpdateAutomation } from './model.ts';

/** DEFAULT_BRANCH is what Flux checks out when no ref is given anywhere. */
export const DEFAULT_BRANCH = 'master';

/** GitTarget is the effective checkout ref and push branch of an automation. */
export interface GitTarget {
  /** checkoutRef is `git.checkout.ref`, else the GitRepository's `spec.ref`, else undefined (= master). */
  readonly checkoutRef?: GitRef;
  readonly pushBranch: string;
  /** switchBranch is true when Flux pushes to a branch other than the one checked out. */
  readonly switchBranch: boolean;
}

/** PUSH_BRANCH_UNKNOWN is Flux's error when no push branch can be inferred. */
export const PUSH_BRANCH_UNKNOWN =
  'push spec not provided, and cannot be inferred from .spec.git.checkout.ref or GitRepository .spec.ref';

/** resolveGitTarget applies Flux's rules; undefined when Flux fails with PUSH_BRANCH_UNKNOWN. */
export function resolveGitTarget(
  automation: ImageUpdateAutomation,
  repository: GitRepository | undefined,
): GitTarget | undefined {
  const git = automation.spec.git;
  const checkoutRef = git?.checkout?.ref ?? repository?.spec.ref;
  const push = git?.push?.branch;
  if (push) {
    const switchBranch = checkoutRef ? push !== checkoutRef.branch : push !== DEFAULT_BRANCH;
    return { ...(checkoutRef ? { checkoutRef } : {}), pushBranch: push, switchBranch };
  }
  if (!checkoutRef?.branch) return undefined;
  return { checkoutRef, pushBranch: checkoutRef.branch, switchBranch: false };
}

/** pushBranchProblem explains an automation whose push branch Flux cannot work out. */
export function pushBranchProblem(
  automation: ImageUpdateAutomation,
  repository: GitRepository | undefined,
): { severity: Severity; message: string } | undefined {
  if (resolveGitTarget(automation, repository)) return;
  if (repository === undefined && !automation.spec.git?.checkout) {
    return {
      severity: 'warning',
      message: `not set and spec.git.checkout is absent: the push branch comes from the GitRepository's spec.ref.branch, which is not among the given files (Flux fails otherwise: "${PUSH_BRANCH_UNKNOWN}")`,
    };
  }
  return {
    severity: 'error',
    message: `not set and no checkout branch to infer it from; Flux fails with "${PUSH_BRANCH_UNKNOWN}"`,
  };
}
