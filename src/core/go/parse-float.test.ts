import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoFloat } from './parse-float.ts';

// Expected values are Go's strconv.ParseFloat(s, 64) results (reflector.md §2.4); the Go
// differential test checks many more against the real thing.
const cases: { s: string; want: number | undefined }[] = [
  { s: '1', want: 1 },
  { s: '-62', want: -62 },
  { s: '+1.5', want: 1.5 },
  { s: '.5', want: 0.5 },
  { s: '5.', want: 5 },
  { s: '1e3', want: 1000 },
  { s: '1E-2', want: 0.01 },
  { s: '1_000', want: 1000 },
  { s: '1_0.5', want: 10.5 },
  { s: '0x1p4', want: 16 },
  { s: '0X1.8P1', want: 3 },
  { s: '0x_1p0', want: 1 },
  { s: '0x1p-1074', want: 5e-324 },
  { s: '0x1p-1075', want: 0 },
  { s: '0x1.fffffffffffff8p1023', want: undefined },
  { s: '9007199254740993', want: 9007199254740992 },
  { s: '1e-400', want: 0 },
  { s: 'inf', want: Number.POSITIVE_INFINITY },
  { s: '-Infinity', want: Number.NEGATIVE_INFINITY },
  { s: '+INF', want: Number.POSITIVE_INFINITY },
  { s: 'NaN', want: Number.NaN },
  { s: '+nan', want: undefined },
  { s: 'infin', want: undefined },
  { s: '1e400', want: undefined },
  { s: '2e308', want: undefined },
  { s: '0x10', want: undefined },
  { s: '_1', want: undefined },
  { s: '1_', want: undefined },
  { s: '1__0', want: undefined },
  { s: '1_.5', want: undefined },
  { s: '', want: undefined },
  { s: ' 1', want: undefined },
  { s: '1 ', want: undefined },
  { s: 'e5', want: undefined },
  { s: '1e', want: undefined },
  { s: '.', want: undefined },
  { s: '1a', want: undefined },
  { s: '١', want: undefined },
  { s: '0x', want: undefined },
  { s: '1.2.3', want: undefined },
];

describe('parseGoFloat', () => {
  for (const c of cases) {
    it(`${JSON.stringify(c.s)} → ${String(c.want)}`, () => {
      const got = parseGoFloat(c.s);
      if (c.want === undefined) assert.equal(got, undefined);
      else assert.ok(Object.is(got, c.want), `got ${got}`);
    });
  }
});
