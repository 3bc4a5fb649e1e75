import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rankAlphabetical } from './alphabetical.ts';
import { compareBytes } from './compare-bytes.ts';
import type { SortOrder } from './types.ts';

// Flux's TestAlphabetical_Latest vectors (reflector.md §2.8.1) plus byte-order edge cases.
const ts =
  '2021-01-08T21-18-21Z 2020-05-08T21-18-21Z 2021-01-08T19-20-00Z 1990-01-08T00-20-00Z 2023-05-08T00-20-00Z';
const cases: { order: SortOrder; tags: string; want: string }[] = [
  { order: 'asc', tags: '16.04 16.04.1 16.10 20.04 20.10', want: '20.10' },
  { order: 'desc', tags: '16.04 16.04.1 16.10 20.04 20.10', want: '16.04' },
  { order: 'asc', tags: 'xenial yakkety zesty artful bionic', want: 'zesty' },
  { order: 'desc', tags: 'xenial yakkety zesty artful bionic', want: 'artful' },
  {
    order: 'asc',
    tags: '1606234201 1606364286 1606334092 1606334284 1606334201',
    want: '1606364286',
  },
  {
    order: 'desc',
    tags: '1606234201 1606364286 1606334092 1606334284 1606334201',
    want: '1606234201',
  },
  {
    order: 'asc',
    tags: 'rel-1606234201 rel-1606364286 rel-1606334092 rel-1606334284 rel-1606334201',
    want: 'rel-1606364286',
  },
  { order: 'asc', tags: ts, want: '2023-05-08T00-20-00Z' },
  { order: 'desc', tags: ts, want: '1990-01-08T00-20-00Z' },
  { order: 'asc', tags: 'v9 v10', want: 'v9' },
  { order: 'asc', tags: 'B _ a', want: 'a' },
  { order: 'desc', tags: 'B _ a', want: 'B' },
];

describe('rankAlphabetical', () => {
  for (const c of cases) {
    it(`${c.order} ${c.tags} → ${c.want}`, () => {
      const tags = c.tags.split(' ');

      const r = rankAlphabetical(tags, c.order);

      assert.equal(tags[r.winner], c.want);
    });
  }
});

describe('rankAlphabetical with non-BMP text (from extract templates)', () => {
  it('uses UTF-8 byte order, not UTF-16 code units', () => {
    const values = ['\uFFFD', '\u{1F600}', 'z'];

    assert.equal(values[rankAlphabetical(values, 'asc').winner], '\u{1F600}');
    assert.equal(values[rankAlphabetical(values, 'desc').winner], 'z');
  });
});

describe('compareBytes', () => {
  it('orders code points above U+FFFF after U+E000–U+FFFF, as UTF-8 bytes do', () => {
    assert.ok(compareBytes('\u{1F600}', '\uFFFD') > 0);
    assert.ok(compareBytes('\uFFFD', '\u{1F600}') < 0);
    assert.ok(compareBytes('a', 'ab') < 0);
    assert.equal(compareBytes('abc', 'abc'), 0);
  });
});
