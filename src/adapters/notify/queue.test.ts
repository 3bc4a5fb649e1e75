import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DeliveryQueue } from './queue.ts';

const dir = mkdtempSync(join(tmpdir(), 'tagpilot-queue-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const item = (channel: string, n: number) => ({
  channel,
  alert: 'ns/a',
  event: `{"n":${n}}`,
  commitStatus: '',
});

describe('DeliveryQueue', () => {
  it('keeps FIFO order per channel across a reopen', () => {
    const path = join(dir, 'fifo.db');
    const q = new DeliveryQueue(path);
    for (let i = 0; i < 3; i++) q.enqueue(item('a', i), 1000 + i);
    q.enqueue(item('b', 9), 2000);
    q.close();
    const again = new DeliveryQueue(path);
    assert.deepEqual(again.channels(), ['a', 'b']);
    const seen: string[] = [];
    for (let h = again.head('a'); h !== undefined; h = again.head('a')) {
      seen.push(h.event);
      again.remove(h.seq);
    }
    assert.deepEqual(seen, ['{"n":0}', '{"n":1}', '{"n":2}']);
    assert.equal(again.size(), 1);
    again.close();
  });

  it('evicts the oldest entries when full', () => {
    const q = new DeliveryQueue(':memory:', 3);
    const evicted: string[] = [];
    for (let i = 0; i < 5; i++)
      evicted.push(...q.enqueue(item('a', i), i).evicted.map((e) => e.event));
    assert.deepEqual(evicted, ['{"n":0}', '{"n":1}']);
    assert.equal(q.size(), 3);
    assert.equal(q.head('a')?.event, '{"n":2}');
    q.close();
  });

  it('records attempts and the next attempt time', () => {
    const q = new DeliveryQueue(':memory:');
    const { seq } = q.enqueue(item('a', 1), 10);
    q.reschedule(seq, 2, 5000, 'boom');
    const h = q.head('a');
    assert.equal(h?.attempts, 2);
    assert.equal(h?.nextAt, 5000);
    assert.equal(h?.lastError, 'boom');
    assert.equal(h?.enqueuedAt, 10);
    q.close();
  });
});
