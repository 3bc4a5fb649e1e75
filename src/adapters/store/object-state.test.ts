import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { objectStateContract } from './object-state-contract.ts';
import { MemoryObjectStateStore } from './object-state-memory.ts';
import { SqliteObjectStateStore } from './object-state-sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'tagpilot-state-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

objectStateContract('memory', () => new MemoryObjectStateStore());
objectStateContract('sqlite', () => new SqliteObjectStateStore(join(dir, `s${++n}.db`)));

describe('SqliteObjectStateStore', () => {
  it('survives reopening the file', () => {
    const path = join(dir, 'reopen.db');
    const a = new SqliteObjectStateStore(path);
    a.put(
      { kind: 'ImageRepository', namespace: 'n', name: 'r' },
      { generation: 1, specHash: 'h', status: { x: 1 } },
    );
    a.close();

    const b = new SqliteObjectStateStore(path);

    assert.deepEqual(b.get({ kind: 'ImageRepository', namespace: 'n', name: 'r' })?.status, {
      x: 1,
    });
    b.close();
  });
});
