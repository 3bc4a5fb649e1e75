// Digest reflection rules (reflector.md §3.7) with a stub registry port.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryTagStore } from '../adapters/store/memory.ts';
import type { RegistryPort } from './ports.ts';
import { needsDigestLookup, reflectDigest } from './reflect-digest.ts';

const image = 'example.com/org/app';
const clock = { now: () => new Date('2026-01-01T00:00:00Z') };

function counting(digest = 'sha256:new'): RegistryPort & { calls: number } {
  const port = {
    calls: 0,
    async *listTags() {},
    headDigest: async () => {
      port.calls++;
      return { digest, mediaType: 'application/vnd.oci.image.index.v1+json' };
    },
  };
  return port;
}

describe('needsDigestLookup', () => {
  const cur = { name: image, tag: '1.0', digest: 'sha256:old' };
  const cases = [
    { policy: undefined, current: undefined, tag: '1.0', want: false },
    { policy: 'Never', current: cur, tag: '1.0', want: false },
    { policy: 'Always', current: cur, tag: '1.0', want: true },
    { policy: 'IfNotPresent', current: undefined, tag: '1.0', want: true },
    { policy: 'IfNotPresent', current: cur, tag: '1.0', want: false },
    { policy: 'IfNotPresent', current: cur, tag: '1.1', want: true },
    { policy: 'IfNotPresent', current: { ...cur, name: 'other/app' }, tag: '1.0', want: true },
    { policy: 'IfNotPresent', current: { ...cur, digest: '' }, tag: '1.0', want: true },
  ] as const;
  for (const c of cases) {
    it(`${c.policy ?? '(empty)'} current=${c.current ? `${c.current.name}:${c.current.tag}@${c.current.digest || '-'}` : 'nil'} tag=${c.tag} → ${c.want}`, () => {
      assert.equal(
        needsDigestLookup({ policy: c.policy, image, tag: c.tag, current: c.current }),
        c.want,
      );
    });
  }
});

describe('reflectDigest', () => {
  it('Never leaves the digest empty without contacting the registry', async () => {
    const port = counting();
    const o = await reflectDigest(
      {
        policy: 'Never',
        image,
        tag: '1.0',
        current: { name: image, tag: '1.0', digest: 'sha256:old' },
      },
      { registry: port, clock },
    );
    assert.deepEqual(o, { kind: 'ready', value: { name: image, tag: '1.0', digest: '' } });
    assert.equal(port.calls, 0);
  });

  it('IfNotPresent carries the digest over for the same tag', async () => {
    const port = counting();
    const o = await reflectDigest(
      {
        policy: 'IfNotPresent',
        image,
        tag: '1.0',
        current: { name: image, tag: '1.0', digest: 'sha256:old' },
      },
      { registry: port, clock },
    );
    assert.deepEqual(o, {
      kind: 'ready',
      value: { name: image, tag: '1.0', digest: 'sha256:old' },
    });
    assert.equal(port.calls, 0);
  });

  it('Always fetches and records the digest as observed for the tag', async () => {
    const port = counting('sha256:fresh');
    const store = new MemoryTagStore();
    const repo = { namespace: 'ns', name: 'app' };
    await store.replaceTags(repo, [['1.0']], clock.now());
    const o = await reflectDigest(
      { policy: 'Always', image, tag: '1.0', repository: repo },
      { registry: port, store, clock },
    );
    assert.deepEqual(o, {
      kind: 'ready',
      value: { name: image, tag: '1.0', digest: 'sha256:fresh' },
    });
    assert.equal(port.calls, 1);
    assert.deepEqual(
      store.tagInfo(repo, '1.0')?.digests.map((d) => d.digest),
      ['sha256:fresh'],
    );
  });

  it('a rate-limited HEAD asks to retry after the host cool-down', async () => {
    const port: RegistryPort = {
      async *listTags() {},
      headDigest: async () => {
        throw Object.assign(new Error('429 Too Many Requests'), {
          kind: 'rate-limited',
          retryAfterMs: 3000,
        });
      },
    };
    const o = await reflectDigest(
      { policy: 'Always', image, tag: '1.0' },
      { registry: port, clock },
    );
    assert.equal(o.kind, 'retry');
    if (o.kind === 'retry') {
      assert.equal(o.afterMs, 3000);
      assert.match(o.message, /failed to fetch digest for example.com\/org\/app:1.0: 429/);
    }
  });
});
