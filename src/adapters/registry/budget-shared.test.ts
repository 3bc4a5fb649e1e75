// Ten ImageRepositories on one host that starts answering 429: the shared host budget keeps the
// request count bounded, every object gets `retry(after)` no longer than the registry's window,
// and all of them recover after it.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FaultProxy, startFaultProxy } from '../../../test/support/fault-proxy.ts';
import {
  type RunningRegistry,
  registryV2Available,
  startRegistry,
} from '../../../test/support/registry.ts';
import { pushTags } from '../../../test/support/registry-push.ts';
import { scanRepository } from '../../reconcile/scan-repository.ts';
import { SqliteTagStore } from '../store/sqlite.ts';
import { RegistryPool } from './pool.ts';

const available = registryV2Available();
if (!available) console.log('# skipping: docker-registry is not installed');

const REPOS = Array.from({ length: 10 }, (_, i) => `team/app-${i}`);
const WINDOW_S = 2;
const CONCURRENCY = 3;

describe('shared request budget under 429s', { skip: !available }, () => {
  let reg: RunningRegistry;
  let proxy: FaultProxy;
  let windowEnd = 0;

  before(async () => {
    reg = await startRegistry();
    for (const r of REPOS)
      await pushTags({ url: reg.url }, r, ['1.0.0', '1.1.0'], { sameDigest: true, concurrency: 2 });
    proxy = await startFaultProxy(reg.url);
  });
  after(async () => {
    await proxy?.stop();
    await reg?.stop();
  });

  function arm(): void {
    windowEnd = 0;
    proxy.log.length = 0;
    // The registry's limit: from the first request on, everything is 429 for WINDOW_S seconds.
    proxy.rules.splice(0, proxy.rules.length, {
      match: () => {
        if (windowEnd === 0) windowEnd = Date.now() + WINDOW_S * 1000;
        return Date.now() < windowEnd;
      },
      fault: { kind: 'status', status: 429, headers: { 'retry-after': String(WINDOW_S) } },
    });
  }

  const scanAll = (pool: RegistryPool, store: SqliteTagStore) =>
    Promise.all(
      REPOS.map((image, i) =>
        scanRepository(
          {
            object: { namespace: `tenant-${i}`, name: 'app' },
            image: `${proxy.host}/${image}`,
            insecure: true,
            timeoutMs: 20_000,
          },
          { registry: pool, store, clock: { now: () => new Date() } },
        ),
      ),
    );

  it('objects that may not wait get retry(after) and recover after the window', async () => {
    arm();
    const pool = new RegistryPool({
      budget: { concurrency: CONCURRENCY },
      maxWaitMs: 500,
      retry: { attempts: 3, baseMs: 20 },
    });
    const store = new SqliteTagStore(':memory:');
    const first = await scanAll(pool, store);
    const sent = proxy.log.length;
    console.log(
      `# round 1: ${sent} requests reached the registry; outcomes ${first.map((o) => o.kind).join(',')}`,
    );
    assert.ok(sent <= CONCURRENCY, `at most one wave of ${CONCURRENCY} requests, saw ${sent}`);
    for (const o of first) {
      assert.equal(o.kind, 'retry');
      if (o.kind !== 'retry') continue;
      assert.ok(
        o.afterMs !== undefined && o.afterMs > 0 && o.afterMs <= WINDOW_S * 1000,
        `afterMs ${o.afterMs}`,
      );
      assert.match(o.message, /429|rate limiting/);
    }
    assert.equal(pool.counters()[proxy.host]?.refused, REPOS.length - sent);
    const wait = Math.max(...first.map((o) => (o.kind === 'retry' ? (o.afterMs ?? 0) : 0)));
    await new Promise((r) => setTimeout(r, wait + 50));
    const second = await scanAll(pool, store);
    assert.deepEqual(
      second.map((o) => o.kind),
      REPOS.map(() => 'ready'),
    );
    const total = proxy.log.length;
    console.log(`# round 2: all ${REPOS.length} ready; ${total} requests in total`);
    assert.ok(total <= CONCURRENCY + REPOS.length, `total ${total}`);
    await pool.close();
    store.close();
  });

  it('objects that may wait ride out the cool-down together and all succeed', async () => {
    arm();
    const pool = new RegistryPool({
      budget: { concurrency: CONCURRENCY },
      maxWaitMs: 10_000,
      retry: { attempts: 3, baseMs: 20 },
    });
    const store = new SqliteTagStore(':memory:');
    const started = Date.now();
    const outcomes = await scanAll(pool, store);
    const ms = Date.now() - started;
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      REPOS.map(() => 'ready'),
    );
    const c = pool.counters()[proxy.host];
    console.log(`# waited ${ms}ms; ${proxy.log.length} requests, ${c?.rateLimited} answered 429`);
    assert.ok(ms >= WINDOW_S * 1000 - 100, `should have waited out the window, took ${ms}ms`);
    assert.ok(
      ms < WINDOW_S * 1000 + 3000,
      `should not wait much longer than the window, took ${ms}ms`,
    );
    assert.ok((c?.rateLimited ?? 0) <= CONCURRENCY);
    assert.ok(proxy.log.length <= CONCURRENCY + REPOS.length);
    await pool.close();
    store.close();
  });

  it('a scan whose timeout ends before the cool-down gets retry(after) at once, not a timeout', async () => {
    const pool = new RegistryPool({ maxWaitMs: 60_000 });
    pool.hostState(proxy.host).budget.pause(5_000);
    proxy.log.length = 0;
    const started = Date.now();
    const o = await scanRepository(
      {
        object: { namespace: 'ns', name: 'short' },
        image: `${proxy.host}/${REPOS[0]}`,
        insecure: true,
        timeoutMs: 2_000,
      },
      { registry: pool, store: new SqliteTagStore(':memory:'), clock: { now: () => new Date() } },
    );
    assert.equal(o.kind, 'retry');
    if (o.kind === 'retry')
      assert.ok(o.afterMs !== undefined && o.afterMs > 4_000, `afterMs ${o.afterMs}`);
    assert.ok(Date.now() - started < 1_000, 'answered without waiting');
    assert.equal(proxy.log.length, 0);
    await pool.close();
  });
});
