// The background write queue: every file replaced atomically, the last content queued for a path
// wins, a file that cannot be written is reported while the others are written.

import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { WriteQueue } from './write-queue.ts';

const dir = mkdtempSync(join(tmpdir(), 'tagpilot-write-queue-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('WriteQueue', () => {
  it(`writes every file with its mode kept and no temporary file left `, async () => {
    const q = new WriteQueue(4);
    for (let i = 0; i < 40; i++) {
      const p = join(dir, `f${i}.yaml`);
      writeFileSync(p, 'old');
      chmodSync(p, i % 2 ? 0o600 : 0o644);
      q.add(p, `new ${i}`);
    }
    assert.equal((await q.settled()).size, 0);
    for (let i = 0; i < 40; i++) {
      const p = join(dir, `f${i}.yaml`);
      assert.equal(readFileSync(p, 'utf8'), `new ${i}`);
      assert.equal(statSync(p).mode & 0o777, i % 2 ? 0o600 : 0o644);
    }
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes('tagpilot-')),
      [],
    );
  });

  it('keeps the order of writes to one path: the last content wins', async () => {
    const p = join(dir, 'same.yaml');
    writeFileSync(p, 'old');
    const q = new WriteQueue(8);
    for (let i = 0; i < 20; i++) q.add(p, `v${i}`);
    await q.settled();
    assert.equal(readFileSync(p, 'utf8'), 'v19');
  });

  it('reports a file that cannot be written and still writes the others', async () => {
    // A directory where a file is expected: the rename fails whoever runs the test (root too).
    const bad = join(dir, 'is-a-directory.yaml');
    mkdirSync(join(bad, 'inside'), { recursive: true });
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'old');
    const q = new WriteQueue();
    q.add(good, 'new');
    q.add(bad, 'new');
    const failed = await q.settled();
    assert.deepEqual([...failed.keys()], [bad]);
    assert.ok(statSync(bad).isDirectory());
    assert.equal(readFileSync(good, 'utf8'), 'new');
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes('tagpilot-')),
      [],
    );
  });

  it('reports a path that does not exist', async () => {
    const q = new WriteQueue();
    q.add(join(dir, 'missing', 'x.yaml'), 'new');
    const failed = await q.settled();
    assert.equal(failed.size, 1);
    assert.match(String(failed.values().next().value), /ENOENT/);
  });
});
