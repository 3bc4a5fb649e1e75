// Starts `tagpilot run` as a real child process and talks to its HTTP API.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const mainTs = join(import.meta.dirname, '..', '..', 'src', 'runtimes', 'cli', 'main.ts');

/** RunningDaemon is a started daemon process. */
export interface RunningDaemon {
  readonly url: string;
  readonly child: ChildProcess;
  /** logs holds everything the process printed so far. */
  logs(): string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string): Promise<T>;
  /** stop sends SIGTERM (or SIGKILL with kill: true) and waits for the exit code. */
  stop(opts?: { kill?: boolean }): Promise<number | null>;
}

/** startDaemon runs `tagpilot run --listen 127.0.0.1:0 …args` and waits until it serves. */
export async function startDaemon(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<RunningDaemon> {
  const child = spawn(process.execPath, [mainTs, 'run', '--listen', '127.0.0.1:0', ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const deadline = Date.now() + 30_000;
  let url = '';
  while (!url) {
    const m = /► tagpilot running: (\S+)/.exec(out);
    if (m) url = `http://${m[1]}`;
    else if (child.exitCode !== null) throw new Error(`tagpilot run exited early:\n${out}`);
    else if (Date.now() > deadline) throw new Error(`tagpilot run did not start:\n${out}`);
    else await new Promise((r) => setTimeout(r, 25));
  }
  const call = async <T>(method: string, path: string): Promise<T> => {
    const res = await fetch(url + path, { method });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    url,
    child,
    logs: () => out,
    get: (path) => call('GET', path),
    post: (path) => call('POST', path),
    async stop(opts = {}) {
      if (child.exitCode === null && child.signalCode === null)
        child.kill(opts.kill ? 'SIGKILL' : 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
