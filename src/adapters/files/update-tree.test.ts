import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UpdatePathError } from './errors.ts';
import { updateTree } from './update-tree.ts';

const marked =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  image: app:1.0 # {"$imagepolicy": "ns:app"}\n';
const latest = new Map([['ns:app', { name: 'app', tag: '2.0' }]]);

let root: string;
let outside: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'tagpilot-tree-'));
  outside = mkdtempSync(join(tmpdir(), 'tagpilot-outside-'));
  mkdirSync(join(root, 'apps', 'web'), { recursive: true });
  writeFileSync(join(root, 'apps', 'web', 'pod.yaml'), marked);
  writeFileSync(join(outside, 'pod.yaml'), marked);
  symlinkSync(outside, join(root, 'escape-dir'));
  symlinkSync(join(root, 'apps'), join(root, 'apps-link'));
});
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('updateTree refuses update paths outside the repository', () => {
  const cases = [
    { updatePath: '../x', why: /escapes the repository root \(via "\.\."\)/ },
    { updatePath: 'apps/../../x', why: /escapes the repository root/ },
    { updatePath: 'escape-dir', why: /escapes the repository root through a symlink/ },
    { updatePath: '/etc', why: /must be relative/ },
    { updatePath: 'missing', why: /does not exist/ },
  ];
  for (const c of cases) {
    it(c.updatePath, async () => {
      await assert.rejects(
        updateTree(root, c.updatePath, latest, { write: false }),
        (err: unknown) => {
          assert.ok(err instanceof UpdatePathError);
          assert.match(err.message, c.why);
          assert.match(
            err.message,
            new RegExp(JSON.stringify(c.updatePath).replaceAll('.', '\\.')),
          );
          return true;
        },
      );
    });
  }
  it('leaves the file outside untouched', () => {
    assert.equal(readFileSync(join(outside, 'pod.yaml'), 'utf8'), marked);
  });
});

describe('updateTree walks and writes', () => {
  it('a symlinked update.path inside the root is followed; a nested directory symlink is not', async () => {
    const run = await updateTree(root, 'apps-link', latest, { write: false });
    assert.deepEqual(
      run.result.fileChanges.map((f) => f.file),
      ['web/pod.yaml'],
    );
    const whole = await updateTree(root, '.', latest, { write: false });
    assert.deepEqual(
      whole.result.fileChanges.map((f) => f.file),
      ['apps/web/pod.yaml'],
    );
  });

  it('a dry run writes nothing', async () => {
    const run = await updateTree(root, 'apps', latest, { write: false });
    assert.equal(run.changed.length, 1);
    assert.equal(readFileSync(join(root, 'apps', 'web', 'pod.yaml'), 'utf8'), marked);
  });

  it('writes atomically, keeps the mode, leaves no temporary file, touches only changed files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagpilot-write-'));
    try {
      writeFileSync(join(dir, 'a.yaml'), marked);
      chmodSync(join(dir, 'a.yaml'), 0o640);
      writeFileSync(join(dir, 'b.yaml'), marked.replace('1.0', '2.0'));
      const bBefore = statSync(join(dir, 'b.yaml')).mtimeMs;
      const run = await updateTree(dir, '.', latest);
      assert.deepEqual(
        run.changed.map((c) => c.path),
        ['a.yaml'],
      );
      assert.equal(readFileSync(join(dir, 'a.yaml'), 'utf8'), marked.replace('app:1.0', 'app:2.0'));
      assert.equal(statSync(join(dir, 'a.yaml')).mode & 0o777, 0o640);
      assert.equal(statSync(join(dir, 'b.yaml')).mtimeMs, bBefore);
      assert.deepEqual(readdirSync(dir).sort(), ['a.yaml', 'b.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file that is not UTF-8 is skipped with a problem and the others are still updated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagpilot-utf8-'));
    try {
      writeFileSync(
        join(dir, 'bad.yaml'),
        Buffer.concat([Buffer.from(marked), Buffer.from([0xff, 0xfe, 0x0a])]),
      );
      writeFileSync(join(dir, 'good.yaml'), marked);
      const run = await updateTree(dir, '.', latest);
      assert.deepEqual(
        run.result.fileChanges.map((f) => f.file),
        ['good.yaml'],
      );
      assert.equal(run.result.problems.length, 1);
      assert.equal(run.result.problems[0]?.file, 'bad.yaml');
      assert.match(run.result.problems[0]?.message ?? '', /cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an aborted signal stops the walk', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(updateTree(root, '.', latest, { signal: ac.signal }), {
      name: 'AbortError',
    });
  });
});

describe('updateTree on many files', () => {
  it('gives the same result with worker threads as on one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagpilot-many-'));
    try {
      for (let i = 0; i < 80; i++) {
        mkdirSync(join(dir, `d${i % 7}`), { recursive: true });
        const text =
          i % 5 === 0
            ? 'a: [broken\n# {"$imagepolicy": "ns:app"}\n'
            : marked.replace('name: p', `name: p${i}`);
        writeFileSync(join(dir, `d${i % 7}`, `f${i}.yaml`), text);
      }
      const threads = await updateTree(dir, '.', latest, {
        write: false,
        workers: 2,
        minFiles: 10,
      });
      const inline = await updateTree(dir, '.', latest, { write: false, workers: 1 });
      assert.equal(threads.result.fileChanges.length, 64);
      assert.equal(threads.result.problems.length, 16);
      assert.deepEqual(threads.result, inline.result);
      assert.deepEqual(
        threads.changed.map((c) => c.after),
        inline.changed.map((c) => c.after),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
