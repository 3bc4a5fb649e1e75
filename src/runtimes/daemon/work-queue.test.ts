import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkQueue, type WorkResult } from './work-queue.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WorkQueue', () => {
  it('runs each key once however often it is added before it starts', async () => {
    const runs: string[] = [];
    const q = new WorkQueue(
      async (k) => {
        runs.push(k);
        return {};
      },
      { concurrency: 2 },
    );

    q.add('a', 20);
    q.add('a', 10);
    q.add('b', 10);
    await sleep(60);

    assert.deepEqual(runs.sort(), ['a', 'b']);
    await q.stop();
  });

  it('never runs a key twice at once, and re-runs it when added while running', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const q = new WorkQueue(
      async () => {
        running++;
        runs++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(30);
        running--;
        return {};
      },
      { concurrency: 4 },
    );

    q.add('a');
    await sleep(5);
    q.add('a');
    q.add('a');
    await sleep(100);

    assert.equal(maxRunning, 1);
    assert.equal(runs, 2);
    await q.stop();
  });

  it('backs off a failing key exponentially', async () => {
    const times: number[] = [];
    let calls = 0;
    const q = new WorkQueue(
      async (): Promise<WorkResult> => {
        times.push(performance.now());
        calls++;
        return calls < 4 ? { failed: true } : {};
      },
      { concurrency: 1, minRetryMs: 40, jitter: 0 },
    );

    q.add('a');
    await new Promise((r) => setTimeout(r, 600));

    assert.equal(calls, 4);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    // Timers never fire early (2 ms of slack for clock granularity); load can only add delay.
    for (const [i, min] of [40, 80, 160].entries()) {
      assert.ok((gaps[i] as number) >= min - 2, `gaps ${gaps.map((g) => g.toFixed(0))}`);
    }
    await q.stop();
  });

  it('honours requeueAfterMs and whenIdle', async () => {
    let calls = 0;
    const q = new WorkQueue(
      async () => {
        calls++;
        return calls === 1 ? { requeueAfterMs: 30 } : {};
      },
      { concurrency: 1, jitter: 0 },
    );

    q.add('a');
    await q.whenIdle();
    assert.equal(calls, 1);
    await sleep(60);

    assert.equal(calls, 2);
    await q.stop();
  });

  it('limits concurrency', async () => {
    let running = 0;
    let maxRunning = 0;
    const q = new WorkQueue(
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(15);
        running--;
        return {};
      },
      { concurrency: 2 },
    );

    for (const k of ['a', 'b', 'c', 'd', 'e']) q.add(k);
    await sleep(100);

    assert.equal(maxRunning, 2);
    await q.stop();
  });
});
