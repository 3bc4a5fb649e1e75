// The automation's git workflow: list refs → (short-circuit) → lock → worktree → apply → commit →
// push, re-applying on a fresh head after a non-fast-forward rejection. Updates queued for the
// same repository and push branch while a writer runs are coalesced into the next commit.
import {
  ConcurrentWriterError,
  canShortCircuit,
  type GitCheckoutRef,
  type GitPushSpec,
  normaliseRevision,
  type PushPlan,
  PushRetriesExhaustedError,
  planPush,
  type ResolvedCheckout,
  resolveCheckout,
  type SemverSelect,
} from './git-write-back-plan.ts';

/** ApplyResult is what an apply step did to the worktree. */
export interface ApplyResult {
  readonly changed: boolean;
  readonly message: string;
  /**
   * files are the paths written, relative to the worktree. When every apply step of a commit
   * reports them, only those are staged instead of scanning the whole tree (faster on big repos).
   */
  readonly files?: readonly string[];
}

/** Apply edits files below worktreeDir (setters + commit template) and reports what it did. */
export type Apply = (worktreeDir: string) => Promise<ApplyResult>;

/** CommitIdentity is the author (also used as committer, like go-git) and signing choice. */
export interface CommitIdentity {
  readonly name: string;
  readonly email: string;
  /** Opaque signing key handed to the port (the adapter's SigningKey). */
  readonly signingKey?: unknown;
}

/** PushOutcome is the result of one push attempt. */
export type PushOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'non-fast-forward' };

/** GitWorktree is a checked-out working directory at a base commit, owned by one writer. */
export interface GitWorktree {
  readonly dir: string;
  /** commit stages everything; returns the new hash, or undefined when nothing changed. */
  /** files, when known, limits staging to those paths; otherwise everything changed is staged. */
  commit(
    message: string,
    identity: CommitIdentity,
    files?: readonly string[],
  ): Promise<string | undefined>;
  /** push sends the local push branch; `lease` is the remote value we built on ('' = absent). */
  push(plan: PushPlan, lease: string | undefined): Promise<PushOutcome>;
  /** pushRefspec performs Flux's second push with the user's refspec. */
  pushRefspec(plan: PushPlan): Promise<void>;
}

/** GitRemotePort is one remote (URL + credentials) as the workflow needs it. */
export interface GitRemotePort {
  /** url is the remote without credentials, for keys and messages. */
  readonly url: string;
  listRefs(): Promise<ReadonlyMap<string, string>>;
  lockWriter(
    pushBranch: string,
  ): Promise<{ stillHeld(): Promise<boolean>; release(): Promise<void> }>;
  /** worktree fetches `fetchRefs` and checks out `base` on local branch `pushBranch`. */
  worktree(args: {
    base: string;
    fetchRefs: readonly string[];
    pushBranch: string;
  }): Promise<GitWorktree>;
}

/** WriteBackRequest is one automation's wish to update one repository. */
export interface WriteBackRequest {
  readonly remote: GitRemotePort;
  readonly checkout?: GitCheckoutRef;
  readonly push?: GitPushSpec;
  readonly identity: CommitIdentity;
  readonly apply: Apply;
  /** lastObservedRevision enables Flux's short-circuit (pass it only when policies are unchanged). */
  readonly lastObservedRevision?: string;
}

/** WriteBackResult tells what happened; `forced` makes a force (lease) push visible in status. */
export interface WriteBackResult {
  readonly kind: 'up-to-date' | 'no-change' | 'pushed';
  readonly revision: string;
  readonly branch: string;
  readonly commit?: string;
  readonly message?: string;
  readonly forced: boolean;
  readonly refspec?: string;
  readonly retries: number;
  /** batched is how many requests shared this commit (coalescing). */
  readonly batched: number;
}

/** WriteBackOptions tune retries and inject semver selection. */
export interface WriteBackOptions {
  readonly maxRetries?: number;
  readonly retryBaseMs?: number;
  readonly selectSemver?: SemverSelect;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface Pending {
  readonly req: WriteBackRequest;
  /** refs listed by run(), reused by a writer that starts right away (saves one ls-remote). */
  readonly refs: ReadonlyMap<string, string>;
  readonly listedAt: number;
  readonly batchKey: string;
  readonly resolve: (r: WriteBackResult) => void;
  readonly reject: (e: unknown) => void;
}

function batchKeyOf(r: WriteBackRequest): string {
  return JSON.stringify([
    r.checkout ?? null,
    r.push ?? null,
    r.identity.name,
    r.identity.email,
    r.identity.signingKey ?? null,
  ]);
}

/** joinMessages keeps a single message verbatim and separates several by a blank line. */
export function joinMessages(messages: readonly string[]): string {
  return messages.length === 1
    ? messages[0]!
    : messages.map((m) => m.replace(/\n+$/, '')).join('\n\n');
}

/** GitWriteBack runs write-back requests: one writer per (remote, push branch), with coalescing. */
export class GitWriteBack {
  readonly #opts: WriteBackOptions;
  readonly #queues = new Map<string, Pending[]>();

  constructor(opts: WriteBackOptions = {}) {
    this.#opts = opts;
  }

  /** run performs one request, possibly sharing a commit with others queued for the same branch. */
  async run(req: WriteBackRequest): Promise<WriteBackResult> {
    const plan = planPush(req.checkout, req.push);
    const refs = await req.remote.listRefs();
    const resolved = resolveCheckout(refs, req.checkout, req.remote.url, this.#opts.selectSemver);
    const observed =
      req.lastObservedRevision === undefined
        ? undefined
        : normaliseRevision(req.lastObservedRevision);
    if (observed === resolved.revision && canShortCircuit(req.checkout, plan))
      return {
        kind: 'up-to-date',
        revision: resolved.revision,
        branch: plan.branch,
        forced: false,
        retries: 0,
        batched: 1,
      };
    const key = `${req.remote.url}\n${plan.branch}`;
    return new Promise<WriteBackResult>((resolve, reject) => {
      const queue = this.#queues.get(key);
      const pending = {
        req,
        refs,
        listedAt: Date.now(),
        batchKey: batchKeyOf(req),
        resolve,
        reject,
      };
      if (queue !== undefined) {
        queue.push(pending);
        return;
      }
      this.#queues.set(key, [pending]);
      void this.#drain(key, plan);
    });
  }

  async #drain(key: string, plan: PushPlan): Promise<void> {
    const queue = this.#queues.get(key)!;
    const first = queue[0]!;
    let release: (() => Promise<void>) | undefined;
    try {
      const lock = await first.req.remote.lockWriter(plan.branch);
      release = () => lock.release();
      while (queue.length > 0) {
        const head = queue[0]!;
        const batch = queue.filter((p) => p.batchKey === head.batchKey);
        for (const p of batch) queue.splice(queue.indexOf(p), 1);
        let settle: () => void;
        try {
          const fresh = Date.now() - head.listedAt < 2000 ? head.refs : undefined;
          const result = await this.#write(
            batch.map((p) => p.req),
            planPush(head.req.checkout, head.req.push),
            lock,
            fresh,
          );
          settle = () => {
            for (const p of batch) p.resolve({ ...result, batched: batch.length });
          };
        } catch (e) {
          settle = () => {
            for (const p of batch) p.reject(e);
          };
        }
        if (queue.length === 0) {
          // Release before answering the last batch: a caller holding its result can rely on
          // the lock being free (for the next run, or when it inspects the state directory).
          this.#queues.delete(key);
          const r = release;
          release = undefined;
          await r?.();
        }
        settle();
      }
    } catch (e) {
      for (const p of queue.splice(0)) p.reject(e);
    } finally {
      if (this.#queues.get(key) === queue) this.#queues.delete(key);
      await release?.();
    }
  }

  async #write(
    reqs: readonly WriteBackRequest[],
    plan: PushPlan,
    lock: { stillHeld(): Promise<boolean> },
    freshRefs: ReadonlyMap<string, string> | undefined,
  ): Promise<WriteBackResult> {
    const first = reqs[0]!;
    const remote = first.remote;
    const maxRetries = this.#opts.maxRetries ?? 10;
    const random = this.#opts.random ?? Math.random;
    const sleep = this.#opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let retries = 0;
    for (;;) {
      const refs = retries === 0 && freshRefs !== undefined ? freshRefs : await remote.listRefs();
      const resolved: ResolvedCheckout = resolveCheckout(
        refs,
        first.checkout,
        remote.url,
        this.#opts.selectSemver,
      );
      const remotePush = refs.get(`refs/heads/${plan.branch}`);
      // Flux: when switching branches and the push branch exists, build on its head.
      const base = plan.switchBranch && remotePush !== undefined ? remotePush : resolved.commit;
      const fetchRefs = [
        resolved.remoteRef,
        plan.switchBranch && remotePush ? `refs/heads/${plan.branch}` : undefined,
      ];
      const wt = await remote.worktree({
        base,
        fetchRefs: fetchRefs.filter((r): r is string => r !== undefined),
        pushBranch: plan.branch,
      });
      const messages: string[] = [];
      let files: string[] | undefined = [];
      for (const r of reqs) {
        const res = await r.apply(wt.dir);
        if (res.changed) messages.push(res.message);
        files =
          res.files === undefined || files === undefined ? undefined : [...files, ...res.files];
      }
      const common = {
        revision: resolved.revision,
        branch: plan.branch,
        retries,
        batched: reqs.length,
      };
      if (messages.length === 0) return { kind: 'no-change', forced: false, ...common };
      const message = joinMessages(messages);
      const commit = await wt.commit(message, first.identity, files);
      if (commit === undefined) return { kind: 'no-change', forced: false, ...common };
      if (!(await lock.stillHeld()))
        throw new ConcurrentWriterError(
          `writer lock for ${remote.url} branch '${plan.branch}' was taken over; not pushing`,
        );
      // Only a switched push branch is force-pushed, and then with a lease on what we built on.
      const outcome = await wt.push(plan, plan.switchBranch ? (remotePush ?? '') : undefined);
      if (!outcome.ok) {
        if (retries >= maxRetries)
          throw new PushRetriesExhaustedError(
            `push to ${remote.url} branch '${plan.branch}' still rejected (non-fast-forward) after ${retries} retries`,
          );
        retries++;
        const base = this.#opts.retryBaseMs ?? 100;
        await sleep(base * 2 ** Math.min(retries - 1, 5) * (0.5 + random()));
        continue;
      }
      if (plan.refspec !== undefined) await wt.pushRefspec(plan);
      return {
        kind: 'pushed',
        commit,
        message,
        forced: plan.switchBranch,
        ...(plan.refspec === undefined ? {} : { refspec: plan.refspec }),
        ...common,
        revision: `${plan.branch}@sha1:${commit}`,
      };
    }
  }
}
