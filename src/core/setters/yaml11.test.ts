// Table of yaml.v2 resolutions (the go-fuzz test compares thousands more against Go itself).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { seededRandom } from '../../../test/support/go-lines.ts';
import { isPlainWordString, isYaml11NonStringScalar } from './yaml11.ts';

describe('isYaml11NonStringScalar', () => {
  const nonStrings = [
    '1.10',
    '123',
    '1e3',
    'true',
    'yes',
    'on',
    'y',
    'NO',
    'off',
    'null',
    '~',
    '.inf',
    '-.Inf',
    '.5',
    '+.5',
    '-1',
    '0x1F',
    '0o17',
    '017',
    '08',
    '1_000',
    '0b101',
    '-0b101',
    '99999999999999999999',
    '.7_97',
    '1.',
  ];
  const strings = [
    '',
    'v1.2.3',
    'latest',
    '1.0.0',
    '2021-01-01',
    '1:20',
    'yEs',
    'nan',
    'inf',
    '0xFFFFFFFFFFFFFFFFFF',
    '1e400',
    '._5',
    '1.0-rc1',
    'sha256:abc',
    'main-abc',
    '+',
    '0x',
    '1e',
  ];
  for (const v of nonStrings)
    it(`${JSON.stringify(v)} is not a string`, () =>
      assert.equal(isYaml11NonStringScalar(v), true));
  for (const v of strings)
    it(`${JSON.stringify(v)} is a string`, () => assert.equal(isYaml11NonStringScalar(v), false));
});

describe('isPlainWordString', () => {
  it('answers true only for values both YAML versions read back as the same string', () => {
    const rnd = seededRandom(7);
    const alphabet = 'aAyYnNoOfFtTeE019._/:@+-~ #';
    let known = 0;
    for (let i = 0; i < 20000; i++) {
      let v = '';
      for (let n = 1 + Math.floor(rnd() * 6); n > 0; n--)
        v += alphabet[Math.floor(rnd() * alphabet.length)];
      if (!isPlainWordString(v)) continue;
      known++;
      for (const version of ['1.1', '1.2'] as const) {
        const back = (parse(`k: ${v}\n`, { version }) as { k: unknown }).k;
        assert.equal(back, v, `${JSON.stringify(v)} in YAML ${version}`);
      }
    }
    assert.ok(known > 500, `only ${known} values were words`);
    for (const v of ['yes', 'No', 'on', 'null', 'TRUE', 'y', 'foo:', '1.0', '-x', 'a b'])
      assert.equal(isPlainWordString(v), false, v);
  });
});
