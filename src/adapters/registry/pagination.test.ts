// Against a real distribution v3 registry (it implements `n`/`last` and `Link`): every page is
// followed, and the full ImageRepository scan step runs end to end into the SQLite store.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningRegistry, startRegistry } from '../../../test/support/registry.ts';
import { pushTags } from '../../../test/support/registry-push.ts';
import { scanRepository } from '../../reconcile/scan-repository.ts';
import { SqliteTagStore } from '../store/sqlite.ts';
import { RegistryPool } from './pool.ts';

describe('pagination (distribution v3)', () => {
  let reg: RunningRegistry;
  const tags = Array.from({ length: 23 }, (_, i) => `1.${i}.0`).concat([
    'latest',
    '1.0.0.sig',
    'sha256-abc.sig',
  ]);

  before(async () => {
    reg = await startRegistry({ version: 'v3' });
    await pushTags({ url: reg.url }, 'team/app', tags, { sameDigest: true });
  });
  after(async () => {
    await reg?.stop();
  });

  const cases = [
    { pageSize: 5, pages: Math.ceil(tags.length / 5) },
    { pageSize: 1000, pages: 1 },
    { pageSize: 1, pages: tags.length },
  ];
  for (const c of cases) {
    it(`follows Link pages with n=${c.pageSize}`, async () => {
      const pool = new RegistryPool({ pageSize: c.pageSize });
      const seen: string[] = [];
      for await (const batch of pool.listTags({
        registry: reg.host,
        repository: 'team/app',
        insecure: true,
      })) {
        seen.push(...batch);
      }
      await pool.close();
      assert.deepEqual([...seen].sort(), [...tags].sort());
      assert.equal(new Set(seen).size, seen.length, 'no tag twice');
      const requests = pool.counters()[reg.host]?.requests;
      console.log(`# n=${c.pageSize}: ${seen.length} tags, ${requests} requests`);
      assert.equal(requests, c.pages);
    });
  }

  it('scans an ImageRepository like Flux: exclusion, latest tags, revision, first-seen', async () => {
    const pool = new RegistryPool({ pageSize: 10 });
    const store = new SqliteTagStore(':memory:');
    const object = { namespace: 'team-a', name: 'app' };
    const now = new Date('2026-03-04T05:06:07.890Z');
    const outcome = await scanRepository(
      { object, image: `${reg.host}/team/app`, insecure: true, timeoutMs: 30_000 },
      { registry: pool, store, clock: { now: () => now } },
    );
    await pool.close();
    assert.equal(outcome.kind, 'ready', JSON.stringify(outcome));
    if (outcome.kind !== 'ready') return;
    const r = outcome.value;
    const kept = tags.filter((t) => !t.endsWith('.sig'));
    const expectedLatest = [...kept].sort().reverse().slice(0, 10);
    assert.equal(r.lastScanResult.tagCount, kept.length);
    assert.deepEqual(r.lastScanResult.latestTags, expectedLatest);
    assert.equal(r.lastScanResult.scanTime, '2026-03-04T05:06:07Z');
    assert.equal(r.canonicalImageName, `${reg.host}/team/app`);
    assert.deepEqual(r.observedExclusionList, ['^.*\\.sig$']);
    assert.match(r.lastScanResult.revision, /^\d+$/);
    assert.equal(
      r.message,
      `successful scan: found ${kept.length} tags with checksum ${r.lastScanResult.revision}`,
    );
    assert.equal(store.tagInfo(object, '1.3.0')?.firstSeen.getTime(), now.getTime());
    assert.equal(store.tagInfo({ namespace: 'team-b', name: 'app' }, '1.3.0'), undefined);
    console.log(
      `# scan: ${r.lastScanResult.tagCount} tags, ${pool.counters()[reg.host]?.requests} requests`,
    );
    store.close();
  });
});
