// One checked-out worktree during a run: stage + commit (author = committer, optional signing)
// and push with Flux's refspecs, force only as a lease on the head we built on.
import type { CommitIdentity, GitWorktree, PushOutcome } from '../../reconcile/git-write-back.ts';
import type { PushPlan } from '../../reconcile/git-write-back-plan.ts';
import { configEnv } from './credentials.ts';
import { GitError, kindPrefix, lastLines } from './errors.ts';
import type { GitRemote } from './remote.ts';
import type { SigningKey } from './secrets.ts';
import { prepareSigner } from './signing.ts';

/** classifyPushRejection reads `git push --porcelain` output for the reason a ref was refused. */
export function classifyPushRejection(
  stdout: string,
  stderr: string,
): GitError['kind'] | undefined {
  const rejected = stdout.split('\n').filter((l) => l.startsWith('!'));
  if (rejected.length === 0) return undefined;
  const text = `${rejected.join('\n')}\n${stderr}`;
  if (/protected branch|GH006|not allowed to (push|force)/i.test(text)) return 'protected-branch';
  // A concurrent push won the server's ref lock: same as non-fast-forward, fetch and retry.
  if (/\((failed to update ref|failed to lock)\)|cannot lock ref .* but expected/.test(text))
    return 'non-fast-forward';
  if (/\[remote rejected\]|hook declined/i.test(text)) return 'hook-rejected';
  if (/\[rejected\].*\((fetch first|non-fast-forward|stale info|already exists)\)/.test(text))
    return 'non-fast-forward';
  return 'failed';
}

/** WorktreeSession implements GitWorktree for one worktree directory. */
export class WorktreeSession implements GitWorktree {
  readonly dir: string;
  readonly #remote: GitRemote;
  readonly #signDir: string;
  readonly #markClean: () => Promise<void>;

  constructor(remote: GitRemote, dir: string, signDir: string, markClean: () => Promise<void>) {
    this.#remote = remote;
    this.dir = dir;
    this.#signDir = signDir;
    this.#markClean = markClean;
  }

  /** commit stages every change (modified and untracked) and commits with author = committer. */
  async commit(
    message: string,
    identity: CommitIdentity,
    files?: readonly string[],
  ): Promise<string | undefined> {
    const key = identity.signingKey as SigningKey | undefined;
    const signer = key === undefined ? undefined : await prepareSigner(key, this.#signDir);
    try {
      return await this.#remote.withCacheLock(async () => {
        const paths = files === undefined ? ['.'] : files.map((f) => `:(literal)${f}`);
        if (paths.length > 0)
          await this.#remote.git(['add', '--all', '--', ...paths], { cwd: this.dir });
        const diff = await this.#remote.git(['diff', '--cached', '--quiet'], {
          cwd: this.dir,
          okCodes: [1],
        });
        if (diff.code === 0) return undefined;
        const when = `${Math.floor(Date.now() / 1000)} +0000`;
        const env = {
          GIT_AUTHOR_NAME: identity.name,
          GIT_AUTHOR_EMAIL: identity.email,
          GIT_AUTHOR_DATE: when,
          GIT_COMMITTER_NAME: identity.name,
          GIT_COMMITTER_EMAIL: identity.email,
          GIT_COMMITTER_DATE: when,
          ...(signer?.env ?? {}),
          ...configEnv([
            ...this.#remote.credentials.config,
            ...(signer?.config ?? [['commit.gpgsign', 'false']]),
          ]),
        };
        await this.#remote.git(
          [
            'commit',
            '--quiet',
            '--no-verify',
            '--allow-empty-message',
            '--cleanup=verbatim',
            '--file=-',
          ],
          {
            cwd: this.dir,
            env,
            stdin: message,
            secrets: signer?.secrets ?? [],
            what: 'git commit',
          },
        );
        const head = await this.#remote.git(['rev-parse', 'HEAD'], { cwd: this.dir });
        await this.#markClean();
        return head.stdout.trim();
      });
    } finally {
      await signer?.dispose();
    }
  }

  async #push(refspec: string, plan: PushPlan, force: string[]): Promise<PushOutcome> {
    const options = plan.options.map(([k, v]) => `--push-option=${k}=${v}`);
    const args = [
      'push',
      '--porcelain',
      '--no-verify',
      ...force,
      ...options,
      this.#remote.url,
      refspec,
    ];
    const r = await this.#remote.git(args, {
      cwd: this.dir,
      okCodes: [1],
      what: `push to ${this.#remote.url}`,
    });
    if (r.code === 0) return { ok: true };
    const kind = classifyPushRejection(r.stdout, r.stderr) ?? 'failed';
    if (kind === 'non-fast-forward') return { ok: false, reason: 'non-fast-forward' };
    // The server's own words (remote: lines) explain a rejection best; then git's reason.
    const remoteSays = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('remote:'))
      .map((l) => l.slice('remote:'.length).trim())
      .filter((l) => l !== '');
    const reason = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.split('\t').slice(2).join(' '));
    const detail = [...remoteSays.slice(-3), ...reason].join('; ') || lastLines(r.stderr, 4);
    const what = kindPrefix[kind];
    throw new GitError(`${what} (${refspec} to ${this.#remote.url}): ${detail}`, {
      kind,
      args,
      exitCode: r.code,
      stderr: r.stderr,
    });
  }

  /** push sends refs/heads/<branch>; a switched branch is force-pushed as a lease on `lease`. */
  push(plan: PushPlan, lease: string | undefined): Promise<PushOutcome> {
    const ref = `refs/heads/${plan.branch}`;
    const force = lease === undefined ? [] : [`--force-with-lease=${ref}:${lease}`];
    return this.#push(`${ref}:${ref}`, plan, force);
  }

  /** pushRefspec is Flux's second push with the user's refspec (same force and options). */
  async pushRefspec(plan: PushPlan): Promise<void> {
    if (plan.refspec === undefined) return;
    const r = await this.#push(plan.refspec, plan, plan.switchBranch ? ['--force'] : []);
    if (!r.ok)
      throw new GitError(
        `push of refspec '${plan.refspec}' to ${this.#remote.url} rejected (non-fast-forward)`,
        {
          kind: 'non-fast-forward',
        },
      );
  }
}
