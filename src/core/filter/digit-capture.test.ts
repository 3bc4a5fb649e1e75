import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digitCaptureOf } from './digit-capture.ts';
import { compileGoRegex } from './regex.ts';

describe('digitCaptureOf', () => {
  const cases: { pattern: string; want: ReturnType<typeof digitCaptureOf> }[] = [
    {
      pattern: '^release-(?P<major>\\d+)\\.',
      want: { prefix: 'release-', suffix: '.', anchoredEnd: false },
    },
    { pattern: '^build-([0-9]+)$', want: { prefix: 'build-', suffix: '', anchoredEnd: true } },
    { pattern: '^v(\\d+)', want: { prefix: 'v', suffix: '', anchoredEnd: false } },
    { pattern: '^(\\d+)-rc$', want: { prefix: '', suffix: '-rc', anchoredEnd: true } },
    { pattern: 'release-(\\d+)', want: undefined },
    { pattern: '^v(\\d+)1', want: undefined },
    { pattern: '^v(\\d+)\\.\\d', want: undefined },
    { pattern: '^v(\\d*)x', want: undefined },
    { pattern: '^(?i)v(\\d+)', want: undefined },
    { pattern: '^a.(\\d+)', want: undefined },
    { pattern: '^a(\\d+)\\$', want: undefined },
  ];
  for (const c of cases) {
    it(c.pattern, () =>
      assert.deepEqual(
        digitCaptureOf(c.pattern, compileGoRegex(c.pattern).subexpNames.length - 1),
        c.want,
      ),
    );
  }
});

describe('the digit fast path gives the engine’s submatches', () => {
  // Expected values are what Go (and the full re2js engine) return.
  const cases: { pattern: string; tag: string; want: number[] | undefined }[] = [
    { pattern: '^release-(?P<major>\\d+)\\.', tag: 'release-12.3.4', want: [0, 11, 8, 10] },
    { pattern: '^release-(?P<major>\\d+)\\.', tag: 'release-.3', want: undefined },
    { pattern: '^release-(?P<major>\\d+)\\.', tag: 'release-12', want: undefined },
    { pattern: '^build-([0-9]+)$', tag: 'build-0042', want: [0, 10, 6, 10] },
    { pattern: '^build-([0-9]+)$', tag: 'build-42a', want: undefined },
    { pattern: '^v(\\d+)', tag: 'v١٢', want: undefined },
    { pattern: '^(\\d+)-rc$', tag: '7-rc', want: [0, 4, 0, 1] },
  ];
  for (const c of cases) {
    it(`${c.pattern} on ${c.tag}`, () =>
      assert.deepEqual(compileGoRegex(c.pattern).findSubmatchIndex(c.tag), c.want));
  }
});
