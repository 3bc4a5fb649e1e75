import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Diagnostic,
  formatDiagnostic,
  ManifestError,
  maskUserinfo,
  quoteValue,
} from './diagnostic.ts';
import { Memo } from './memo.ts';

describe('formatDiagnostic', () => {
  const cases: { d: Diagnostic; want: string }[] = [
    {
      d: {
        severity: 'error',
        file: 'a.yaml',
        document: 2,
        line: 3,
        column: 5,
        kind: 'ImagePolicy',
        object: 'ns/p',
        path: 'spec.policy',
        value: '{}',
        message: 'bad',
      },
      want: 'a.yaml:3:5: error (document 2): ImagePolicy ns/p spec.policy {}: bad',
    },
    {
      d: {
        severity: 'error',
        file: 'gone.yaml',
        document: 0,
        message: 'no such file or directory',
      },
      want: 'gone.yaml: error: no such file or directory',
    },
    {
      d: { severity: 'warning', file: 'b.yaml', document: 1, line: 1, message: 'invalid YAML: x' },
      want: 'b.yaml:1:1: warning (document 1): invalid YAML: x',
    },
  ];
  for (const c of cases) it(c.want, () => assert.equal(formatDiagnostic(c.d), c.want));

  it('ManifestError carries the diagnostics and lists them in its message', () => {
    const d = cases[0]?.d as Diagnostic;
    const err = new ManifestError([d, d]);
    assert.equal(err.diagnostics.length, 2);
    assert.equal(err.message.split('\n').length, 2);
  });
});

describe('maskUserinfo and quoteValue', () => {
  const cases = [
    { in: 'https://user:token@github.com/org/repo', want: 'https://***@github.com/org/repo' },
    { in: 'ssh://git@github.com/org/repo', want: 'ssh://***@github.com/org/repo' },
    { in: 'https://github.com/org/repo@v1', want: 'https://github.com/org/repo@v1' },
    { in: 'a https://u:p@h/x and http://v@w', want: 'a https://***@h/x and http://***@w' },
    { in: 'no url here @ all', want: 'no url here @ all' },
  ];
  for (const c of cases) it(c.in, () => assert.equal(maskUserinfo(c.in), c.want));

  it('bounds long values and quotes strings', () => {
    assert.equal(quoteValue('x'.repeat(200)).length, 82);
    assert.equal(quoteValue(42), '42');
    assert.equal(quoteValue(null), 'null');
    assert.equal(quoteValue({ a: 'https://u:p@h' }), '{"a":"https://***@h"}');
  });
});

describe('Memo', () => {
  it('computes once per key and evicts the oldest entry past its size', () => {
    const memo = new Memo<number | undefined>(2);
    let calls = 0;
    const f = (v: number | undefined) => () => {
      calls++;
      return v;
    };
    assert.equal(memo.get('a', f(1)), 1);
    assert.equal(memo.get('a', f(9)), 1);
    assert.equal(memo.get('u', f(undefined)), undefined);
    assert.equal(memo.get('u', f(7)), undefined); // a cached undefined is a hit
    assert.equal(calls, 2);
    memo.get('b', f(2)); // evicts 'a'
    assert.equal(memo.get('a', f(3)), 3);
    assert.equal(calls, 4);
  });
});
