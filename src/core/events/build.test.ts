import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildEvent } from './build.ts';
import { rfc3339 } from './event.ts';

describe('buildEvent', () => {
  const ctx = {
    object: {
      kind: 'ImagePolicy',
      namespace: 'ns',
      name: 'p',
      apiVersion: 'image.toolkit.fluxcd.io/v1',
    },
    annotations: { 'event.toolkit.fluxcd.io/team': 'ops', 'other.io/x': 'y' },
    metadata: { 'image.toolkit.fluxcd.io/revision': 'r1' },
    nowMs: Date.UTC(2026, 10, 23, 10, 0, 0, 987),
    reportingController: 'image-reflector-controller',
    reportingInstance: 'host-1',
  };

  it('keeps only event-group annotations and adds controller metadata', () => {
    const e = buildEvent(
      { type: 'Normal', severity: 'info', reason: 'Succeeded', message: 'm' },
      ctx,
    );
    assert.deepEqual(e?.metadata, {
      'image.toolkit.fluxcd.io/revision': 'r1',
      'event.toolkit.fluxcd.io/team': 'ops',
    });
    assert.equal(e?.timestamp, '2026-11-23T10:00:00Z');
    assert.equal(e?.reportingInstance, 'host-1');
  });

  it('does not forward trace drafts', () => {
    assert.equal(
      buildEvent({ type: 'Trace', severity: 'trace', reason: 'Succeeded', message: 'm' }, ctx),
      undefined,
    );
  });

  it('formats timestamps like metav1.Time', () => {
    assert.equal(rfc3339(0), '1970-01-01T00:00:00Z');
    assert.equal(rfc3339(Date.UTC(2024, 1, 29, 23, 59, 59, 999)), '2024-02-29T23:59:59Z');
  });
});
