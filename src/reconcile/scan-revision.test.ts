import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fluxRevision, goJsonString } from './scan-revision.ts';

// Vectors from reflector.md §3.5 (Badger revisions, also in upstream badger_test.go).
const cases = [
  { tags: ['latest', 'v0.0.1', 'v0.0.2'], revision: '1943865137' },
  { tags: ['latest', 'v0.0.1', 'v0.0.2', 'v0.0.3'], revision: '3168012550' },
  { tags: ['v0.0.3', 'v0.0.4'], revision: '728958008' },
  { tags: ['d', 'c', 'b', 'a'], revision: '580584407' },
  { tags: [], revision: '18153657' },
];

describe('fluxRevision', () => {
  for (const c of cases) {
    it(`[${c.tags.join(' ')}] → ${c.revision}`, () => {
      assert.equal(fluxRevision(c.tags), c.revision);
    });
  }

  it('stays exact over long lists (modulo folding)', () => {
    const tags = Array.from({ length: 5000 }, (_, i) => `tag-${String(i).padStart(6, '0')}`);
    // Reference: straightforward Adler-32 over the JSON bytes.
    const bytes = new TextEncoder().encode(JSON.stringify(tags));
    let a = 1;
    let b = 0;
    for (const x of bytes) {
      a = (a + x) % 65521;
      b = (b + a) % 65521;
    }
    assert.equal(fluxRevision(tags), String(((b << 16) | a) >>> 0));
  });
});

describe('goJsonString', () => {
  const escapes = [
    { in: 'v1.0', out: '"v1.0"' },
    { in: 'a<b>&c', out: '"a\\u003cb\\u003e\\u0026c"' },
    { in: 'q"\\', out: '"q\\"\\\\"' },
    { in: '\u0001\n', out: '"\\u0001\\n"' },
    { in: 'é', out: '"é"' },
  ];
  for (const e of escapes) {
    it(JSON.stringify(e.in), () => assert.equal(goJsonString(e.in), e.out));
  }
});
