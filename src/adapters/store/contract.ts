// The TagStore contract: every implementation runs these cases (see *.test.ts beside it).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RepoKey, TagStore } from './tag-store.ts';

const a: RepoKey = { namespace: 'team-a', name: 'app' };
const b: RepoKey = { namespace: 'team-b', name: 'app' };
const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-02T00:00:00Z');

async function* pages(...batches: string[][]): AsyncGenerator<string[]> {
  for (const x of batches) yield x;
}

/** runTagStoreContract registers the shared cases for one TagStore factory. */
export function runTagStoreContract(label: string, open: () => TagStore): void {
  describe(`TagStore contract: ${label}`, () => {
    it('stores tags in descending byte order, de-duplicated across batches', async () => {
      const s = open();
      const n = await s.replaceTags(a, pages(['b', 'a', '10'], ['9', 'b', 'B', 'é', 'z']), t0);
      assert.equal(n, 7);
      assert.deepEqual([...s.tagsDescending(a)], ['é', 'z', 'b', 'a', 'B', '9', '10']);
      assert.equal(s.tagCount(a), 7);
      s.close();
    });

    it('keeps first-seen for surviving tags and drops removed ones', async () => {
      const s = open();
      await s.replaceTags(a, [['v1', 'v2']], t0);
      await s.replaceTags(a, [['v2', 'v3']], t1);
      assert.equal(s.tagInfo(a, 'v1'), undefined);
      assert.equal(s.tagInfo(a, 'v2')?.firstSeen.toISOString(), t0.toISOString());
      assert.equal(s.tagInfo(a, 'v3')?.firstSeen.toISOString(), t1.toISOString());
      s.close();
    });

    it('never shares tags between namespaces', async () => {
      const s = open();
      await s.replaceTags(a, [['a1']], t0);
      await s.replaceTags(b, [['b1', 'b2']], t0);
      assert.deepEqual([...s.tagsDescending(a)], ['a1']);
      assert.deepEqual([...s.tagsDescending(b)], ['b2', 'b1']);
      s.deleteRepository(a);
      assert.equal(s.tagCount(a), 0);
      assert.equal(s.tagCount(b), 2);
      assert.deepEqual(s.repositories(), [b]);
      s.close();
    });

    it('records digests per tag, and forgets them with the tag', async () => {
      const s = open();
      await s.replaceTags(a, [['v1']], t0);
      assert.equal(s.recordDigest(a, 'v1', 'sha256:aa', t0), true);
      assert.equal(s.recordDigest(a, 'v1', 'sha256:aa', t1), true);
      assert.equal(s.recordDigest(a, 'v1', 'sha256:bb', t1), true);
      assert.equal(s.recordDigest(a, 'nope', 'sha256:cc', t1), false);
      const info = s.tagInfo(a, 'v1');
      assert.deepEqual(
        info?.digests.map((d) => [d.digest, d.firstSeen.toISOString(), d.lastSeen.toISOString()]),
        [
          ['sha256:aa', t0.toISOString(), t1.toISOString()],
          ['sha256:bb', t1.toISOString(), t1.toISOString()],
        ],
      );
      await s.replaceTags(a, [['v2']], t1);
      await s.replaceTags(a, [['v1', 'v2']], t1);
      assert.deepEqual(s.tagInfo(a, 'v1')?.digests, []);
      s.close();
    });

    it('leaves the old set untouched when the scan fails midway', async () => {
      const s = open();
      await s.replaceTags(a, [['keep']], t0);
      async function* broken(): AsyncGenerator<string[]> {
        yield ['x'];
        throw new Error('registry went away');
      }
      await assert.rejects(s.replaceTags(a, broken(), t1), /went away/);
      assert.deepEqual([...s.tagsDescending(a)], ['keep']);
      s.close();
    });

    it('an empty scan empties the repository', async () => {
      const s = open();
      await s.replaceTags(a, [['x']], t0);
      assert.equal(await s.replaceTags(a, [], t1), 0);
      assert.equal(s.tagCount(a), 0);
      assert.deepEqual([...s.tagsDescending(a)], []);
      assert.deepEqual(s.repositories(), []);
      s.close();
    });

    it('concurrent scans of different repositories do not mix', async () => {
      const s = open();
      async function* slow(prefix: string): AsyncGenerator<string[]> {
        for (let i = 0; i < 5; i++) {
          await new Promise((r) => setImmediate(r));
          yield [`${prefix}${i}`];
        }
      }
      const [na, nb] = await Promise.all([
        s.replaceTags(a, slow('a'), t0),
        s.replaceTags(b, slow('b'), t0),
      ]);
      assert.equal(na, 5);
      assert.equal(nb, 5);
      assert.ok([...s.tagsDescending(a)].every((t) => t.startsWith('a')));
      assert.ok([...s.tagsDescending(b)].every((t) => t.startsWith('b')));
      s.close();
    });
  });
}
