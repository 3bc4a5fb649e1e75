// The image verbs against a real `tagpilot run` process and a real registry on 127.0.0.1.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runTagpilot } from '../../../test/support/cli.ts';
import {
  type RunningRegistry,
  registryV2Available,
  startRegistry,
} from '../../../test/support/registry.ts';
import { pushTags } from '../../../test/support/registry-push.ts';
import { memoryIO } from './flux/memory-io.test-support.ts';
import { runCli } from './main.ts';

const available = registryV2Available();
if (!available) console.log('# skipping: docker-registry is not installed');

const mainTs = join(import.meta.dirname, 'main.ts');

function manifests(host: string): string {
  return `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata:
  name: app
  namespace: flux-system
  labels:
    team: web
spec:
  image: ${host}/org/app
  interval: 5m
  insecure: true
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata:
  name: down
  namespace: flux-system
spec:
  image: 127.0.0.1:1/org/down
  interval: 5m
  insecure: true
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata:
  name: app
  namespace: flux-system
spec:
  imageRepositoryRef:
    name: app
  policy:
    semver:
      range: ">=1.0.0"
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata:
  name: orphan
  namespace: flux-system
spec:
  imageRepositoryRef:
    name: missing
  policy:
    semver:
      range: ">=1.0.0"
`;
}

function startDaemon(
  source: string,
  state: string,
): Promise<{ child: ChildProcess; server: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        mainTs,
        'run',
        '--source',
        source,
        '--state-dir',
        state,
        '--listen',
        '127.0.0.1:0',
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`daemon did not start:\n${seen}`)), 30_000);
    const onData = (d: Buffer) => {
      seen += d.toString('utf8');
      const m = /running: (127\.0\.0\.1:\d+)|"address":"(127\.0\.0\.1:\d+)"/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve({ child, server: `http://${m[1] ?? m[2]}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`daemon exited with ${code}:\n${seen}`)));
  });
}

describe('image verbs against a running daemon', { skip: !available }, () => {
  let dir: string;
  let registry: RunningRegistry;
  let daemon: { child: ChildProcess; server: string };
  const cli = async (...args: string[]) => {
    const io = memoryIO({ TAGPILOT_SERVER: daemon.server });
    const code = await runCli(args, io);
    return { code, out: io.out(), err: io.err() };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tagpilot-cli-e2e-'));
    mkdirSync(join(dir, 'src'));
    registry = await startRegistry();
    await pushTags({ url: registry.url }, 'org/app', ['0.9.0', '1.0.0', '1.1.0']);
    writeFileSync(join(dir, 'src', 'images.yaml'), manifests(registry.host));
    daemon = await startDaemon(join(dir, 'src'), join(dir, 'state'));
  });
  after(async () => {
    if (daemon?.child.exitCode === null) {
      const exited = new Promise((r) => daemon.child.once('exit', r));
      daemon.child.kill('SIGTERM');
      const force = setTimeout(() => daemon.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    }
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('get images policy shows the selected tag once the first pass is done', async () => {
    let r = await cli('get', 'images', 'policy', 'app');
    for (let i = 0; i < 60 && !r.out.includes('\t1.1.0\t'); i++) {
      await new Promise((res) => setTimeout(res, 250));
      r = await cli('get', 'images', 'policy', 'app');
    }
    assert.match(
      r.out,
      new RegExp(`^app\\s*\\t${registry.host}/org/app\\s*\\t1\\.1\\.0\\s*\\tTrue \\t`, 'm'),
      r.out + r.err,
    );
  });

  it('get images all lists every object with its Ready state', async () => {
    const r = await cli('get', 'images', 'all');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^imagerepository\/app\s*\t\S+\s*\tFalse\s*\tTrue /m);
    assert.match(r.out, /^imagerepository\/down\t.*\tFalse\s*\t.*scan failed/m);
    assert.match(r.out, /^imagepolicy\/orphan\s*\t\s*\t\s*\tFalse\s*\t.*missing/m);
  });

  it('reconcile image repository sees a newly pushed tag, then the policy selects it', async () => {
    await pushTags({ url: registry.url }, 'org/app', ['1.2.0']);
    const repo = await cli('reconcile', 'image', 'repository', 'app');
    assert.equal(repo.code, 0, repo.err);
    assert.match(
      repo.err,
      /✔ ImageRepository annotated\n◎ waiting for ImageRepository reconciliation\n✔ scan fetched 4 tags\n$/,
    );
    const pol = await cli('reconcile', 'image', 'policy', 'app');
    assert.equal(pol.code, 0, pol.err);
    assert.match(pol.err, new RegExp(`✔ selected ref ${registry.host}/org/app:1\\.2\\.0\\n$`));
  });

  it('reconcile of a failing repository exits 1 with its Ready message', async () => {
    const r = await cli('reconcile', 'image', 'repository', 'down', '--timeout', '30s');
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /✗ ImageRepository reconciliation failed: '.*scan failed/);
  });

  it('suspend blocks reconcile until resume', async () => {
    assert.equal((await cli('suspend', 'image', 'policy', 'app')).code, 0);
    const blocked = await cli('reconcile', 'image', 'policy', 'app');
    assert.equal(blocked.code, 1);
    assert.match(blocked.err, /✗ resource is suspended/);
    const table = await cli('get', 'images', 'repository', 'app');
    assert.match(
      table.out,
      /\tFalse\s*\tTrue /,
      'suspending the policy leaves the repository alone',
    );
    const resumed = await cli('resume', 'image', 'policy', 'app');
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.err, /✔ ImagePolicy app reconciliation completed\n✔ selected ref /);
  });

  it('export prints the manifests as loaded (real process)', async () => {
    const r = await runTagpilot([
      'export',
      'image',
      'repository',
      '--all',
      '--server',
      daemon.server,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const docs = r.stdout
      .split(/^---\n/m)
      .filter(Boolean)
      .map((d) => parse(d));
    assert.deepEqual(
      docs.map((d) => [d.metadata.name, d.spec.image, d.metadata.labels]),
      [
        ['app', `${registry.host}/org/app`, { team: 'web' }],
        ['down', '127.0.0.1:1/org/down', undefined],
      ],
    );
  });
});
