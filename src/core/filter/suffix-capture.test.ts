import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGoRegex } from './regex.ts';
import { suffixCapturePrefix } from './suffix-capture.ts';

describe('suffixCapturePrefix', () => {
  const cases: { pattern: string; groups: number; want: string | undefined }[] = [
    { pattern: '^main-[a-fA-F0-9]+-(?P<ts>.*)', groups: 1, want: '^main-[a-fA-F0-9]+-' },
    { pattern: '^test-(.*)$', groups: 1, want: '^test-' },
    { pattern: '^(.*)$', groups: 1, want: '^' },
    { pattern: '^v(?<rest>.*)', groups: 1, want: '^v' },
    { pattern: 'main-(.*)', groups: 1, want: undefined },
    { pattern: '^a|b(.*)', groups: 1, want: undefined },
    { pattern: '^(?U)a*(.*)', groups: 1, want: undefined },
    { pattern: '^(a)(.*)', groups: 2, want: undefined },
    { pattern: '^x(.+)', groups: 1, want: undefined },
    { pattern: '^x\\\\(.*)', groups: 1, want: '^x\\\\' },
    { pattern: '^x\\Q(.*)', groups: 1, want: undefined },
  ];
  for (const c of cases) {
    it(`${c.pattern} → ${String(c.want)}`, () =>
      assert.equal(suffixCapturePrefix(c.pattern, c.groups), c.want));
  }
});

describe('the fast path gives the engine’s submatches', () => {
  // Expected values are what the full re2js engine (and Go) return for these inputs.
  const cases: { pattern: string; tag: string; want: number[] | undefined }[] = [
    { pattern: '^main-[a-f0-9]+-(?P<ts>.*)', tag: 'main-abc12-1700000000', want: [0, 21, 11, 21] },
    { pattern: '^a*(.*)', tag: 'aaab', want: [0, 4, 3, 4] },
    { pattern: '^a*?(.*)', tag: 'aaab', want: [0, 4, 0, 4] },
    { pattern: '^main-(.*)$', tag: 'other', want: undefined },
    { pattern: '^v(.*)', tag: 'v', want: [0, 1, 1, 1] },
    { pattern: '^x-(.*)', tag: 'x-a\nb', want: [0, 3, 2, 3] },
    { pattern: '^main-[a-fA-F0-9]+-(?P<ts>.*)', tag: 'main-ABC-def-1', want: [0, 14, 9, 14] },
    { pattern: '^main-[a-fA-F0-9]+-(?P<ts>.*)', tag: 'main--1', want: undefined },
    { pattern: '^main-[a-fA-F0-9]+-(?P<ts>.*)', tag: 'main-abcx-1', want: undefined },
    { pattern: '^main-\\d+-(.*)$', tag: 'main-12-', want: [0, 8, 8, 8] },
  ];
  for (const c of cases) {
    it(`${c.pattern} on ${JSON.stringify(c.tag)}`, () => {
      assert.deepEqual(compileGoRegex(c.pattern).findSubmatchIndex(c.tag), c.want);
    });
  }
});
