// A bare cache per remote URL, fetched incrementally and shallowly, with one reusable worktree per
// push branch. Callers hold the cache lock around every call here, so any lock file or temporary
// pack found in the cache was left by a killed process and can be removed.
import { existsSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GitError } from './errors.ts';
import type { GitRunOptions, GitRunResult } from './exec.ts';

/** GitRunner runs git with the remote's credentials and timeout already bound. */
export type GitRunner = (args: readonly string[], opts?: GitRunOptions) => Promise<GitRunResult>;

const marker = 'tagpilot-cache';

/** localRefFor maps a remote ref to where the cache stores it. */
export function localRefFor(remoteRef: string): string {
  if (remoteRef.startsWith('refs/heads/'))
    return `refs/remotes/origin/${remoteRef.slice('refs/heads/'.length)}`;
  if (remoteRef.startsWith('refs/tags/')) return remoteRef;
  return `refs/tagpilot/${remoteRef.replace(/^refs\//, '')}`;
}

async function removeStale(dir: string, depth = 0): Promise<number> {
  let removed = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith('incoming-') || e.name.startsWith('tmp_objdir')) {
        await rm(p, { recursive: true, force: true });
        removed++;
      } else if (depth < 8 && !(dir.endsWith('/objects') && /^[0-9a-f]{2}$/.test(e.name))) {
        // Loose-object fan-out directories never hold lock or temp files: skip 256 readdirs.
        removed += await removeStale(p, depth + 1);
      }
    } else if (
      e.name.endsWith('.lock') ||
      e.name.startsWith('tmp_pack_') ||
      e.name.startsWith('tmp_idx_')
    ) {
      await rm(p, { force: true });
      removed++;
    }
  }
  return removed;
}

/** RepoCache is the bare cache of one remote below `root`. */
export class RepoCache {
  readonly root: string;
  readonly gitDir: string;
  readonly #git: GitRunner;

  constructor(root: string, git: GitRunner) {
    this.root = root;
    this.gitDir = join(root, 'repo.git');
    this.#git = git;
  }

  /** ensure creates the cache when missing or half-written and clears leftovers of killed runs. */
  async ensure(url: string): Promise<{ created: boolean; cleaned: number }> {
    if (existsSync(join(this.gitDir, marker))) {
      const cleaned = await removeStale(this.gitDir);
      await this.#git(['worktree', 'prune'], { cwd: this.gitDir });
      return { created: false, cleaned };
    }
    await this.wipe();
    await this.#git(['init', '--bare', '--quiet', this.gitDir]);
    const settings: Array<[string, string]> = [
      ['core.logAllRefUpdates', 'false'],
      ['gc.auto', '0'],
      ['maintenance.auto', 'false'],
      ['fetch.writeCommitGraph', 'false'],
      ['protocol.version', '2'],
      // Index v4 + untracked cache: `add --all` and `clean` over 10,000-file trees stay fast.
      ['feature.manyFiles', 'true'],
    ];
    for (const [k, v] of settings) await this.#git(['config', k, v], { cwd: this.gitDir });
    // The marker is written last: a cache without it is half-written and will be rebuilt.
    await writeFile(join(this.gitDir, marker), `${url}\n`);
    return { created: true, cleaned: 0 };
  }

  /** wipe deletes the cache and its worktrees (corrupt or half-written cache). */
  async wipe(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  /** fetch brings `remoteRefs` into the cache, shallow (depth 1) unless `full`. */
  async fetch(url: string, remoteRefs: readonly string[], full = false): Promise<void> {
    if (remoteRefs.length === 0) return;
    const specs = remoteRefs.map((r) => `+${r}:${localRefFor(r)}`);
    const depth = full
      ? existsSync(join(this.gitDir, 'shallow'))
        ? ['--unshallow']
        : []
      : ['--depth=1'];
    await this.#git(
      ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', ...depth, url, ...specs],
      {
        cwd: this.gitDir,
        what: `fetch from ${url}`,
      },
    );
  }

  /** hasCommit tells whether `sha` is a commit present in the cache. */
  async hasCommit(sha: string): Promise<boolean> {
    const r = await this.#git(['cat-file', '-e', `${sha}^{commit}`], {
      cwd: this.gitDir,
      okCodes: [1, 128],
    });
    return r.code === 0;
  }

  /** fetchCommit fetches one commit by hash (protocol v2 servers allow it), then falls back to full. */
  async fetchCommit(url: string, sha: string, fallbackRefs: readonly string[]): Promise<void> {
    try {
      await this.#git(
        ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--depth=1', url, sha],
        {
          cwd: this.gitDir,
          what: `fetch commit ${sha} from ${url}`,
        },
      );
    } catch (e) {
      if (!(e instanceof GitError) || e.kind === 'auth' || e.kind === 'timeout') throw e;
      await this.fetch(url, fallbackRefs.length > 0 ? fallbackRefs : ['refs/heads/*'], true);
    }
    if (!(await this.hasCommit(sha)))
      throw new GitError(`commit ${sha} not found in ${url}`, { kind: 'missing-ref' });
  }

  /** worktreeDir is where the reusable worktree of `key` lives. */
  worktreeDir(key: string): string {
    return join(this.root, 'work', key);
  }

  /** cleanMarker marks a worktree left clean by a finished run (nothing to `git clean`). */
  cleanMarker(key: string): string {
    return join(this.root, 'work', `${key}.clean`);
  }

  /** checkout resets the worktree `key` to `base` on local branch `branch`, creating it if needed. */
  async checkout(key: string, branch: string, base: string): Promise<string> {
    const dir = this.worktreeDir(key);
    const marker = this.cleanMarker(key);
    if (existsSync(join(dir, '.git'))) {
      try {
        await this.#git(['checkout', '--quiet', '--force', '--no-track', '-B', branch, base], {
          cwd: dir,
        });
        // Untracked leftovers exist only if a run died between its edits and its commit.
        if (!existsSync(marker)) await this.#git(['clean', '-ffdxq'], { cwd: dir });
        await rm(marker, { force: true });
        return dir;
      } catch (e) {
        if (e instanceof GitError && (e.kind === 'timeout' || e.kind === 'aborted')) throw e;
        // A worktree broken by a kill mid-checkout: recreate it.
      }
    }
    await rm(marker, { force: true });
    await rm(dir, { recursive: true, force: true });
    await this.#git(['worktree', 'prune'], { cwd: this.gitDir });
    await this.#git(
      ['worktree', 'add', '--quiet', '--force', '--no-track', '-B', branch, dir, base],
      {
        cwd: this.gitDir,
      },
    );
    return dir;
  }

  /** markClean records that the worktree `key` has no edits outside its HEAD commit. */
  async markClean(key: string): Promise<void> {
    await writeFile(this.cleanMarker(key), '');
  }

  /** sizeBytes is a rough on-disk size of the cache's object store (for status and benchmarks). */
  async sizeBytes(): Promise<number> {
    let total = 0;
    const walk = async (d: string): Promise<void> => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) await walk(p);
        else total += (await stat(p)).size;
      }
    };
    await walk(join(this.gitDir, 'objects')).catch(() => {});
    return total;
  }
}
