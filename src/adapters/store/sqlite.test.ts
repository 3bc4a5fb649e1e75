import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runTagStoreContract } from './contract.ts';
import { SqliteTagStore } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'tagpilot-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

runTagStoreContract('sqlite (:memory:)', () => new SqliteTagStore(':memory:'));
runTagStoreContract('sqlite (file)', () => new SqliteTagStore(join(dir, `db-${++seq}.sqlite`)));

describe('SqliteTagStore', () => {
  it('keeps tags and first-seen times across reopening the file', async () => {
    const path = join(dir, 'reopen.sqlite');
    const s1 = new SqliteTagStore(path);
    await s1.replaceTags({ namespace: 'ns', name: 'r' }, [['v1', 'v2']], new Date(1000));
    s1.close();
    const s2 = new SqliteTagStore(path);
    assert.deepEqual([...s2.tagsDescending({ namespace: 'ns', name: 'r' })], ['v2', 'v1']);
    assert.equal(s2.tagInfo({ namespace: 'ns', name: 'r' }, 'v1')?.firstSeen.getTime(), 1000);
    s2.close();
  });
});
