// Pure rules of Flux's image-automation-controller for choosing what to check out and where to
// push (internal/source/source.go configurePush, fluxcd/pkg git/gogit clone precedence).

/** GitCheckoutRef is `spec.git.checkout.ref` (or the GitRepository's `spec.ref`). */
export interface GitCheckoutRef {
  readonly branch?: string;
  readonly tag?: string;
  readonly semver?: string;
  readonly name?: string;
  readonly commit?: string;
}

/** GitPushSpec is `spec.git.push`. */
export interface GitPushSpec {
  readonly branch?: string;
  readonly refspec?: string;
  readonly options?: Readonly<Record<string, string>>;
}

/** PushPlan is where and how a commit is pushed. */
export interface PushPlan {
  readonly branch: string;
  /** switchBranch: the push branch differs from the checkout branch (Flux then force-pushes). */
  readonly switchBranch: boolean;
  readonly refspec?: string;
  readonly options: ReadonlyArray<readonly [string, string]>;
}

/** ResolvedCheckout is the commit a run starts from and the revision string Flux records. */
export interface ResolvedCheckout {
  readonly commit: string;
  /** Remote ref to fetch (e.g. refs/heads/main), absent for a bare commit checkout. */
  readonly remoteRef?: string;
  /** revision as Flux writes it: `main@sha1:<hash>`, `v1.0@sha1:<hash>` or `sha1:<hash>`. */
  readonly revision: string;
}

/** GitPlanError is a configuration that can never work until the spec changes. */
export class GitPlanError extends Error {
  override readonly name = 'GitPlanError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** GitRefNotFoundError is a checkout ref the remote does not have (missing branch, tag, …). */
export class GitRefNotFoundError extends Error {
  override readonly name = 'GitRefNotFoundError';
  readonly ref: string;
  constructor(ref: string, url: string, what: string) {
    super(`${what} '${ref}' not found in ${url}`);
    this.ref = ref;
  }
}

/** EmptyRepositoryError is a remote with no refs at all (Flux panics here). */
export class EmptyRepositoryError extends Error {
  override readonly name = 'EmptyRepositoryError';
  constructor(url: string) {
    super(`remote repository ${url} is empty: it has no branches; push an initial commit first`);
  }
}

/** ConcurrentWriterError is a lost lock (another process broke it): nothing was pushed. */
export class ConcurrentWriterError extends Error {
  override readonly name = 'ConcurrentWriterError';
}

/** PushRetriesExhaustedError is a push still rejected after the bounded retries. */
export class PushRetriesExhaustedError extends Error {
  override readonly name = 'PushRetriesExhaustedError';
}

/** planPush applies Flux's push branch rules (configurePush). */
export function planPush(
  checkout: GitCheckoutRef | undefined,
  push: GitPushSpec | undefined,
): PushPlan {
  const options = Object.entries(push?.options ?? {}).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const refspec =
    push?.refspec === undefined || push.refspec === '' ? {} : { refspec: push.refspec };
  if (push?.branch !== undefined && push.branch !== '') {
    // Flux compares with the checkout ref's branch field only; with no checkout ref at all the
    // default branch `master` is assumed. Tag/semver/commit checkouts therefore always switch.
    const checkoutBranch = checkout === undefined ? 'master' : (checkout.branch ?? '');
    return {
      branch: push.branch,
      switchBranch: push.branch !== checkoutBranch,
      ...refspec,
      options,
    };
  }
  const branch = checkout === undefined ? 'master' : checkout.branch;
  if (branch === undefined || branch === '')
    throw new GitPlanError(
      'spec.git.push.branch',
      'push spec not provided, and cannot be inferred from .spec.git.checkout.ref or GitRepository .spec.ref',
    );
  return { branch, switchBranch: false, ...refspec, options };
}

/** SemverSelect picks the highest tag matching a Masterminds range (injected: core/semver). */
export type SemverSelect = (range: string, tags: readonly string[]) => string | undefined;

const shaRe = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * resolveCheckout picks the start commit from one ref listing, with the Go client's precedence:
 * commit > name > tag > semver > branch (default master). Tags are peeled (`^{}`) to commits.
 */
export function resolveCheckout(
  refs: ReadonlyMap<string, string>,
  ref: GitCheckoutRef | undefined,
  url: string,
  selectSemver?: SemverSelect,
): ResolvedCheckout {
  if (refs.size === 0) throw new EmptyRepositoryError(url);
  const tagCommit = (tag: string): string | undefined =>
    refs.get(`refs/tags/${tag}^{}`) ?? refs.get(`refs/tags/${tag}`);
  if (ref?.commit !== undefined && ref.commit !== '') {
    const commit = ref.commit.toLowerCase();
    if (!shaRe.test(commit))
      throw new GitPlanError(
        'checkout.ref.commit',
        `commit '${ref.commit}' is not a full SHA-1 hash`,
      );
    const remoteRef = ref.branch ? { remoteRef: `refs/heads/${ref.branch}` } : {};
    if (ref.branch && !refs.has(`refs/heads/${ref.branch}`))
      throw new GitRefNotFoundError(ref.branch, url, 'branch');
    return {
      commit,
      ...remoteRef,
      revision: ref.branch ? `${ref.branch}@sha1:${commit}` : `sha1:${commit}`,
    };
  }
  if (ref?.name !== undefined && ref.name !== '') {
    const sha = refs.get(`${ref.name}^{}`) ?? refs.get(ref.name);
    if (sha === undefined) throw new GitRefNotFoundError(ref.name, url, 'reference');
    return { commit: sha, remoteRef: ref.name, revision: `${ref.name}@sha1:${sha}` };
  }
  if (ref?.tag !== undefined && ref.tag !== '') {
    const sha = tagCommit(ref.tag);
    if (sha === undefined) throw new GitRefNotFoundError(ref.tag, url, 'tag');
    return { commit: sha, remoteRef: `refs/tags/${ref.tag}`, revision: `${ref.tag}@sha1:${sha}` };
  }
  if (ref?.semver !== undefined && ref.semver !== '') {
    if (selectSemver === undefined)
      throw new GitPlanError('checkout.ref.semver', 'semver checkout needs a semver selector');
    const tags = [...refs.keys()]
      .filter((k) => k.startsWith('refs/tags/') && !k.endsWith('^{}'))
      .map((k) => k.slice('refs/tags/'.length));
    const tag = selectSemver(ref.semver, tags);
    if (tag === undefined)
      throw new GitRefNotFoundError(ref.semver, url, 'no tag matches semver range');
    const sha = tagCommit(tag)!;
    return { commit: sha, remoteRef: `refs/tags/${tag}`, revision: `${tag}@sha1:${sha}` };
  }
  const branch = ref?.branch !== undefined && ref.branch !== '' ? ref.branch : 'master';
  const sha = refs.get(`refs/heads/${branch}`);
  if (sha === undefined) throw new GitRefNotFoundError(branch, url, 'branch');
  return { commit: sha, remoteRef: `refs/heads/${branch}`, revision: `${branch}@sha1:${sha}` };
}

/** normaliseRevision turns Flux's legacy `<branch>/<hash>` form into `<branch>@sha1:<hash>`. */
export function normaliseRevision(revision: string): string {
  const m = /^(.+)\/([0-9a-f]{40})$/.exec(revision);
  return m === null ? revision : `${m[1]}@sha1:${m[2]}`;
}

/** canShortCircuit tells whether Flux would skip a run whose remote head was already observed. */
export function canShortCircuit(ref: GitCheckoutRef | undefined, plan: PushPlan): boolean {
  if (plan.switchBranch || plan.refspec !== undefined) return false;
  return !(ref?.commit || ref?.name || ref?.tag || ref?.semver);
}
