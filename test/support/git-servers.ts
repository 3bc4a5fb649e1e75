// Real git servers on 127.0.0.1 for tests: `git daemon` (with receive-pack), smart HTTP through
// `git http-backend` behind node:http (basic auth or bearer token), and Debian's sshd running
// in the foreground with its own host key, port and config. Each start* returns stop().
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  request as httpRequest,
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

/** tempDir makes a fresh temporary directory. */
export function tempDir(prefix = 'tagpilot-git-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
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

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
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

function stopChild(child: ChildProcess): Promise<void> {
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
  /** tls serves HTTPS; with `clientCa`, clients must present a certificate signed by it. */
  readonly tls?: { readonly key: string; readonly cert: string; readonly clientCa?: string };
}

/** TlsFixture is a test CA with a server certificate for 127.0.0.1 and a client certificate. */
export interface TlsFixture {
  readonly ca: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
}

/** makeTlsFixture creates a throw-away CA, server and client certificates with openssl. */
export function makeTlsFixture(): TlsFixture {
  const d = tempDir('tagpilot-tls-');
  const ossl = (args: string[]) => execFileSync('openssl', args, { cwd: d, stdio: 'ignore' });
  ossl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=tagpilot test CA',
  ]);
  for (const [name, ext] of [
    ['server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'],
    ['client', 'extendedKeyUsage=clientAuth\n'],
  ] as const) {
    ossl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name}`,
    ]);
    writeFileSync(join(d, `${name}.ext`), ext.replace(/\\n/g, '\n'));
    ossl([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    ]);
  }
  const r = (f: string) => readFileSync(join(d, f), 'utf8');
  const fixture = {
    ca: r('ca.crt'),
    serverKey: r('server.key'),
    serverCert: r('server.crt'),
    clientKey: r('client.key'),
    clientCert: r('client.crt'),
  };
  rmSync(d, { recursive: true, force: true });
  return fixture;
}

/** startHttpProxy runs a forward HTTP proxy (absolute-URI requests) requiring `user:password`. */
export async function startHttpProxy(
  credentials: string,
): Promise<{ url: string; requests: () => number; stop(): Promise<void> }> {
  let count = 0;
  const server = createHttpServer((req, res) => {
    const auth = req.headers['proxy-authorization'] ?? '';
    if (auth !== `Basic ${Buffer.from(credentials).toString('base64')}`) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    count++;
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = httpRequest(target, { method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as import('node:net').AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
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

/** SshServer is a running sshd plus a client identity allowed to log in. */
export interface SshServer extends GitServer {
  readonly clientKey: string;
  readonly knownHosts: string;
  readonly port: number;
}

/** sshKeygen creates an ed25519 key (optionally encrypted) and returns [private, public]. */
export function sshKeygen(dir: string, name: string, passphrase = ''): [string, string] {
  const f = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', name, '-f', f]);
  return [readFileSync(f, 'utf8'), readFileSync(`${f}.pub`, 'utf8')];
}

/** startSshd runs Debian's sshd in the foreground with key-only auth for `authorizedKeys`. */
export async function startSshd(root: string, authorizedKeys: string[] = []): Promise<SshServer> {
  const dir = tempDir('tagpilot-sshd-');
  mkdirSync('/run/sshd', { recursive: true });
  const port = await freePort();
  const [clientKey, clientPub] = sshKeygen(dir, 'client');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host')]);
  writeFileSync(join(dir, 'authorized_keys'), [clientPub, ...authorizedKeys].join('\n'));
  const user = process.env.USER ?? 'root';
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      `SetEnv PATH=${process.env.PATH}`,
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  let log = '';
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  await waitForPort(port, child, () => log);
  const hostPub = readFileSync(join(dir, 'host.pub'), 'utf8')
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  return {
    root,
    port,
    clientKey,
    knownHosts: `[127.0.0.1]:${port} ${hostPub}\n`,
    url: (name) => `ssh://${user}@127.0.0.1:${port}${join(root, name)}`,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
