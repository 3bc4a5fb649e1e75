// The scan step on its own (pure unit: a stub registry port and the in-memory store), checked
// against Flux's upstream vectors (reflector.md §3.4–3.5).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryTagStore } from '../adapters/store/memory.ts';
import type { RegistryPort, RegistryTarget } from './ports.ts';
import { compileExclusions, isExcluded, scanRepository } from './scan-repository.ts';
import { fluxRevision } from './scan-revision.ts';

const object = { namespace: 'ns', name: 'repo' };
const clock = { now: () => new Date('2026-05-06T07:08:09.999Z') };

function stub(pages: string[][] | (() => never), seen: RegistryTarget[] = []): RegistryPort {
  return {
    async *listTags(target) {
      seen.push(target);
      if (typeof pages === 'function') pages();
      else for (const p of pages) yield p;
    },
    headDigest: async () => ({ digest: 'sha256:x', mediaType: '' }),
  };
}

async function scan(tags: string[] | string[][], exclusionList?: string[]) {
  const pages = Array.isArray(tags[0]) ? (tags as string[][]) : [tags as string[]];
  return scanRepository(
    { object, image: 'example.com/foo/bar', exclusionList },
    { registry: stub(pages), store: new MemoryTagStore(), clock },
  );
}

describe('exclusion (TestFilterOutTags)', () => {
  const cases = [
    { tags: ['a', 'b', 'c', 'd'], patterns: [], kept: ['a', 'b', 'c', 'd'] },
    { tags: ['a', 'b', 'c', 'd'], patterns: ['[abc]'], kept: ['d'] },
    { tags: ['a', 'b', 'c', 'd'], patterns: ['[a]', '[d]'], kept: ['b', 'c'] },
    {
      tags: ['0.1.0', '0.2.0', '0.2.-alpha', '0.3.0', '0.4.0', '0.4.0.sig'],
      patterns: ['^.*\\-alpha$', '^.*\\.sig$'],
      kept: ['0.1.0', '0.2.0', '0.3.0', '0.4.0'],
    },
    { tags: ['aaa', 'bbb', 'ccc', 'ddd'], patterns: ['aaa|ccc'], kept: ['bbb', 'ddd'] },
    { tags: ['1.0.2', 'v1.0.20', '1a0b2', '1.1.0'], patterns: ['1.0.2'], kept: ['1.1.0'] },
  ];
  for (const c of cases) {
    it(`${c.patterns.join(' ') || '(none)'} on ${c.tags.join(' ')}`, () => {
      const re = compileExclusions(c.patterns);
      assert.deepEqual(
        c.tags.filter((t) => !isExcluded(t, re)),
        c.kept,
      );
    });
  }
});

describe('scanRepository (TestSortTagsAndGetLatestTags, TestImageRepositoryReconciler_scan)', () => {
  const latest = [
    {
      tags: ['1.0.0', '0.0.8', '1.2.5', '3.0.1', '1.0.1'],
      latest: ['3.0.1', '1.2.5', '1.0.1', '1.0.0', '0.0.8'],
    },
    {
      tags: [
        '1.0.0',
        '0.0.8',
        '1.2.5',
        '3.0.1',
        '1.0.1',
        '5.1.1',
        '4.1.0',
        '4.5.0',
        '4.0.3',
        '2.2.2',
        '0.5.1',
        '0.1.0',
      ],
      latest: [
        '5.1.1',
        '4.5.0',
        '4.1.0',
        '4.0.3',
        '3.0.1',
        '2.2.2',
        '1.2.5',
        '1.0.1',
        '1.0.0',
        '0.5.1',
      ],
    },
    {
      tags: ['-62', '-88', '73', '72', '15', '16', '15', '29', '-33', '-91', '100', '101'],
      latest: ['73', '72', '29', '16', '15', '101', '100', '-91', '-88', '-62'],
    },
    { tags: ['aaa', 'bbb', 'ccc'], latest: ['ccc', 'bbb', 'aaa'] },
  ];
  for (const c of latest) {
    it(`latestTags of ${c.tags.join(' ')}`, async () => {
      const o = await scan(c.tags);
      assert.equal(o.kind, 'ready');
      if (o.kind === 'ready') assert.deepEqual(o.value.lastScanResult.latestTags, c.latest);
    });
  }

  it('a b c d → stored d c b a, revision 580584407 (Flux Badger)', async () => {
    const o = await scan(['a', 'b', 'c', 'd']);
    assert.equal(o.kind, 'ready');
    if (o.kind !== 'ready') return;
    assert.equal(o.value.lastScanResult.revision, '580584407');
    assert.equal(o.value.lastScanResult.tagCount, 4);
    assert.equal(o.value.lastScanResult.scanTime, '2026-05-06T07:08:09Z');
    assert.equal(o.value.message, 'successful scan: found 4 tags with checksum 580584407');
    assert.equal(o.value.canonicalImageName, 'example.com/foo/bar');
  });

  it('the revision does not depend on registry order or paging', async () => {
    const revisions = new Set<string>();
    for (const pages of [
      [['c', 'd', 'a', 'b']],
      [
        ['c', 'b'],
        ['a', 'd'],
      ],
      [['d'], ['c', 'd'], ['b', 'a']],
    ]) {
      const o = await scan(pages);
      if (o.kind === 'ready') revisions.add(o.value.lastScanResult.revision);
    }
    assert.deepEqual([...revisions], [fluxRevision(['d', 'c', 'b', 'a'])]);
  });

  const exclusionScans = [
    { excl: ['c'], count: 3 },
    { excl: ['c', 'a'], count: 2 },
    {
      excl: undefined,
      tags: ['0.1.0', '0.1.1', '0.1.1.sig', '1.0.0-alpha', '1.0.0', '1.0.0.sig'],
      count: 4,
      observed: ['^.*\\.sig$'],
    },
    {
      excl: ['^.*\\-alpha$'],
      tags: ['0.1.0', '0.1.1-alpha', '0.1.1', '0.1.1.sig', '1.0.0-alpha', '1.0.0'],
      count: 4,
      observed: ['^.*\\-alpha$'],
    },
  ];
  for (const c of exclusionScans) {
    it(`exclusion ${JSON.stringify(c.excl)} keeps ${c.count}`, async () => {
      const o = await scan(c.tags ?? ['a', 'b', 'c', 'd'], c.excl);
      assert.equal(o.kind, 'ready');
      if (o.kind !== 'ready') return;
      assert.equal(o.value.lastScanResult.tagCount, c.count);
      if (c.observed) assert.deepEqual(o.value.observedExclusionList, c.observed);
    });
  }

  it('passes registry, repository and scheme from the reference to the port', async () => {
    const seen: RegistryTarget[] = [];
    await scanRepository(
      { object, image: 'localhost:5000/team/app', insecure: false },
      { registry: stub([['x']], seen), store: new MemoryTagStore(), clock },
    );
    assert.deepEqual(seen[0], {
      registry: 'localhost:5000',
      repository: 'team/app',
      insecure: false,
      scheme: 'http',
    });
  });
});

describe('scanRepository failures', () => {
  const err = (props: Record<string, unknown>) => () => {
    throw Object.assign(new Error('boom from registry'), props);
  };
  const cases = [
    {
      name: 'image with a tag',
      image: 'example.com/foo/bar:v1',
      pages: [['a']],
      kind: 'stalled',
      reason: 'ImageURLInvalid',
      message: /should not include a tag/,
    },
    {
      name: 'bad exclusion regex',
      image: 'example.com/foo/bar',
      excl: ['[='],
      pages: [['a']],
      kind: 'stalled',
      reason: 'ReadOperationFailed',
      message: /^scan failed: failed to compile regex \[=/,
    },
    {
      name: 'rate limited',
      image: 'example.com/foo/bar',
      pages: err({ kind: 'rate-limited', retryAfterMs: 4200 }),
      kind: 'retry',
      reason: 'ReadOperationFailed',
      message: /^scan failed: boom/,
      afterMs: 4200,
    },
    {
      name: 'bad pull secret',
      image: 'example.com/foo/bar',
      pages: err({ kind: 'config' }),
      kind: 'retry',
      reason: 'AuthenticationFailed',
      message: /^failed to configure authentication options: boom/,
    },
    {
      name: 'missing repository',
      image: 'example.com/foo/bar',
      pages: err({ kind: 'not-found' }),
      kind: 'retry',
      reason: 'ReadOperationFailed',
      message: /^scan failed: boom/,
    },
  ] as const;
  for (const c of cases) {
    it(c.name, async () => {
      const store = new MemoryTagStore();
      await store.replaceTags(object, [['old']], clock.now());
      const o = await scanRepository(
        { object, image: c.image, ...('excl' in c ? { exclusionList: c.excl } : {}) },
        { registry: stub(c.pages as unknown as string[][]), store, clock },
      );
      assert.equal(o.kind, c.kind as string);
      if (o.kind === 'ready') return;
      assert.equal(o.reason, c.reason);
      assert.match(o.message, c.message);
      if ('afterMs' in c && o.kind === 'retry') assert.equal(o.afterMs, c.afterMs);
      assert.deepEqual(
        [...store.tagsDescending(object)],
        ['old'],
        'a failed scan keeps the stored tags',
      );
    });
  }

  it('times out a registry that never answers', async () => {
    const hang: RegistryPort = {
      async *listTags(_t, signal) {
        await new Promise((_r, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason)),
        );
      },
      headDigest: async () => ({ digest: '', mediaType: '' }),
    };
    const o = await scanRepository(
      { object, image: 'example.com/foo/bar', timeoutMs: 50 },
      { registry: hang, store: new MemoryTagStore(), clock },
    );
    assert.equal(o.kind, 'retry');
    if (o.kind === 'retry') assert.match(o.message, /^scan failed: timed out after 0.05s$/);
  });
});
