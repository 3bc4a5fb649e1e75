// GitRemote is the git adapter behind the write-back workflow: one remote URL with its
// credentials, a bare cache in the state directory, writer locks and per-branch worktrees.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitRemotePort, GitWorktree } from '../../reconcile/git-write-back.ts';
import { RepoCache } from './cache.ts';
import { configEnv, type GitCredentials, prepareCredentials } from './credentials.ts';
import { GitError } from './errors.ts';
import { type GitRunOptions, runGit } from './exec.ts';
import { FileLocks, type LockHandle } from './lock.ts';
import { identityTag, isAlive, parseIdentityTag } from './process-identity.ts';
import type { GitAuth, ProxyConfig } from './secrets.ts';
import { WorktreeSession } from './worktree-session.ts';

/** GitRemoteOptions open one remote. */
export interface GitRemoteOptions {
  readonly stateDir: string;
  readonly url: string;
  readonly auth?: GitAuth;
  readonly proxy?: ProxyConfig;
  /** timeoutMs bounds each git network operation (GitRepository spec.timeout, default 60 s). */
  readonly timeoutMs?: number;
  /** secretName names the auth Secret in errors. */
  readonly secretName?: string;
  /** signal aborts every git process of this remote (shutdown, per-object deadline). */
  readonly signal?: AbortSignal;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

/** parseLsRemote turns `git ls-remote` output into a ref → hash map. */
export function parseLsRemote(stdout: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) refs.set(line.slice(tab + 1), line.slice(0, tab));
  }
  return refs;
}

// Removes run directories (credentials, signing keys) of processes that no longer exist.
async function sweepRunDirs(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const id = parseIdentityTag(n);
    if (id !== undefined && !isAlive(id)) await rm(join(dir, n), { recursive: true, force: true });
  }
}

/** GitRemote implements the workflow's GitRemotePort over the git CLI. */
export class GitRemote implements GitRemotePort {
  readonly url: string;
  readonly #opts: GitRemoteOptions;
  readonly #creds: GitCredentials;
  readonly #runDir: string;
  readonly #cache: RepoCache;
  readonly #locks: FileLocks;
  readonly #urlKey: string;

  private constructor(opts: GitRemoteOptions, creds: GitCredentials, runDir: string) {
    this.#opts = opts;
    this.#creds = creds;
    this.url = creds.url;
    this.#runDir = runDir;
    this.#urlKey = hash(creds.url);
    this.#cache = new RepoCache(join(opts.stateDir, 'git', this.#urlKey), (a, o) => this.git(a, o));
    this.#locks = new FileLocks(join(opts.stateDir, 'locks'));
  }

  /** open validates and materialises credentials (no network) and returns the remote. */
  static async open(opts: GitRemoteOptions): Promise<GitRemote> {
    if (opts.url.startsWith('-'))
      throw new Error(`git repository url '${opts.url}': must not start with '-'`);
    const runs = join(opts.stateDir, 'run');
    await mkdir(runs, { recursive: true, mode: 0o700 });
    await sweepRunDirs(runs);
    const runDir = join(runs, `${identityTag()}-${randomBytes(4).toString('hex')}`);
    await mkdir(runDir, { mode: 0o700 });
    try {
      const creds = await prepareCredentials(
        opts.url,
        opts.auth ?? { kind: 'none' },
        opts.proxy,
        runDir,
        opts.secretName,
      );
      return new GitRemote(opts, creds, runDir);
    } catch (e) {
      await rm(runDir, { recursive: true, force: true });
      throw e;
    }
  }

  /** git runs git with this remote's credentials, timeout and redaction. */
  git(
    args: readonly string[],
    opts: GitRunOptions = {},
  ): Promise<import('./exec.ts').GitRunResult> {
    const config = configEnv(this.#creds.config);
    return runGit(args, {
      timeoutMs: this.#opts.timeoutMs ?? 60_000,
      ...(this.#opts.signal === undefined ? {} : { signal: this.#opts.signal }),
      ...opts,
      env: { ...this.#creds.env, ...config, ...opts.env },
      secrets: [...this.#creds.secrets, ...(opts.secrets ?? [])],
    });
  }

  /** credentials exposes config/env/secrets for sessions that add their own config (signing). */
  get credentials(): GitCredentials {
    return this.#creds;
  }

  /** listRefs lists every remote ref with one `git ls-remote`; tags appear peeled as `^{}` too. */
  async listRefs(): Promise<ReadonlyMap<string, string>> {
    const r = await this.git(['ls-remote', this.url], { what: `list refs of ${this.url}` });
    return parseLsRemote(r.stdout);
  }

  /** lockWriter takes the (url, push branch) writer lock, in-process and across processes. */
  lockWriter(pushBranch: string): Promise<LockHandle> {
    return this.#locks.acquire(`w-${hash(`${this.url}\n${pushBranch}`)}`, {
      timeoutMs: 10 * 60_000,
      ...(this.#opts.signal === undefined ? {} : { signal: this.#opts.signal }),
    });
  }

  /** withCacheLock runs `fn` holding the cache lock of this URL. */
  async withCacheLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = await this.#locks.acquire(`c-${this.#urlKey}`);
    try {
      return await fn();
    } finally {
      await lock.release();
    }
  }

  /** worktree prepares the push branch's worktree at `base`, rebuilding a corrupt cache once. */
  async worktree(args: {
    base: string;
    fetchRefs: readonly string[];
    pushBranch: string;
  }): Promise<GitWorktree> {
    const key = hash(args.pushBranch);
    const dir = await this.withCacheLock(async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          const { created } = await this.#cache.ensure(this.url);
          // The listing already told us the remote head: when the cache has it, skip the fetch.
          if (created || !(await this.#cache.hasCommit(args.base))) {
            await this.#cache.fetch(this.url, args.fetchRefs);
            if (!(await this.#cache.hasCommit(args.base)))
              await this.#cache.fetchCommit(this.url, args.base, args.fetchRefs);
          }
          return await this.#cache.checkout(key, args.pushBranch, args.base);
        } catch (e) {
          if (attempt > 0 || !(e instanceof GitError) || e.kind !== 'corrupt-cache') throw e;
          await this.#cache.wipe();
        }
      }
    });
    return new WorktreeSession(this, dir, join(this.#runDir, `sign-${key}`), () =>
      this.#cache.markClean(key),
    );
  }

  /** cache exposes the bare cache (for fsck in tests and benchmarks). */
  get cache(): RepoCache {
    return this.#cache;
  }

  /** close removes this run's credential and signing material. */
  async close(): Promise<void> {
    await rm(this.#runDir, { recursive: true, force: true });
  }
}
