import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractRefs, missingGroups } from './extract-refs.ts';

describe('extractRefs (Go Expand rules)', () => {
  const cases = [
    { t: '$ts', want: [{ name: 'ts' }] },
    { t: '${ts}-$1', want: [{ name: 'ts' }, { num: 1 }] },
    { t: '$1x', want: [{ name: '1x' }] },
    { t: '$01', want: [{ name: '01' }] },
    { t: '$123456789', want: [{ name: '123456789' }] },
    { t: '$$ts', want: [] },
    { t: '${unclosed', want: [] },
    { t: 'v$', want: [] },
    { t: '$ü_2', want: [{ name: 'ü_2' }] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.t), () => assert.deepEqual(extractRefs(c.t), c.want));
  }

  it('missingGroups checks numbers against the group count and names against the names', () => {
    assert.deepEqual(missingGroups(extractRefs('$0 $1 $2 $ts $x'), ['', 'ts']), ['$2', '$x']);
  });
});
