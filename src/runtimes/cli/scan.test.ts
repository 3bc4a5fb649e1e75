// `tagpilot scan` as a real process against real registries.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import { runTagpilot } from '../../../test/support/cli.ts';
import {
  type RunningRegistry,
  registryV2Available,
  startRegistry,
} from '../../../test/support/registry.ts';
import { makePki, type Pki } from '../../../test/support/registry-pki.ts';
import { basicPushAuth, pushTags } from '../../../test/support/registry-push.ts';
import { runCli } from './main.ts';
import { scanCommand } from './scan.ts';

const available = registryV2Available();

/** inProcess runs the CLI inside the test process (same code path as main, minus process start-up). */
async function inProcess(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  err.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await runCli(args, {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    env: {},
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}
if (!available) console.log('# skipping: docker-registry is not installed');

describe('tagpilot scan', { skip: !available }, () => {
  let dir: string;
  let pki: Pki;
  let open: RunningRegistry;
  let secured: RunningRegistry;
  const tags = ['0.9.0', '1.0.0', '1.0.0.sig', '1.1.0', 'latest'];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tagpilot-cli-scan-'));
    pki = makePki(dir);
    open = await startRegistry();
    secured = await startRegistry({
      auth: { kind: 'htpasswd', users: { ci: 'pa55' } },
      tls: { cert: pki.serverCert, key: pki.serverKey },
    });
    await pushTags({ url: open.url }, 'org/app', tags, { sameDigest: true });
    const trust = new Agent({ connect: { ca: pki.caCertPem } });
    await pushTags(
      { url: secured.url, auth: basicPushAuth('ci', 'pa55'), dispatcher: trust },
      'org/private',
      ['v1', 'v2'],
    );
    await trust.close();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: { [secured.host]: { auth: Buffer.from('ci:pa55').toString('base64') } },
      }),
    );
  });
  after(async () => {
    await open?.stop();
    await secured?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints tagCount, latestTags and requests as JSON', async () => {
    const r = await runTagpilot(['scan', `${open.host}/org/app`, '--insecure', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      tagCount: number;
      latestTags: string[];
      requests: number;
      canonicalImageName: string;
    };
    assert.equal(out.tagCount, 4);
    assert.deepEqual(out.latestTags, ['latest', '1.1.0', '1.0.0', '0.9.0']);
    assert.equal(out.requests, 1);
    assert.equal(out.canonicalImageName, `${open.host}/org/app`);
    assert.match(r.stderr, /✔ successful scan: found 4 tags/);
  });

  it('uses --secret and --ca for a private TLS registry (text output)', async () => {
    const r = await runTagpilot([
      'scan',
      `${secured.host}/org/private`,
      '--secret',
      join(dir, 'config.json'),
      '--ca',
      pki.caCert,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^tags: +2$/m);
    assert.match(r.stdout, /^latest tags: v2 v1$/m);
    assert.match(r.stdout, /^requests: +2$/m);
  });

  it('shows a progress line on a terminal', async () => {
    const out = new PassThrough();
    const err = Object.assign(new PassThrough(), { isTTY: true });
    let stderr = '';
    err.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    out.resume();
    const code = await scanCommand.run([`${open.host}/org/app`, '--insecure'], {
      stdout: out,
      stderr: err,
      stdin: new PassThrough(),
      env: {},
      cwd: dir,
    });
    assert.equal(code, 0);
    assert.match(stderr, new RegExp(`\\r► scanning ${open.host}/org/app: 5 tags`));
  });

  it('applies --exclude instead of the default', async () => {
    const r = await inProcess([
      'scan',
      `${open.host}/org/app`,
      '--insecure',
      '--exclude',
      '^latest$',
      '-o',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { latestTags: string[] }).latestTags, [
      '1.1.0',
      '1.0.0.sig',
      '1.0.0',
      '0.9.0',
    ]);
  });

  const failures = [
    {
      name: 'a tag in the image',
      args: (h: string) => ['scan', `${h}/org/app:1.0`],
      code: 2,
      stderr: /should not include a tag/,
    },
    {
      name: 'a bad regex',
      args: (h: string) => ['scan', `${h}/org/app`, '--insecure', '--exclude', '[='],
      code: 2,
      stderr: /failed to compile regex \[=/,
    },
    {
      name: 'a missing repository',
      args: (h: string) => ['scan', `${h}/org/none`, '--insecure'],
      code: 1,
      stderr: /404 Not Found: NAME_UNKNOWN/,
    },
    {
      name: 'an unknown flag',
      args: (h: string) => ['scan', `${h}/org/app`, '--frobnicate'],
      code: 2,
      stderr: /Unknown option '--frobnicate'/,
    },
    {
      name: 'a missing --secret file',
      args: (h: string) => ['scan', `${h}/org/app`, '--secret', '/nonexistent/x.json'],
      code: 2,
      stderr: /--secret \/nonexistent\/x\.json: ENOENT/,
    },
  ];
  for (const f of failures) {
    it(`exits ${f.code} on ${f.name}`, async () => {
      const r = await inProcess(f.args(open.host));
      assert.equal(r.code, f.code, r.stderr);
      assert.match(r.stderr, f.stderr);
      assert.equal(r.stdout, '');
    });
  }

  it('without credentials a private registry fails with exit 1 and a hint', async () => {
    const r = await runTagpilot(['scan', `${secured.host}/org/private`, '--ca', pki.caCert]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /401 Unauthorized.*no credentials matched/);
  });
});
