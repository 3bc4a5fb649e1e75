import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainSafe, renderSplices, type ScalarToRewrite } from './render.ts';

describe('plainSafe', () => {
  const cases: [string, boolean, boolean][] = [
    ['ghcr.io/a/b:1.0', false, true],
    ['localhost:5000/a:v1@sha256:abc', false, true],
    ['1.10', false, false],
    ['on', false, false],
    ['0o17', false, false],
    ['', false, false],
    [' lead', false, false],
    ['a: b', false, false],
    ['a #b', false, false],
    ['-x', false, false],
    ['@x', false, false],
    ['a,b', false, true],
    ['a,b', true, false],
    ['[x]', false, false],
    ['tab\tin', false, false],
  ];
  for (const [value, inFlow, want] of cases) {
    it(`${JSON.stringify(value)}${inFlow ? ' in flow' : ''}`, () =>
      assert.equal(plainSafe(value, inFlow), want));
  }
});

describe('renderSplices keeps the style', () => {
  const at = (style: string): ScalarToRewrite => ({
    style,
    start: 10,
    headerEnd: 12,
    bodyStart: 20,
    end: 30,
    inFlow: false,
    bodyIndent: '    ',
    eol: '\r\n',
  });
  const cases: [string, string, { start: number; end: number; text: string }[]][] = [
    ['PLAIN', 'v2', [{ start: 10, end: 30, text: 'v2' }]],
    ['PLAIN', '1.10', [{ start: 10, end: 30, text: '"1.10"' }]],
    ['QUOTE_DOUBLE', 'a"b', [{ start: 10, end: 30, text: '"a\\"b"' }]],
    ['QUOTE_SINGLE', "it's", [{ start: 10, end: 30, text: "'it''s'" }]],
    ['QUOTE_SINGLE', '1.10', [{ start: 10, end: 30, text: "'1.10'" }]],
    [
      'BLOCK_LITERAL',
      'x:1',
      [
        { start: 10, end: 12, text: '|-' },
        { start: 20, end: 30, text: '    x:1\r\n' },
      ],
    ],
    [
      'BLOCK_FOLDED',
      'x:1',
      [
        { start: 10, end: 12, text: '>-' },
        { start: 20, end: 30, text: '    x:1\r\n' },
      ],
    ],
    [
      'BLOCK_LITERAL',
      '123',
      [
        { start: 10, end: 12, text: '"123"' },
        { start: 20, end: 30, text: '' },
      ],
    ],
  ];
  for (const [style, value, want] of cases) {
    it(`${style} ← ${JSON.stringify(value)}`, () =>
      assert.deepEqual(renderSplices(at(style), value), want));
  }
});
