import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConstraintError, parseConstraint } from './constraint.ts';
import { rewriteHyphenRanges, scanAndGroup } from './range-grammar.ts';
import { CHECKS, RANGE_ERRORS, SELECTIONS } from './testdata/vectors.ts';
import { compareVersions, parseTagVersion, type Version } from './version.ts';

const label = (s: string): string =>
  s.length > 60 ? `${JSON.stringify(s.slice(0, 40))}…(${s.length})` : JSON.stringify(s);

// fluxLatest is image-reflector-controller's SemVer.Latest loop: first satisfying candidate,
// replaced only by a strictly greater one.
function fluxLatest(range: string, tags: readonly string[]): string | null {
  const c = parseConstraint(range);
  let best: Version | undefined;
  for (const t of tags) {
    const v = parseTagVersion(t);
    if (v && c.check(v) && (!best || compareVersions(v, best) > 0)) best = v;
  }
  return best ? best.original : null;
}

describe('parseConstraint', () => {
  for (const [range, want] of RANGE_ERRORS) {
    it(`${label(range)} → ${want === null ? 'valid' : label(want)}`, () => {
      let got: string | null = null;
      try {
        parseConstraint(range);
      } catch (err) {
        assert.ok(err instanceof ConstraintError, 'throws ConstraintError');
        assert.equal(err.range, range);
        got = err.message;
      }

      assert.equal(got, want);
    });
  }

  it('keeps the range text and one AND group per || alternative', () => {
    const c = parseConstraint('>=1.0.0 <2 || ^3.1-0');

    assert.equal(c.range, '>=1.0.0 <2 || ^3.1-0');
    assert.deepEqual(
      c.groups.map((g) => [g.comparators.map((x) => x.op), g.admitsPrerelease]),
      [
        [['>=', '<'], false],
        [['^'], true],
      ],
    );
  });
});

describe('Constraint.check', () => {
  for (const [range, tag, want] of CHECKS) {
    it(`${tag} ${want ? 'satisfies' : 'does not satisfy'} ${range}`, () => {
      const v = parseTagVersion(tag);
      assert.ok(v, `${tag} is a version`);

      assert.equal(parseConstraint(range).check(v), want);
    });
  }
});

describe('Flux semver selection', () => {
  for (const [range, tags, want] of SELECTIONS) {
    it(`${range} over [${tags.join(' ')}] → ${want}`, () => {
      assert.equal(fluxLatest(range, tags), want);
    });
  }
});

describe('rewriteHyphenRanges', () => {
  const cases = [
    { in: '1 - 2', want: '>= 1, <= 2 ' },
    { in: ' 1.2 -\t3.x || 4 - 5 ', want: '>= 1.2, <= 3.x ||>= 4, <= 5 ' },
    { in: '1.2.3.4 - 5', want: '1.>= 2.3.4, <= 5 ' },
    { in: '1 -2', want: '1 -2' },
    { in: '1 - 2 || 1 - 2', want: '>= 1, <= 2 ||>= 1, <= 2 ' },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.in)} → ${JSON.stringify(c.want)}`, () => {
      assert.equal(rewriteHyphenRanges(c.in), c.want);
    });
  }
});

describe('scanAndGroup', () => {
  const cases = [
    { in: '>=1 <2', want: ['>=1', '<2'] },
    { in: ' = 1 , ~> 2.x-rc.1+b ', want: ['=1', '~>2.x-rc.1+b'] },
    { in: '1 2 3', want: ['1', '2', '3'] },
    { in: '>=1<2', want: undefined },
    { in: '~=1', want: undefined },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.in)}`, () => {
      const got = scanAndGroup(c.in)?.map((x) => x.op + c.in.slice(x.cv.start, x.cv.end));

      assert.deepEqual(got, c.want);
    });
  }
});
