// Faults injected by a proxy in front of a real registry: the client retries what is transient,
// honours Retry-After, and fails clearly on what is not.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type FaultProxy,
  type FaultRule,
  startFaultProxy,
  tagsListPath,
} from '../../../test/support/fault-proxy.ts';
import {
  type RunningRegistry,
  registryV2Available,
  startRegistry,
} from '../../../test/support/registry.ts';
import { pushTags } from '../../../test/support/registry-push.ts';
import { scanRepository } from '../../reconcile/scan-repository.ts';
import { MemoryTagStore } from '../store/memory.ts';
import { RegistryPool } from './pool.ts';

const available = registryV2Available();
if (!available) console.log('# skipping: docker-registry is not installed');

const TAGS = Array.from({ length: 40 }, (_, i) => `2.${i}.0`);
const list = tagsListPath('team/app');

describe('fault injection in front of distribution 2.8', { skip: !available }, () => {
  let reg: RunningRegistry;
  let proxy: FaultProxy;

  before(async () => {
    reg = await startRegistry();
    await pushTags({ url: reg.url }, 'team/app', TAGS, { sameDigest: true });
    proxy = await startFaultProxy(reg.url);
  });
  after(async () => {
    await proxy?.stop();
    await reg?.stop();
  });

  async function scan(
    rules: FaultRule[],
    poolOpts: ConstructorParameters<typeof RegistryPool>[0] = {},
  ) {
    proxy.rules.splice(0, proxy.rules.length, ...rules);
    proxy.log.length = 0;
    const pool = new RegistryPool({
      retry: { attempts: 3, baseMs: 20 },
      budget: { backoffBaseMs: 50 },
      ...poolOpts,
    });
    const started = Date.now();
    try {
      const tags: string[] = [];
      for await (const b of pool.listTags({
        registry: proxy.host,
        repository: 'team/app',
        insecure: true,
      }))
        tags.push(...b);
      return {
        tags: [...new Set(tags)].sort(),
        ms: Date.now() - started,
        counters: pool.counters()[proxy.host],
      };
    } finally {
      await pool.close();
    }
  }

  const recovers = [
    {
      name: '429 with Retry-After: 1',
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } as const,
      minMs: 900,
    },
    { name: '503 without Retry-After', fault: { kind: 'status', status: 503 } as const, minMs: 0 },
    { name: '500', fault: { kind: 'status', status: 500 } as const, minMs: 0 },
    { name: 'connection reset', fault: { kind: 'reset' } as const, minMs: 0 },
    { name: 'truncated JSON body', fault: { kind: 'truncate' } as const, minMs: 0 },
    {
      name: 'bare-text 429 (Docker Hub abuse limit)',
      fault: {
        kind: 'status',
        status: 429,
        body: 'Too Many Requests (HAP429).',
        headers: { 'retry-after': '1' },
      } as const,
      minMs: 900,
    },
  ];
  for (const r of recovers) {
    it(`recovers from one ${r.name}`, async () => {
      const res = await scan([{ match: list, fault: r.fault, times: 1 }]);
      assert.deepEqual(res.tags, [...TAGS].sort());
      assert.ok(res.ms >= r.minMs, `waited ${res.ms}ms, expected ≥ ${r.minMs}ms`);
      assert.equal(
        proxy.log.filter((e) => e.path.includes('tags/list')).length,
        2,
        'one faulty + one good request',
      );
      console.log(
        `# ${r.name}: ${res.tags.length} tags in ${res.ms}ms, ${res.counters?.requests} requests`,
      );
    });
  }

  it('streams a slow body to the end', async () => {
    const res = await scan([
      { match: list, fault: { kind: 'slow', chunkBytes: 16, delayMs: 2 }, times: 1 },
    ]);
    assert.deepEqual(res.tags, [...TAGS].sort());
  });

  const fails = [
    {
      name: 'a persistent 500',
      rule: { match: list, fault: { kind: 'status', status: 500 } },
      kind: 'server',
      message: /500 Internal Server Error: UNAVAILABLE: injected/,
      requests: 3,
    },
    {
      name: 'an HTML page with status 200 (a CDN error page)',
      rule: {
        match: list,
        fault: {
          kind: 'status',
          status: 200,
          body: '<html><body>maintenance</body></html>',
          headers: { 'content-type': 'text/html' },
        },
      },
      kind: 'protocol',
      message: /invalid tag list for team\/app: expected "\{" but found "<"/,
      requests: 3,
    },
    {
      name: 'a 403 DENIED (not retried)',
      rule: {
        match: list,
        fault: {
          kind: 'status',
          status: 403,
          body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}',
        },
      },
      kind: 'forbidden',
      message: /403 Forbidden: DENIED: requested access to the resource is denied/,
      requests: 1,
    },
    {
      name: 'a body truncated every time',
      rule: { match: list, fault: { kind: 'truncate' } },
      kind: 'protocol',
      message: /invalid tag list .*truncated/,
      requests: 3,
    },
    {
      name: 'a Link loop',
      rule: {
        match: list,
        fault: { kind: 'link', link: '</v2/team/app/tags/list?n=1000>; rel="next"' },
      },
      kind: 'protocol',
      message: /pagination loop/,
      requests: 1,
    },
    {
      name: 'a Link to another host',
      rule: {
        match: list,
        fault: {
          kind: 'link',
          link: '<http://203.0.113.9/v2/team/app/tags/list?n=1000&last=x>; rel="next"',
        },
      },
      kind: 'protocol',
      message: /another origin .*refusing/,
      requests: 1,
    },
    {
      name: 'a Retry-After longer than the scan may wait',
      rule: {
        match: list,
        fault: { kind: 'status', status: 429, headers: { 'retry-after': '120' } },
      },
      kind: 'rate-limited',
      message: /429 Too Many Requests/,
      requests: 1,
    },
  ] as const;
  for (const f of fails) {
    it(`fails clearly on ${f.name}`, async () => {
      await assert.rejects(
        scan([f.rule as FaultRule], { maxWaitMs: 1000 }),
        (err: Error & { kind?: string; retryAfterMs?: number }) => {
          assert.equal(err.kind, f.kind);
          assert.match(err.message, f.message);
          if (f.kind === 'rate-limited')
            assert.ok((err.retryAfterMs ?? 0) > 100_000, `retryAfterMs ${err.retryAfterMs}`);
          return true;
        },
      );
      assert.equal(proxy.log.filter((e) => e.path.includes('tags/list')).length, f.requests);
    });
  }

  it('ends a scan whose body stalls at the scan timeout, as a retry', async () => {
    proxy.rules.splice(0, proxy.rules.length, {
      match: list,
      fault: { kind: 'slow', chunkBytes: 8, delayMs: 5_000 },
      times: 1,
    });
    const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 } });
    const started = Date.now();
    const o = await scanRepository(
      {
        object: { namespace: 'ns', name: 'stall' },
        image: `${proxy.host}/team/app`,
        insecure: true,
        timeoutMs: 500,
      },
      { registry: pool, store: new MemoryTagStore(), clock: { now: () => new Date() } },
    );
    assert.equal(o.kind, 'retry');
    if (o.kind === 'retry') assert.equal(o.message, 'scan failed: timed out after 0.5s');
    assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started}ms`);
    await pool.close();
  });

  it('follows a relative Link once (repeated tags are left to the store to merge)', async () => {
    const res = await scan([
      {
        match: list,
        fault: { kind: 'link', link: '</v2/team/app/tags/list?n=1000&last=2.9.0>; rel="next"' },
        times: 1,
      },
    ]);
    assert.deepEqual(res.tags, [...TAGS].sort());
    assert.equal(proxy.log.length, 2);
  });
});

describe('conditional tag pages (ETag) in front of distribution 2.8', { skip: !available }, () => {
  let reg: RunningRegistry;
  let proxy: FaultProxy;
  before(async () => {
    reg = await startRegistry();
    await pushTags({ url: reg.url }, 'team/app', ['a', 'b'], { sameDigest: true });
    proxy = await startFaultProxy(reg.url);
    proxy.rules.push({ match: list, fault: { kind: 'etag' } });
  });
  after(async () => {
    await proxy?.stop();
    await reg?.stop();
  });

  it('revalidates an unchanged page with If-None-Match and still yields its tags', async () => {
    const pool = new RegistryPool();
    const target = { registry: proxy.host, repository: 'team/app', insecure: true };
    for (let round = 0; round < 3; round++) {
      const tags: string[] = [];
      for await (const b of pool.listTags(target)) tags.push(...b);
      assert.deepEqual(tags.sort(), ['a', 'b']);
    }
    assert.equal(pool.counters()[proxy.host]?.notModified, 2);
    await pushTags({ url: reg.url }, 'team/app', ['c'], { sameDigest: true });
    const after: string[] = [];
    for await (const b of pool.listTags(target)) after.push(...b);
    assert.deepEqual(after.sort(), ['a', 'b', 'c'], 'a changed page is fetched in full');
    assert.equal(pool.counters()[proxy.host]?.notModified, 2);
    await pool.close();
  });
});
