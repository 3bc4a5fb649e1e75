import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { readBodyLimited } from './read-body.ts';

const cases = [
  { name: 'empty body', chunks: [], max: 10, want: '' },
  { name: 'exactly the limit', chunks: ['12345', '67890'], max: 10, want: '1234567890' },
  {
    name: 'one byte over in the last chunk',
    chunks: ['12345', '678901'],
    max: 10,
    want: 'too_large',
  },
  {
    name: 'over in the first chunk, rest still drained',
    chunks: ['x'.repeat(11), 'tail'],
    max: 10,
    want: 'too_large',
  },
  { name: 'string chunks', chunks: ['ab', 'c'], max: 3, want: 'abc' },
];

describe('readBodyLimited', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const stream = Readable.from(
        c.chunks.map((s) => (c.name === 'string chunks' ? s : Buffer.from(s))),
      );
      const got = await readBodyLimited(stream, c.max);
      assert.equal(got === 'too_large' ? got : got.toString('utf8'), c.want);
      assert.equal(
        stream.readableEnded,
        true,
        'the stream is drained, so the server can still answer',
      );
    });
  }
});
