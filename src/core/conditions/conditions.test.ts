import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finishConditions, observedGenerationAfter, progressingConditions } from './conditions.ts';

const t0 = new Date('2026-01-01T10:00:00.123Z');
const t1 = new Date('2026-01-01T10:05:00Z');

describe('conditions', () => {
  it('ready: only Ready=True Succeeded', () => {
    const c = finishConditions([], { kind: 'ready', message: 'ok' }, 3, t0);

    assert.deepEqual(c, [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Succeeded',
        message: 'ok',
        observedGeneration: 3,
        lastTransitionTime: '2026-01-01T10:00:00Z',
      },
    ]);
  });

  it('stalled: Stalled first, Ready=False with the same reason', () => {
    const c = finishConditions(
      [],
      { kind: 'stalled', reason: 'InvalidPolicy', message: 'bad' },
      1,
      t0,
    );

    assert.deepEqual(
      c.map((x) => [x.type, x.status, x.reason]),
      [
        ['Stalled', 'True', 'InvalidPolicy'],
        ['Ready', 'False', 'InvalidPolicy'],
      ],
    );
  });

  it('retry: Reconciling ProgressingWithRetry and Ready=False', () => {
    const c = finishConditions([], { kind: 'retry', reason: 'Failure', message: 'x' }, 1, t0);

    assert.deepEqual(
      c.map((x) => [x.type, x.status, x.reason]),
      [
        ['Reconciling', 'True', 'ProgressingWithRetry'],
        ['Ready', 'False', 'Failure'],
      ],
    );
  });

  it('keeps lastTransitionTime while nothing changes, moves it when the message does', () => {
    const first = finishConditions([], { kind: 'ready', message: 'a' }, 1, t0);
    const same = finishConditions(first, { kind: 'ready', message: 'a' }, 1, t1);
    const changed = finishConditions(first, { kind: 'ready', message: 'b' }, 1, t1);

    assert.equal(same[0]?.lastTransitionTime, '2026-01-01T10:00:00Z');
    assert.equal(changed[0]?.lastTransitionTime, '2026-01-01T10:05:00Z');
  });

  it('progressing keeps a True Ready and sets Unknown otherwise', () => {
    const ready = finishConditions([], { kind: 'ready', message: 'a' }, 1, t0);

    assert.equal(
      progressingConditions(ready, 2, t1).find((c) => c.type === 'Ready')?.status,
      'True',
    );
    assert.equal(
      progressingConditions([], 2, t1).find((c) => c.type === 'Ready')?.status,
      'Unknown',
    );
  });

  it('records observedGeneration only for ready and stalled endings', () => {
    assert.equal(observedGenerationAfter({ kind: 'ready', message: '' }, 5, 4), 5);
    assert.equal(observedGenerationAfter({ kind: 'retry', reason: 'r', message: '' }, 5, 4), 4);
  });
});
