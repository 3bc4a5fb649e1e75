// Starts a real CNCF distribution registry on 127.0.0.1 with a free port: Debian's
// `docker-registry` (2.8: no tag pagination) or distribution v3 built from test/go/registry-v3.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goBinary } from './go.ts';

/** RegistryAuth selects the registry's auth mode. */
export type RegistryAuth =
  | { kind: 'none' }
  | { kind: 'htpasswd'; users: Record<string, string> }
  | { kind: 'token'; realm: string; service: string; issuer: string; rootCertBundle: string };

/** RegistryOptions configures one registry. */
export interface RegistryOptions {
  version?: 'v2' | 'v3';
  auth?: RegistryAuth;
  /** notify makes the registry POST its event notifications to url with these headers. */
  notify?: { url: string; headers: Record<string, string> };
  /** tls serves HTTPS with this certificate; clientCa turns on mTLS. */
  tls?: { cert: string; key: string; clientCa?: string };
}

/** RunningRegistry is a started registry. */
export interface RunningRegistry {
  /** host is `127.0.0.1:<port>`. */
  host: string;
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** registryV2Available says whether Debian's docker-registry is installed (else tests print why they skip). */
export function registryV2Available(): boolean {
  try {
    execFileSync('docker-registry', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function bcryptLines(users: Record<string, string>): string {
  return Object.entries(users)
    .map(([u, p]) => execFileSync('htpasswd', ['-nbB', u, p], { encoding: 'utf8' }).trim())
    .join('\n');
}

function config(dir: string, o: RegistryOptions): string {
  const lines = [
    'version: 0.1',
    'log: { level: info, formatter: json, accesslog: { disabled: true } }',
    'storage:',
    `  filesystem: { rootdirectory: ${JSON.stringify(join(dir, 'data'))} }`,
    '  delete: { enabled: true }',
    'http:',
    '  addr: 127.0.0.1:0',
    '  secret: tagpilot-test-secret',
  ];
  if (o.tls) {
    lines.push(
      '  tls:',
      `    certificate: ${JSON.stringify(o.tls.cert)}`,
      `    key: ${JSON.stringify(o.tls.key)}`,
    );
    if (o.tls.clientCa) lines.push(`    clientcas: [${JSON.stringify(o.tls.clientCa)}]`);
  }
  const auth = o.auth ?? { kind: 'none' };
  if (auth.kind === 'htpasswd') {
    const path = join(dir, 'htpasswd');
    writeFileSync(path, `${bcryptLines(auth.users)}\n`);
    lines.push(
      'auth:',
      '  htpasswd:',
      '    realm: tagpilot-test',
      `    path: ${JSON.stringify(path)}`,
    );
  } else if (auth.kind === 'token') {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${JSON.stringify(auth.realm)}`,
      `    service: ${JSON.stringify(auth.service)}`,
      `    issuer: ${JSON.stringify(auth.issuer)}`,
      `    rootcertbundle: ${JSON.stringify(auth.rootCertBundle)}`,
    );
  }
  if (o.notify) {
    lines.push(
      'notifications:',
      '  endpoints:',
      '    - name: tagpilot',
      `      url: ${JSON.stringify(o.notify.url)}`,
      '      headers:',
      ...Object.entries(o.notify.headers).map(([k, v]) => `        ${k}: [${JSON.stringify(v)}]`),
      '      timeout: 2s',
      '      threshold: 5',
      '      backoff: 200ms',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** startRegistry starts a registry and resolves once it listens. */
export async function startRegistry(o: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'tagpilot-registry-'));
  const cfg = join(dir, 'config.yml');
  writeFileSync(cfg, config(dir, o));
  const bin = (o.version ?? 'v2') === 'v3' ? goBinary('registry-v3') : 'docker-registry';
  const child: ChildProcess = spawn(bin, ['serve', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const started = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`registry did not start in 20s:\n${output}`)),
      20_000,
    );
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`registry exited with ${code}:\n${output}`));
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${bin}: ${err.message}`));
    });
  });
  let port: number;
  try {
    port = await started;
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  // Keep draining output so the child never blocks on a full pipe.
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  child.removeAllListeners('exit');
  // If the test process dies without calling stop(), do not leave the registry running.
  const onExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', onExit);
  const host = `127.0.0.1:${port}`;
  return {
    host,
    url: `${o.tls ? 'https' : 'http'}://${host}`,
    dir,
    stop: async () => {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
