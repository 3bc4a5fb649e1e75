import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PolicyEvaluationError } from './errors.ts';
import { rankNumerical } from './numerical.ts';
import type { SortOrder } from './types.ts';

// Flux's TestNumerical_Latest vectors (reflector.md §2.8.1) plus tie and NaN behaviour.
const cases: { name: string; order: SortOrder; tags: string[]; want: string }[] = [
  {
    name: 'asc integers',
    order: 'asc',
    tags: '-62 -88 73 72 15 16 15 29 -33 -91'.split(' '),
    want: '73',
  },
  {
    name: 'desc integers',
    order: 'desc',
    tags: '5 -8 -78 25 70 -4 80 92 -20 -24'.split(' '),
    want: '-78',
  },
  {
    name: 'asc floats',
    order: 'asc',
    tags: '47.40896403322944 -27.8520927455902 -27.930666514224427 -31.352485948094568 -50.41072694704882 -21.962849842263736 24.71884721436865 -39.99177354004344 53.47333823144817 3.2008658570411086'.split(
      ' ',
    ),
    want: '53.47333823144817',
  },
  {
    name: 'desc floats',
    order: 'desc',
    tags: '-65.27202780220686 57.82948329142309 22.40184684363291 -86.36934305697784 -90.29082099756083 -12.041712603564264 77.70488240399305 -38.98425003883552 16.06867070412028 53.735674335181216'.split(
      ' ',
    ),
    want: '-90.29082099756083',
  },
  {
    name: 'asc timestamps',
    order: 'asc',
    tags: '1606234201 1606364286 1606334092 1606334284 1606334201'.split(' '),
    want: '1606364286',
  },
  {
    name: 'desc timestamps',
    order: 'desc',
    tags: '1606234201 1606364286 1606334092 1606334284 1606334201'.split(' '),
    want: '1606234201',
  },
  { name: 'single asc', order: 'asc', tags: ['1'], want: '1' },
  { name: 'single desc', order: 'desc', tags: ['1'], want: '1' },
  { name: 'ties go to the later tag', order: 'asc', tags: ['1.0', '1', '01'], want: '01' },
  { name: 'NaN replaces and is replaced', order: 'asc', tags: ['5', 'NaN', '1'], want: '1' },
  { name: 'NaN last wins', order: 'asc', tags: ['5', '7', 'nan'], want: 'nan' },
  {
    name: 'hex float and underscores',
    order: 'asc',
    tags: ['0x1p4', '1_5', '15.5'],
    want: '0x1p4',
  },
];

describe('rankNumerical', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = rankNumerical(c.tags, c.order);

      assert.equal(c.tags[r.winner], c.want);
    });
  }

  it('fails on the first unparsable tag, naming it', () => {
    assert.throws(
      () => rankNumerical(['0', '1a', 'b'], 'asc'),
      (err: unknown) =>
        err instanceof PolicyEvaluationError &&
        err.message === "failed to parse invalid numeric value '1a'",
    );
  });

  it('reports the runner-up', () => {
    const r = rankNumerical(['3', '9', '7'], 'asc');

    assert.deepEqual([r.winner, r.runnerUp], [1, 2]);
  });
});
