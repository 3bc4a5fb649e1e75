// Real git servers on 127.0.0.1 for tests: `git daemon` (with receive-pack) and smart HTTP through
// `git http-backend` behind node:http or node:https (basic auth, bearer token, client certs).
// sshd lives in git-sshd.ts, TLS material and a proxy in git-tls.ts. Each start* returns stop().
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** gitEnv is a clean environment for test-side git commands (no user config). */
export const gitEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: '/nonexistent',
  LC_ALL: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'Test Human',
  GIT_AUTHOR_EMAIL: 'human@example.com',
  GIT_COMMITTER_NAME: 'Test Human',
  GIT_COMMITTER_EMAIL: 'human@example.com',
};

/** git runs git synchronously for test setup and returns trimmed stdout. */
export function git(args: string[], cwd?: string, input?: string): string {
  return execFileSync('git', args, {
    cwd,
    env: gitEnv,
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  }).trim();
}

const made: string[] = [];
process.on('exit', () => {
  if (process.env.TAGPILOT_KEEP_TMP === '1') return;
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** tempDir makes a fresh temporary directory, removed when the process exits (unless TAGPILOT_KEEP_TMP=1). */
export function tempDir(prefix = 'tagpilot-git-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** freePort asks the OS for a port that is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr !== null ? addr.port : 0));
    });
  });
}

/** waitForPort resolves once `port` accepts connections (or fails if the child exits). */
export async function waitForPort(
  port: number,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited early (${child.exitCode}): ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server did not listen on ${port}: ${log()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** stopChild stops a server process: SIGTERM, then SIGKILL after 2 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  });
}

/** createBareRepo makes `<root>/<name>` (bare); with files, it gets one initial commit on `branch`. */
export function createBareRepo(
  root: string,
  name: string,
  files?: Record<string, string>,
  branch = 'main',
): string {
  const bare = join(root, name);
  git(['init', '--bare', '--quiet', `--initial-branch=${branch}`, bare]);
  git(['config', 'receive.advertisePushOptions', 'true'], bare);
  if (files !== undefined) {
    const work = tempDir('tagpilot-seed-');
    git(['init', '--quiet', `--initial-branch=${branch}`, work]);
    for (const [p, c] of Object.entries(files)) {
      mkdirSync(join(work, p, '..'), { recursive: true });
      writeFileSync(join(work, p), c);
    }
    git(['add', '--all'], work);
    git(['commit', '--quiet', '-m', 'initial'], work);
    git(['push', '--quiet', bare, `HEAD:refs/heads/${branch}`], work);
    rmSync(work, { recursive: true, force: true });
  }
  return bare;
}

/** GitServer is a running server exporting the repositories below `root`. */
export interface GitServer {
  readonly root: string;
  url(name: string): string;
  stop(): Promise<void>;
}

/** startGitDaemon runs `git daemon` with push enabled on a free port. */
export async function startGitDaemon(root: string): Promise<GitServer> {
  const port = await freePort();
  let log = '';
  const child = spawn(
    'git',
    [
      'daemon',
      '--reuseaddr',
      '--export-all',
      '--enable=receive-pack',
      '--informative-errors',
      `--base-path=${root}`,
      '--listen=127.0.0.1',
      `--port=${port}`,
      root,
    ],
    { env: gitEnv, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  await waitForPort(port, child, () => log);
  return { root, url: (name) => `git://127.0.0.1:${port}/${name}`, stop: () => stopChild(child) };
}

/** HttpAuth configures the smart-HTTP server: basic users and/or one accepted bearer token, TLS. */
export interface HttpAuth {
  readonly users?: Readonly<Record<string, string>>;
  readonly bearer?: string;
  /** readOnly users may fetch but get 403 on push (like a read-only deploy key). */
  readonly readOnly?: readonly string[];
  /** tls serves HTTPS; with `clientCa`, clients must present a certificate signed by it. */
  readonly tls?: { readonly key: string; readonly cert: string; readonly clientCa?: string };
}

/** startGitHttp serves `git http-backend` over node:http, optionally requiring auth. */
export async function startGitHttp(
  root: string,
  auth: HttpAuth = {},
): Promise<GitServer & { requests: number }> {
  const state = { requests: 0 };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    state.requests++;
    const header = req.headers.authorization ?? '';
    let user = 'anonymous';
    if (auth.users !== undefined || auth.bearer !== undefined) {
      const basic = header.startsWith('Basic ')
        ? Buffer.from(header.slice(6), 'base64').toString()
        : undefined;
      const bearer = header.startsWith('Bearer ') ? header.slice(7) : undefined;
      const okBasic =
        basic !== undefined &&
        auth.users?.[basic.split(':')[0]!] === basic.slice(basic.indexOf(':') + 1);
      const okBearer = bearer !== undefined && bearer === auth.bearer;
      if (!okBasic && !okBearer) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
        return;
      }
      user = okBasic ? basic!.split(':')[0]! : 'token';
    }
    const u = new URL(req.url ?? '/', 'http://x');
    const pushing =
      u.pathname.endsWith('/git-receive-pack') ||
      u.searchParams.get('service') === 'git-receive-pack';
    if (pushing && auth.readOnly?.includes(user)) {
      res.writeHead(403).end('read-only access');
      return;
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...gitEnv,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(u.pathname),
        QUERY_STRING: u.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        REMOTE_USER: user,
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (d: Buffer) => {
      if (headersDone) {
        res.write(d);
        return;
      }
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const i = line.indexOf(':');
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === 'status') status = Number.parseInt(v, 10);
        else headers[k] = v;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    cgi.on('close', () => res.end());
  };
  const server =
    auth.tls === undefined
      ? createHttpServer(handler)
      : createHttpsServer(
          {
            key: auth.tls.key,
            cert: auth.tls.cert,
            ...(auth.tls.clientCa === undefined
              ? {}
              : { ca: auth.tls.clientCa, requestCert: true, rejectUnauthorized: true }),
          },
          handler,
        );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    root,
    get requests() {
      return state.requests;
    },
    url: (name) => `${auth.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}/${name}`,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
