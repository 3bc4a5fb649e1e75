// The host budget on its own: token bucket pacing, concurrency, cool-down and Retry-After parsing.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostBudget, parseRateLimitRemaining, parseRetryAfter } from './budget.ts';

describe('HostBudget', () => {
  it('paces requests with the token bucket', async () => {
    const b = new HostBudget('r.io', { ratePerSecond: 50, burst: 2, concurrency: 10 });
    const started = Date.now();
    for (let i = 0; i < 7; i++) (await b.acquire(undefined, 1000))();
    const ms = Date.now() - started;
    // 2 from the burst, 5 more at 50/s ≈ 100 ms.
    assert.ok(ms >= 80 && ms < 1000, `took ${ms}ms`);
  });

  it('never has more than `concurrency` requests in flight', async () => {
    const b = new HostBudget('r.io', { concurrency: 2, ratePerSecond: 1000, burst: 1000 });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await b.acquire(undefined, 1000);
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 10));
        active--;
        release();
      }),
    );
    assert.equal(peak, 2);
  });

  it('pauses the whole host after a 429 and refuses waits longer than allowed', async () => {
    const b = new HostBudget('r.io');
    const after = b.noteResponse(429, new Headers({ 'retry-after': '30' }));
    assert.ok(after !== undefined && after > 29_000 && after <= 30_000);
    await assert.rejects(
      b.acquire(undefined, 1000),
      (err: Error & { kind?: string; retryAfterMs?: number }) => {
        assert.equal(err.kind, 'rate-limited');
        assert.ok((err.retryAfterMs ?? 0) > 29_000);
        assert.match(err.message, /paused for 30s/);
        return true;
      },
    );
    assert.equal(b.counters.refused, 1);
    assert.equal(b.counters.rateLimited, 1);
  });

  it('caps Retry-After and backs off exponentially without one', () => {
    const b = new HostBudget('r.io', {
      maxRetryAfterMs: 5000,
      backoffBaseMs: 100,
      backoffMaxMs: 1000,
    });
    assert.ok((b.noteResponse(429, new Headers({ 'retry-after': '3600' })) ?? 0) <= 5000);
    const b2 = new HostBudget('r.io', { backoffBaseMs: 100, backoffMaxMs: 1000 });
    const waits = [1, 2, 3, 4, 5].map(() => b2.pause(undefined));
    assert.ok(
      (waits[0] ?? 0) <= 100 && (waits[4] ?? 0) > 900 && (waits[4] ?? 0) <= 1000,
      String(waits),
    );
  });

  it('records RateLimit-Remaining', () => {
    const b = new HostBudget('r.io');
    b.noteResponse(200, new Headers({ 'ratelimit-remaining': '76;w=21600' }));
    assert.equal(b.counters.rateLimitRemaining, 76);
  });

  it('lets an aborted waiter go', async () => {
    const b = new HostBudget('r.io', { concurrency: 1 });
    const hold = await b.acquire(undefined, 1000);
    const ac = new AbortController();
    const waiting = b.acquire(ac.signal, 1000);
    ac.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
    hold();
    (await b.acquire(undefined, 1000))();
  });
});

describe('parseRetryAfter / parseRateLimitRemaining', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const cases = [
    { in: '120', out: 120_000 },
    { in: '1.5', out: 1500 },
    { in: 'Thu, 01 Jan 2026 00:00:30 GMT', out: 30_000 },
    { in: 'soon', out: undefined },
    { in: null, out: undefined },
  ];
  for (const c of cases)
    it(`Retry-After ${c.in}`, () => assert.equal(parseRetryAfter(c.in, now), c.out));
  it('RateLimit-Remaining forms', () => {
    assert.equal(parseRateLimitRemaining('0;w=21600'), 0);
    assert.equal(parseRateLimitRemaining('12'), 12);
    assert.equal(parseRateLimitRemaining('x'), undefined);
  });
});
