import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  automationEvent,
  pushMetadata,
  pushSummary,
  type ReadyState,
  readyFromConditions,
  reflectorEvent,
} from './emission.ts';

const ready = (message: string, reason = 'Succeeded'): ReadyState => ({
  ready: true,
  reason,
  message,
});
const failed = (message: string, reason = 'Failed'): ReadyState => ({
  ready: false,
  reason,
  message,
});

describe('reflectorEvent (upstream TestNotify vectors)', () => {
  const cases = [
    {
      name: 'new object becomes ready',
      old: undefined,
      now: ready('found x tags'),
      next: 'n',
      want: ['Normal', 'info', 'Succeeded', 'found x tags'],
    },
    {
      name: 'same message is a trace',
      old: ready('found x tags'),
      now: ready('found x tags'),
      next: 'foo',
      want: ['Trace', 'trace', 'Succeeded', 'foo'],
    },
    {
      name: 'changed result',
      old: ready('found x tags'),
      now: ready('found y tags'),
      next: 'n',
      want: ['Normal', 'info', 'Succeeded', 'found y tags'],
    },
    {
      name: 'failure',
      old: ready('found x tags'),
      now: failed('scan failed'),
      next: 'n',
      want: ['Warning', 'error', 'Failed', 'scan failed'],
    },
    {
      name: 'still failing',
      old: failed('scan failed'),
      now: failed('scan failed'),
      next: 'n',
      want: ['Warning', 'error', 'Failed', 'scan failed'],
    },
    {
      name: 'recovery',
      old: failed('scan failed'),
      now: ready('found z tags'),
      next: 'n',
      want: ['Normal', 'info', 'Succeeded', 'found z tags'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = reflectorEvent(c.old, c.now, c.next);
      assert.deepEqual([d.type, d.severity, d.reason, d.message], c.want);
    });
  }
});

describe('automationEvent', () => {
  const push = {
    commit: '5394cb7f48332b2de7c17dd8b8384bbc84b7e738',
    branch: 'main',
    message: 'Update podinfo',
  };
  const summary = "pushed commit '5394cb7' to branch 'main'\nUpdate podinfo";
  const cases = [
    {
      name: 'ready and pushed',
      old: ready('x'),
      now: ready('repository up-to-date'),
      push,
      sync: true,
      want: ['Normal', 'info', summary],
    },
    {
      name: 'became ready with push',
      old: undefined,
      now: ready('repository up-to-date'),
      push,
      sync: true,
      want: ['Normal', 'info', summary],
    },
    {
      name: 'became ready without push',
      old: failed('boom'),
      now: ready('repository up-to-date'),
      push: undefined,
      sync: true,
      want: ['Normal', 'info', 'repository up-to-date'],
    },
    {
      name: 'failure',
      old: ready('x'),
      now: failed('failed to checkout source: auth', 'GitOperationFailed'),
      push: undefined,
      sync: true,
      want: ['Warning', 'error', 'failed to checkout source: auth'],
    },
    {
      name: 'nothing changed, synced',
      old: ready('x'),
      now: ready('repository up-to-date'),
      push: undefined,
      sync: true,
      want: ['Trace', 'trace', 'repository up-to-date'],
    },
    {
      name: 'nothing changed, short-circuited',
      old: ready('x'),
      now: ready('repository up-to-date'),
      push: undefined,
      sync: false,
      want: ['Trace', 'trace', 'no change since last reconciliation'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = automationEvent(c.old, c.now, c.push, c.sync);
      assert.deepEqual([d.type, d.severity, d.message], c.want);
    });
  }

  it('push summary lists refspecs and skips an empty message', () => {
    assert.equal(
      pushSummary({
        commit: 'abcdef0123',
        branch: 'auto',
        refspecs: ['refs/heads/a:refs/heads/b', 'x:y'],
        message: '',
      }),
      "pushed commit 'abcdef0' to branch 'auto' and refspecs 'refs/heads/a:refs/heads/b', 'x:y'",
    );
  });

  it('push metadata carries the full commit for forge providers', () => {
    assert.deepEqual(pushMetadata(push), { 'event.toolkit.fluxcd.io/commit': push.commit });
  });
});

describe('readyFromConditions', () => {
  it('reads the Ready condition of a status', () => {
    const conditions = [
      { type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'p' },
      { type: 'Ready', status: 'False', reason: 'GitOperationFailed', message: 'boom' },
    ];
    assert.deepEqual(readyFromConditions(conditions), {
      ready: false,
      reason: 'GitOperationFailed',
      message: 'boom',
    });
    assert.equal(readyFromConditions([]), undefined);
    assert.equal(readyFromConditions(undefined), undefined);
  });
});
