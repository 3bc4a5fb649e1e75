// Runs helper programs (ssh-keygen, gpg, gpgconf) with the same sanitised environment as git;
// unlike runGit it reports the exit code instead of throwing, so callers can name the bad key.
import { spawn } from 'node:child_process';
import { baseGitEnv, redact } from './exec.ts';

/** ProgramResult is a finished helper process. */
export interface ProgramResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** runProgram runs `file ...args` without a shell and resolves with its exit code and output. */
export function runProgram(
  file: string,
  args: readonly string[],
  opts: {
    env?: Readonly<Record<string, string>>;
    secrets?: readonly string[];
    timeoutMs?: number;
    stdin?: string;
    cwd?: string;
  } = {},
): Promise<ProgramResult> {
  return new Promise((resolve) => {
    const child = spawn(file, [...args], {
      cwd: opts.cwd,
      env: { ...baseGitEnv(), SSH_ASKPASS_REQUIRE: 'force', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 30_000,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
    child.on('error', (e) =>
      resolve({ code: null, stdout: '', stderr: `cannot run ${file}: ${e.message}` }),
    );
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: redact(Buffer.concat(err).toString('utf8'), opts.secrets ?? []),
      }),
    );
  });
}
