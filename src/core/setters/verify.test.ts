import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spliceText } from './apply-file.ts';
import { verifyEdit } from './verify.ts';

const before = 'a: old # keep\nb: [x, y]\n';

describe('verifyEdit refuses edits beyond the marked values', () => {
  const cases = [
    {
      name: 'a clean scalar edit',
      splice: { start: 3, end: 6, text: 'new' },
      value: 'new',
      want: undefined,
    },
    {
      name: 'an edit that eats the comment',
      splice: { start: 3, end: 13, text: 'new' },
      value: 'new',
      want: /one scalar token/,
    },
    {
      name: 'a value that reads back differently',
      splice: { start: 3, end: 6, text: '1.10' },
      value: '1.10',
      want: /read back/,
    },
    {
      name: 'a value that changes the structure',
      splice: { start: 3, end: 6, text: 'x: y' },
      value: 'x: y',
      want: /outside|whole|one scalar|parse/,
    },
    {
      name: 'an edit inside a flow sequence that adds an item',
      splice: { start: 18, end: 19, text: 'x, z' },
      value: 'x, z',
      want: /one scalar token/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const after = spliceText(before, [c.splice]);
      const why = verifyEdit(before, after, [{ splices: [c.splice], value: c.value }]);
      if (c.want === undefined) assert.equal(why, undefined);
      else assert.match(why ?? '', c.want);
    });
  }
});
