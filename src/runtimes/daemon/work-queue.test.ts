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

  it('backs off a failing key exponentially and resets on success', async () => {
    const times: number[] = [];
    let calls = 0;
    const q = new WorkQueue(
      async (): Promise<WorkResult> => {
        times.push(Date.now());
        calls++;
        return calls < 4 ? { failed: true } : {};
      },
      { concurrency: 1, minRetryMs: 20, jitter: 0 },
    );

    q.add('a');
    await sleep(250);

    assert.equal(calls, 4);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    assert.ok((gaps[1] as number) >= (gaps[0] as number) * 1.5, `gaps ${gaps}`);
    assert.ok((gaps[2] as number) >= (gaps[1] as number) * 1.5, `gaps ${gaps}`);
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
