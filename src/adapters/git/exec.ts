// Runs the git CLI without a shell, with an explicit environment built from scratch so the
// user's ~/.gitconfig, credential helpers and terminal prompts can never leak into a run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { classifyGitFailure, GitError, kindPrefix, lastLines } from './errors.ts';

/** GitRunOptions configure one git invocation. */
export interface GitRunOptions {
  readonly cwd?: string;
  /** Extra environment (credentials, identities); merged over the sanitised base. */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly stdin?: string;
  /** Secret strings removed from stderr and messages. */
  readonly secrets?: readonly string[];
  /** Exit codes that are not failures (e.g. 1 for `diff --quiet`). */
  readonly okCodes?: readonly number[];
  /** What the operation is, for error messages (e.g. "fetch from https://host/repo"). */
  readonly what?: string;
}

/** GitRunResult is the output of a successful git invocation. */
export interface GitRunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const passThrough = ['PATH', 'TMPDIR', 'LANG', 'TZ', 'SYSTEMROOT'];

/** baseGitEnv returns the sanitised environment every git process starts from. */
export function baseGitEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of passThrough) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  Object.assign(env, {
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    // Only real transports: never `ext::` (runs commands) or other remote helpers.
    GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '/bin/false',
    SSH_ASKPASS: '/bin/false',
    GIT_SSH_COMMAND: 'ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_OPTIONAL_LOCKS: '0',
    HOME: '/nonexistent',
  });
  return env;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** killTree SIGKILLs a process's descendants (git-daemon, git-remote-http, ssh), deepest first. */
export function killTree(pid: number): void {
  for (const c of childrenOf(pid)) {
    killTree(c);
    try {
      process.kill(c, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** redact removes URL passwords and the given secret values from text. */
export function redact(text: string, secrets: readonly string[] = []): string {
  // userinfo in URLs: scheme://user:pass@host → scheme://user:***@host
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):[^@\s/]*@/gi, '$1:***@');
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}

/** runGit runs `git ...args` and resolves with its output, or rejects with a classified GitError. */
export function runGit(args: readonly string[], opts: GitRunOptions = {}): Promise<GitRunResult> {
  const secrets = opts.secrets ?? [];
  const shownArgs = args.map((a) => redact(a, secrets));
  const what = opts.what ?? `git ${shownArgs[0] ?? ''}`;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new GitError(`${what}: aborted`, { kind: 'aborted', args: shownArgs }));
      return;
    }
    const child = spawn('git', [...args], {
      cwd: opts.cwd,
      env: { ...baseGitEnv(), ...opts.env },
      // Same process group as tagpilot: killing the group (pod stop, test crash) kills git too.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let aborted = false;
    const killGroup = (): void => {
      if (child.pid !== undefined) killTree(child.pid);
      child.kill('SIGKILL');
      // A helper that survives (it holds our pipes) must not keep the caller waiting.
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, 200).unref();
    };
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup();
          }, opts.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => {}); // git may exit before reading stdin
    child.stdin.end(opts.stdin ?? '');
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(
        new GitError(`${what}: cannot run git`, { kind: 'failed', args: shownArgs, cause: e }),
      );
    });
    const started = performance.now();
    child.on('close', (code) => {
      clearTimeout(timer);
      if (process.env.TAGPILOT_GIT_TRACE === '1')
        process.stderr.write(
          `git ${shownArgs.join(' ')} → ${code} in ${Math.round(performance.now() - started)} ms\n`,
        );
      opts.signal?.removeEventListener('abort', onAbort);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = redact(Buffer.concat(err).toString('utf8'), secrets);
      if (timedOut) {
        reject(
          new GitError(`${what}: timed out after ${opts.timeoutMs} ms`, {
            kind: 'timeout',
            args: shownArgs,
            exitCode: code,
            stderr,
          }),
        );
        return;
      }
      if (aborted) {
        reject(new GitError(`${what}: aborted`, { kind: 'aborted', args: shownArgs, stderr }));
        return;
      }
      if (code === 0 || (code !== null && opts.okCodes?.includes(code))) {
        resolve({ code: code ?? 0, stdout, stderr });
        return;
      }
      const kind = classifyGitFailure(stderr);
      const detail = lastLines(stderr) || `exit code ${code}`;
      const prefix = kind === 'failed' ? '' : `${kindPrefix[kind]}: `;
      reject(
        new GitError(`${what}: ${prefix}${detail}`, {
          kind,
          args: shownArgs,
          exitCode: code,
          stderr,
        }),
      );
    });
  });
}
