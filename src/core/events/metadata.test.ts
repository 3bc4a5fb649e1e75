import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Event } from './event.ts';
import { cleanupMetadata, combineEventMetadata, excludeInternalMetadata } from './metadata.ts';

const base: Event = {
  involvedObject: {
    kind: 'ImagePolicy',
    namespace: 'ns',
    name: 'p',
    apiVersion: 'image.toolkit.fluxcd.io/v1',
  },
  severity: 'info',
  timestamp: '2026-11-23T10:00:00Z',
  message: 'm',
  reason: 'Succeeded',
  reportingController: 'c',
};

describe('event metadata', () => {
  it('cleanup keeps group-prefixed keys minus checksum and digest', () => {
    const e = cleanupMetadata({
      ...base,
      metadata: {
        'event.toolkit.fluxcd.io/team': 'ops',
        'image.toolkit.fluxcd.io/revision': 'r',
        'image.toolkit.fluxcd.io/checksum': 'c',
        'IMAGE.toolkit.fluxcd.io/Digest': 'd',
        'image.toolkit.fluxcd.io/digest': 'd',
        'source.toolkit.fluxcd.io/revision': 'other group',
        plain: 'x',
      },
    });
    assert.deepEqual(e.metadata, {
      'event.toolkit.fluxcd.io/team': 'ops',
      'image.toolkit.fluxcd.io/revision': 'r',
    });
  });

  it('drops the internal token before dispatch', () => {
    const e = excludeInternalMetadata({
      ...base,
      metadata: { 'image.toolkit.fluxcd.io/token': 't', 'image.toolkit.fluxcd.io/revision': 'r' },
    });
    assert.deepEqual(e.metadata, { 'image.toolkit.fluxcd.io/revision': 'r' });
  });

  const cases = [
    {
      name: 'precedence: annotations < eventMetadata < summary < controller metadata',
      metadata: {
        'event.toolkit.fluxcd.io/env': 'from-annotation',
        'event.toolkit.fluxcd.io/summary': 'a',
        'image.toolkit.fluxcd.io/env': 'from-controller',
      },
      alert: { eventMetadata: { env: 'from-alert', cluster: 'prod' }, summary: 'from-summary' },
      want: { env: 'from-controller', summary: 'from-summary', cluster: 'prod' },
      conflicts: ['env', 'summary'],
    },
    {
      name: 'alert metadata only',
      metadata: undefined,
      alert: { eventMetadata: { cluster: 'prod' }, summary: '' },
      want: { cluster: 'prod' },
      conflicts: [],
    },
    {
      name: 'nothing to combine keeps the event as is',
      metadata: undefined,
      alert: { eventMetadata: {}, summary: '' },
      want: undefined,
      conflicts: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { event, conflicts } = combineEventMetadata(
        { ...base, ...(c.metadata ? { metadata: c.metadata } : {}) },
        c.alert,
      );
      assert.deepEqual(event.metadata, c.want);
      assert.deepEqual(
        conflicts.map((x) => x.key),
        c.conflicts,
      );
    });
  }
});
