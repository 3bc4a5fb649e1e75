import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Event } from './event.ts';
import { EventRateLimiter, eventDedupKey } from './rate-limit.ts';

function event(name: string, message: string, metadata?: Record<string, string>): Event {
  return {
    involvedObject: {
      kind: 'ImagePolicy',
      namespace: 'ns',
      name,
      apiVersion: 'image.toolkit.fluxcd.io/v1',
    },
    severity: 'error',
    timestamp: '2026-11-23T10:00:00Z',
    message,
    reason: 'Failed',
    reportingController: 'c',
    ...(metadata ? { metadata } : {}),
  };
}

const min = 60_000;

describe('EventRateLimiter', () => {
  it('passes an identical event once per interval (Flux dedup)', () => {
    const l = new EventRateLimiter({
      dedupIntervalMs: 5 * min,
      perObject: { max: 0, windowMs: 1 },
    });
    const e = event('p', 'no tags in database');
    const at = [0, 30_000, 5 * min - 1, 5 * min, 6 * min, 10 * min + 1];
    assert.deepEqual(
      at.map((t) => l.decide(e, t).allowed),
      [true, false, false, true, false, true],
    );
  });

  it('treats a new revision or token as a different event', () => {
    const l = new EventRateLimiter({ perObject: { max: 0, windowMs: 1 } });
    assert.equal(
      l.decide(event('p', 'm', { 'image.toolkit.fluxcd.io/revision': 'a' }), 0).allowed,
      true,
    );
    assert.equal(
      l.decide(event('p', 'm', { 'image.toolkit.fluxcd.io/revision': 'b' }), 1).allowed,
      true,
    );
    assert.equal(
      l.decide(event('p', 'm', { 'image.toolkit.fluxcd.io/token': 't' }), 2).allowed,
      true,
    );
    assert.equal(
      l.decide(event('p', 'm', { 'image.toolkit.fluxcd.io/revision': 'a' }), 3).allowed,
      false,
    );
  });

  it('caps events per object when messages keep changing', () => {
    const l = new EventRateLimiter({ perObject: { max: 3, windowMs: min } });
    const got = [0, 1, 2, 3, 4].map((i) => l.decide(event('p', `failure #${i}`), i * 1000));
    assert.deepEqual(
      got.map((d) => (d.allowed ? 'ok' : d.limit)),
      ['ok', 'ok', 'ok', 'object-budget', 'object-budget'],
    );
    assert.equal(l.decide(event('other', 'failure #9'), 5000).allowed, true);
    assert.equal(l.decide(event('p', 'failure #10'), min + 500).allowed, true);
  });

  it('sweeps state older than two intervals', () => {
    const l = new EventRateLimiter({ dedupIntervalMs: min, perObject: { max: 5, windowMs: min } });
    l.decide(event('p', 'a'), 0);
    assert.equal(l.sweep(10), 2);
    assert.equal(l.sweep(2 * min), 0);
    assert.equal(l.decide(event('p', 'a'), 2 * min).allowed, true);
  });

  it('keys on object, message and revision like eventKeyFunc', () => {
    assert.equal(
      eventDedupKey(
        event('p', 'm', {
          'image.toolkit.fluxcd.io/revision': 'r',
          'image.toolkit.fluxcd.io/originRevision': 'o',
        }),
      ),
      'event/name=p/namespace=ns/kind=ImagePolicy/message=m/originRevision=o/revision=r',
    );
  });
});
