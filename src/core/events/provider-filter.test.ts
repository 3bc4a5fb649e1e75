import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Event } from './event.ts';
import { defaultCommitStatus, providerDecision } from './provider-filter.ts';

function event(severity: 'info' | 'error', metadata?: Record<string, string>): Event {
  return {
    involvedObject: {
      kind: 'ImageUpdateAutomation',
      namespace: 'ns',
      name: 'Auto',
      apiVersion: 'image.toolkit.fluxcd.io/v1',
    },
    severity,
    timestamp: '2026-11-23T10:00:00Z',
    message: 'm',
    reason: 'Succeeded',
    reportingController: 'c',
    ...(metadata ? { metadata } : {}),
  };
}

const commit = { 'event.toolkit.fluxcd.io/commit': 'abc' };
const statusUpdate = { 'image.toolkit.fluxcd.io/commit_status': 'update' };

describe('providerDecision', () => {
  const cases = [
    { type: 'slack', event: event('info'), want: 'send' },
    { type: 'slack', event: event('info', statusUpdate), want: 'skip-commit-status-update' },
    { type: 'generic', event: event('info', statusUpdate), want: 'send' },
    { type: 'github', event: event('info'), want: 'drop-missing-commit' },
    { type: 'github', event: event('info', commit), want: 'send' },
    { type: 'gitlab', event: event('error'), want: 'send' },
    { type: 'gitea', event: event('info', statusUpdate), want: 'send' },
  ] as const;
  for (const c of cases) {
    it(`${c.type} ${JSON.stringify(c.event.metadata ?? {})} ${c.event.severity}`, () => {
      assert.equal(providerDecision(c.type, c.event), c.want);
    });
  }

  it('default commit status is kind/name/uid-prefix, lower-cased', () => {
    assert.equal(
      defaultCommitStatus('0C9C2E41-aaaa-bbbb', event('info')),
      'imageupdateautomation/auto/0c9c2e41',
    );
  });
});
