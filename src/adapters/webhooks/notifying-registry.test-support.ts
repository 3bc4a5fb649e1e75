// Starts Debian's docker-registry (CNCF distribution 2.x) on 127.0.0.1 with a free port and a
// notifications endpoint, so tests receive the registry's own push notifications.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** NotifyingRegistry is a started registry. */
export interface NotifyingRegistry {
  host: string;
  url: string;
  stop(): Promise<void>;
}

/** startNotifyingRegistry starts a registry that POSTs its events to endpoint with headers. */
export async function startNotifyingRegistry(
  endpoint: string,
  headers: Record<string, string>,
): Promise<NotifyingRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'tagpilot-notify-registry-'));
  const cfg = join(dir, 'config.yml');
  const headerLines = Object.entries(headers).map(
    ([k, v]) => `        ${k}: [${JSON.stringify(v)}]`,
  );
  writeFileSync(
    cfg,
    [
      'version: 0.1',
      'log: { level: info, formatter: json, accesslog: { disabled: true } }',
      'storage:',
      `  filesystem: { rootdirectory: ${JSON.stringify(join(dir, 'data'))} }`,
      'http:',
      '  addr: 127.0.0.1:0',
      '  secret: tagpilot-notify-test',
      'notifications:',
      '  endpoints:',
      '    - name: tagpilot',
      `      url: ${JSON.stringify(endpoint)}`,
      '      headers:',
      ...headerLines,
      '      timeout: 2s',
      '      threshold: 5',
      '      backoff: 200ms',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', cfg], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
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
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`registry exited with ${code}:\n${output}`));
    });
  }).catch((err: unknown) => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  child.removeAllListeners('exit');
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', kill);
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      process.removeListener('exit', kill);
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
