import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { adler32, sha1Hex, sha256Hex, sha512Hex } from './hash.ts';

const inputs = [
  '',
  'abc',
  'a'.repeat(55),
  'a'.repeat(56),
  'a'.repeat(64),
  'b'.repeat(200),
  'héllo wörld 🎉',
];

describe('pure digests agree with node:crypto', () => {
  for (const s of inputs) {
    it(`${JSON.stringify(s.slice(0, 12))} (${s.length} chars)`, () => {
      const b = new TextEncoder().encode(s);
      assert.equal(sha1Hex(b), createHash('sha1').update(b).digest('hex'));
      assert.equal(sha256Hex(b), createHash('sha256').update(b).digest('hex'));
      assert.equal(sha512Hex(b), createHash('sha512').update(b).digest('hex'));
    });
  }
  it('adler32 of "Wikipedia"', () => {
    assert.equal(adler32(new TextEncoder().encode('Wikipedia')), 0x11e60398);
  });
});
