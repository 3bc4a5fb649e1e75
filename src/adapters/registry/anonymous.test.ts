// Against a real distribution 2.8 registry without auth: listing, digests, platforms, ETags, errors.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type RunningRegistry,
  registryV2Available,
  startRegistry,
} from '../../../test/support/registry.ts';
import { pushIndex, pushTags } from '../../../test/support/registry-push.ts';
import { getManifest, headManifest } from './manifests.ts';
import { RegistryPool } from './pool.ts';

const available = registryV2Available();

function skopeoAvailable(): boolean {
  try {
    execFileSync('skopeo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const skopeo = skopeoAvailable();
if (!skopeo) console.log('# skipping the skopeo cross-check: skopeo is not installed');

/** skopeoRun runs skopeo with an empty HOME, so no real auth file is read. */
function skopeoRun(args: string[]): string {
  const home = mkdtempSync(join(tmpdir(), 'tagpilot-skopeo-'));
  try {
    return execFileSync('skopeo', args, { encoding: 'utf8', env: { ...process.env, HOME: home } });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
if (!available)
  console.log('# skipping: docker-registry is not installed (apt-get install docker-registry)');

describe('anonymous registry (distribution 2.8)', { skip: !available }, () => {
  let reg: RunningRegistry;
  let pool: RegistryPool;
  let digests: Map<string, string>;
  let index: { digest: string; children: Record<string, string> };
  let dockerDigests: Map<string, string>;
  const tags = ['1.0.0', '1.1.0', '2.0.0', 'latest', '1.0.0.sig'];

  before(async () => {
    reg = await startRegistry();
    digests = await pushTags({ url: reg.url }, 'team/app', tags);
    index = await pushIndex({ url: reg.url }, 'team/multi', 'v1');
    dockerDigests = await pushTags({ url: reg.url }, 'team/docker', ['d1'], { format: 'docker' });
    pool = new RegistryPool({ retry: { attempts: 2, baseMs: 50 } });
  });
  after(async () => {
    await pool?.close();
    await reg?.stop();
  });

  const target = (repository: string) => ({ registry: reg.host, repository, insecure: true });

  it('lists every tag', async () => {
    const seen: string[] = [];
    for await (const batch of pool.listTags(target('team/app'))) seen.push(...batch);
    assert.deepEqual(seen.sort(), [...tags].sort());
    const c = pool.counters()[reg.host];
    console.log(`# listed ${seen.length} tags with ${c?.requests} requests`);
    assert.equal(c?.requests, 1);
  });

  it('reads a tag digest with HEAD and revalidates it with If-None-Match', async () => {
    const first = await pool.headDigest(target('team/app'), '2.0.0');
    assert.equal(first.digest, digests.get('2.0.0'));
    assert.equal(first.mediaType, 'application/vnd.oci.image.manifest.v1+json');
    const before304 = pool.counters()[reg.host]?.notModified ?? 0;
    const again = await pool.headDigest(target('team/app'), '2.0.0');
    assert.equal(again.digest, first.digest);
    assert.equal(pool.counters()[reg.host]?.notModified, before304 + 1);
  });

  it('reads a Docker schema 2 manifest digest (strict content negotiation)', async () => {
    const head = await pool.headDigest(target('team/docker'), 'd1');
    assert.equal(head.digest, dockerDigests.get('d1'));
    assert.equal(head.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
  });

  it('reads an index digest and its platforms', async () => {
    const client = await pool.client(target('team/multi'));
    const head = await headManifest(client, 'team/multi', 'v1');
    assert.equal(head.digest, index.digest);
    const m = await getManifest(client, 'team/multi', 'v1');
    assert.equal(m.digest, index.digest);
    assert.deepEqual(
      m.platforms.map((p) => [p.architecture, p.digest]),
      [
        ['amd64', index.children.amd64],
        ['arm64', index.children.arm64],
      ],
    );
  });

  it('agrees with skopeo (a second, independent client) on tags and digests', {
    skip: !skopeo,
  }, async () => {
    const theirs = JSON.parse(
      skopeoRun(['list-tags', '--tls-verify=false', `docker://${reg.host}/team/app`]),
    ) as { Tags: string[] };
    const ours: string[] = [];
    for await (const batch of pool.listTags(target('team/app'))) ours.push(...batch);
    assert.deepEqual([...ours].sort(), [...theirs.Tags].sort());
    for (const [repo, tag] of [
      ['team/app', '1.1.0'],
      ['team/multi', 'v1'],
    ] as const) {
      const digest = skopeoRun([
        'inspect',
        '--tls-verify=false',
        '--raw',
        `docker://${reg.host}/${repo}:${tag}`,
      ]);
      const head = await pool.headDigest(target(repo), tag);
      assert.equal(head.digest, `sha256:${createHash('sha256').update(digest).digest('hex')}`);
    }
  });

  it('names a missing repository clearly', async () => {
    await assert.rejects(
      async () => {
        for await (const _ of pool.listTags(target('team/nope'))) void _;
      },
      (err: Error & { kind?: string }) => {
        assert.equal(err.kind, 'not-found');
        assert.match(err.message, /404 Not Found: NAME_UNKNOWN/);
        assert.match(err.message, /team\/nope/);
        return true;
      },
    );
  });

  it('reports a missing tag as MANIFEST_UNKNOWN', async () => {
    await assert.rejects(pool.headDigest(target('team/app'), '9.9.9'), /404 Not Found/);
  });
});
