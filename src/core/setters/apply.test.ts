import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySetters } from './index.ts';

const latest = new Map([['ns:app', { name: 'ghcr.io/o/app', tag: '2.0' }]]);
const marked = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  image: ghcr.io/o/app:1.0 # {"$imagepolicy": "ns:app"}\n`;

describe('applySetters (pure)', () => {
  const run = applySetters(
    [
      { path: 'z.yaml', content: marked('z') },
      { path: 'a/b.yaml', content: marked('b') },
      { path: 'broken-without-marker.yaml', content: 'a: [unclosed\n' },
      { path: 'broken.yaml', content: 'a: 1 # {"$imagepolicy": "ns:app"}\nb: [\n' },
      { path: 'same.yaml', content: marked('s').replace(':1.0', ':2.0') },
      { path: 'other.yaml', content: 'x: 1 # {"$imagepolicy": "ns:other"}\n' },
    ],
    latest,
  );
  const cases = [
    {
      name: 'changed files only, sorted by path',
      got: run.files.map((f) => f.path),
      want: ['a/b.yaml', 'z.yaml'],
    },
    {
      name: 'file changes sorted by path',
      got: run.result.fileChanges.map((f) => f.file),
      want: ['a/b.yaml', 'z.yaml'],
    },
    {
      name: 'object identifiers from the document',
      got: run.result.fileChanges[0]?.objects[0]?.object,
      want: { apiVersion: 'v1', kind: 'Pod', name: 'b', namespace: '' },
    },
    {
      name: 'changes carry old, new and setter',
      got: run.result.fileChanges[0]?.objects[0]?.changes,
      want: [{ oldValue: 'ghcr.io/o/app:1.0', newValue: 'ghcr.io/o/app:2.0', setter: 'ns:app' }],
    },
    {
      name: 'new content is the old with the value spliced',
      got: run.files[1]?.content,
      want: marked('z').replace(':1.0', ':2.0'),
    },
    {
      name: 'a file without the token is not even parsed',
      got: run.result.problems.map((p) => p.file),
      want: ['broken.yaml'],
    },
    {
      name: 'ignored markers are reported with position',
      got: run.result.ignored.map((i) => [i.file, i.line, i.column, i.reason]),
      want: [['other.yaml', 1, 6, 'policy-not-in-scope']],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(c.got, c.want));
});

describe('block scalar markers', () => {
  const ref = new Map([['ns:app', { name: 'app', tag: '2.0' }]]);
  const cases = [
    {
      name: 'literal, file ends without a newline',
      input: 'a: | # {"$imagepolicy": "ns:app"}\n  app:1.0',
      want: 'a: |- # {"$imagepolicy": "ns:app"}\n  app:2.0',
    },
    {
      name: 'folded with keep chomping',
      input: 'a: >+ # {"$imagepolicy": "ns:app"}\n    app:1.0\nb: 1\n',
      want: 'a: >- # {"$imagepolicy": "ns:app"}\n    app:2.0\nb: 1\n',
    },
    {
      name: 'CRLF',
      input: 'a: | # {"$imagepolicy": "ns:app"}\r\n  app:1.0\r\nb: 1\r\n',
      want: 'a: |- # {"$imagepolicy": "ns:app"}\r\n  app:2.0\r\nb: 1\r\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const run = applySetters([{ path: 'f.yaml', content: c.input }], ref);
      assert.deepEqual(run.result.problems, []);
      assert.equal(run.files[0]?.content, c.want);
    });
  }
  it('keep chomping with trailing blank lines is refused, not mangled', () => {
    const input = 'a: |+ # {"$imagepolicy": "ns:app"}\n  app:1.0\n\nb: 1\n';
    const run = applySetters([{ path: 'f.yaml', content: input }], ref);
    assert.deepEqual(run.files, []);
    assert.match(run.result.problems[0]?.message ?? '', /^not updated: /);
  });
});
