import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readManifestFiles } from './manifests.ts';

describe('readManifestFiles', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tagpilot-manifests-'));
    const files: Record<string, string> = {
      'b.yaml': 'b',
      'a.yml': 'a',
      'notes.txt': 'ignored',
      'sub/c.YAML': 'c',
      'sub/deeper/d.yaml': 'd',
      '.git/e.yaml': 'hidden',
      'node_modules/f.yaml': 'vendored',
      'plain.json': '{}',
    };
    for (const [p, text] of Object.entries(files)) {
      await mkdir(join(dir, p, '..'), { recursive: true });
      await writeFile(join(dir, p), text);
    }
    await symlink(dir, join(dir, 'sub', 'loop')); // a directory link must not be followed
    await symlink(join(dir, 'a.yml'), join(dir, 'sub', 'link.yaml'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('walks directories in name order, skipping hidden, vendored and non-YAML files', async () => {
    const r = await readManifestFiles([dir]);
    assert.deepEqual(r.problems, []);
    const rel = r.files.map((f) => f.path.slice(dir.length + 1));
    assert.deepEqual(rel, ['a.yml', 'b.yaml', 'sub/c.YAML', 'sub/deeper/d.yaml', 'sub/link.yaml']);
    assert.deepEqual(
      r.files.map((f) => f.text),
      ['a', 'b', 'c', 'd', 'a'],
    );
  });

  it('reads a file given by name whatever its extension', async () => {
    const r = await readManifestFiles([join(dir, 'plain.json')]);
    assert.deepEqual(
      r.files.map((f) => f.text),
      ['{}'],
    );
  });

  it('reports a missing path and still reads the others', async () => {
    const missing = join(dir, 'nope.yaml');
    const r = await readManifestFiles([missing, join(dir, 'b.yaml')]);
    assert.deepEqual(
      r.files.map((f) => f.text),
      ['b'],
    );
    assert.deepEqual(r.problems, [
      { severity: 'error', file: missing, document: 0, message: 'no such file or directory' },
    ]);
  });

  it('stops when aborted', async () => {
    await assert.rejects(readManifestFiles([dir], { signal: AbortSignal.abort() }), {
      name: 'AbortError',
    });
  });
});
