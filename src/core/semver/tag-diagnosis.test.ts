import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../test/support/go-lines.ts';
import { diagnoseTag } from './tag-diagnosis.ts';
import { generateNoise, generateTag } from './testdata/generators.ts';
import { parseTagVersion } from './version.ts';

describe('diagnoseTag', () => {
  const cases: [string, string | undefined][] = [
    ['1.2.3', undefined],
    ['v2024.01.05-rc.1', undefined],
    ['V1.2.3', 'the only prefix allowed is one lowercase v'],
    ['vv1.2.3', 'the only prefix allowed is one lowercase v'],
    ['1.2', 'needs MAJOR.MINOR.PATCH (two dots)'],
    ['latest', 'needs MAJOR.MINOR.PATCH (two dots)'],
    ['1.2.3.4', 'more than three numbers'],
    ['18446744073709551616.0.0', 'a number is larger than 18446744073709551615'],
    ['1.2.3-rc.01', 'numeric prerelease identifiers must not have leading zeros'],
    ['1.2.3p', 'not MAJOR.MINOR.PATCH[-prerelease][+metadata]'],
    ['release-1.2.3', 'not MAJOR.MINOR.PATCH[-prerelease][+metadata]'],
    [`1.2.3-${'a'.repeat(300)}`, 'longer than 256 characters'],
  ];
  for (const [tag, want] of cases) {
    it(`${tag.slice(0, 30)} → ${want ?? 'candidate'}`, () => {
      assert.equal(diagnoseTag(tag), want);
    });
  }

  it('gives a reason exactly when the tag is not a candidate', () => {
    const rnd = seededRandom(11);
    for (let i = 0; i < 5000; i++) {
      const tag = i % 2 ? generateTag(rnd) : generateNoise(rnd);

      assert.equal(diagnoseTag(tag) === undefined, parseTagVersion(tag) !== undefined, tag);
    }
  });
});
