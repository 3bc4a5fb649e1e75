import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { literalPrefix } from './literal-prefix.ts';

const cases: { pattern: string; want: string }[] = [
  { pattern: '^release-(?P<v>.*)$', want: 'release-' },
  { pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)', want: 'main-' },
  { pattern: '^v\\.1', want: 'v.1' },
  { pattern: '^ab?c', want: 'a' },
  { pattern: '^ab*c', want: 'a' },
  { pattern: '^ab{0,2}', want: 'a' },
  { pattern: '^ab+c', want: 'ab' },
  { pattern: '^a\\.?', want: 'a' },
  { pattern: '^\\d+', want: '' },
  { pattern: '^abc|xyz', want: '' },
  { pattern: 'release-', want: '' },
  { pattern: '(?i)^main', want: '' },
  { pattern: '^', want: '' },
  { pattern: '^é-x', want: 'é-x' },
];

describe('literalPrefix', () => {
  for (const c of cases) {
    it(`${c.pattern} → ${JSON.stringify(c.want)}`, () => {
      assert.equal(literalPrefix(c.pattern), c.want);
    });
  }
});
