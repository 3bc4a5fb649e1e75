import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TAGS } from './testdata/vectors.ts';
import {
  comparePrerelease,
  compareVersions,
  formatVersion,
  parseLooseVersion,
  parseTagVersion,
  type Version,
} from './version.ts';

const must = (tag: string): Version => {
  const v = parseTagVersion(tag);
  assert.ok(v, `${tag} should parse`);
  return v;
};

describe('parseTagVersion', () => {
  for (const c of TAGS) {
    it(`${JSON.stringify(c.tag)} → ${c.want ? c.want.join('|') : 'not a version'}`, () => {
      const v = parseTagVersion(c.tag);

      const got = v && [
        String(v.major),
        String(v.minor),
        String(v.patch),
        v.prerelease,
        v.metadata,
      ];

      assert.deepEqual(got, c.want);
      if (v) assert.equal(v.original, c.tag);
    });
  }

  it('keeps segments below 2^53 as numbers and larger ones as exact bigints', () => {
    assert.equal(typeof must('9007199254740991.0.0').major, 'number');
    assert.equal(must('9007199254740992.0.0').major, 9007199254740992n);
    assert.equal(must('1.2.3').minor, 2);
  });
});

describe('parseLooseVersion', () => {
  const cases = [
    { text: '1', want: '1.0.0' },
    { text: 'v1.2', want: '1.2.0' },
    { text: '01.02.03-rc.1+b', want: '1.2.3-rc.1+b' },
    { text: '1.x', want: undefined },
    { text: 'x', want: undefined },
  ];
  for (const c of cases) {
    it(`${c.text} → ${c.want}`, () => {
      const v = parseLooseVersion(c.text);

      assert.equal(v && formatVersion(v), c.want);
    });
  }
});

describe('compareVersions', () => {
  const cases: [string, string, -1 | 0 | 1][] = [
    ['1.2.3', '1.2.3', 0],
    ['v1.2.3', '1.2.3', 0],
    ['1.2.3+a', '1.2.3+b', 0],
    ['01.2.3', '1.2.3', 0],
    ['1.2.3', '1.2.4', -1],
    ['1.3.0', '1.2.9', 1],
    ['2.0.0', '10.0.0', -1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-alpha.beta', '1.0.0-beta', -1],
    ['1.0.0-beta', '1.0.0-beta.2', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-beta.11', '1.0.0-rc.1', -1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-RC', '1.0.0-alpha', -1],
    ['1.0.0-9', '1.0.0-a', -1],
    ['1.0.0-99999999999999999999', '1.0.0-5', 1],
    ['1.0.0-18446744073709551615', '1.0.0-18446744073709551614', 1],
    ['1.0.0-18446744073709551616', '1.0.0-a', -1],
    ['18446744073709551615.0.0', '18446744073709551614.0.0', 1],
    ['9007199254740993.0.0', '9007199254740992.0.0', 1],
    ['1.0.0-a-1', '1.0.0-a', 1],
  ];
  for (const [a, b, want] of cases) {
    it(`${a} vs ${b} → ${want}`, () => {
      assert.equal(compareVersions(must(a), must(b)), want);
      assert.equal(compareVersions(must(b), must(a)), want === 0 ? 0 : -want);
    });
  }

  it('treats an empty prerelease as one empty identifier, like strings.Split', () => {
    assert.equal(comparePrerelease('', 'alpha'), -1);
    assert.equal(comparePrerelease('alpha', ''), 1);
    assert.equal(comparePrerelease('', ''), 0);
  });
});
