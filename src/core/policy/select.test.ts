import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGoRegex } from '../filter/regex.ts';
import { compilePolicy } from './compile.ts';
import { InvalidPolicyError, PolicyEvaluationError } from './errors.ts';
import { selectLatest } from './select.ts';
import type { PolicyChoice, TagFilter } from './types.ts';

const semver = (range: string): PolicyChoice => ({ kind: 'semver', range });
const numerical: PolicyChoice = { kind: 'numerical', order: 'asc' };
const alphabetical: PolicyChoice = { kind: 'alphabetical', order: 'asc' };

// Flux's applyPolicy and registry-backed controller vectors (reflector.md §2.8.2) and the
// TestSemVer_Latest / TestRegexFilter unit vectors (§2.8.1).
const cases: {
  name: string;
  choice: PolicyChoice;
  filter?: TagFilter;
  tags: string[];
  want: string;
}[] = [
  {
    name: 'semver 1.0.x',
    choice: semver('1.0.x'),
    tags: ['1.0.0', '2.0.0', '1.0.1', '1.2.0'],
    want: '1.0.1',
  },
  {
    name: 'semver v-range, v-tags',
    choice: semver('v1.0.x'),
    tags: ['v1.0.0', 'v2.0.0', 'v1.0.1', 'v1.2.0'],
    want: 'v1.0.1',
  },
  {
    name: 'semver v-range, plain tags',
    choice: semver('v1.0.x'),
    tags: ['1.0.0', '2.0.0', '1.0.1', '1.2.0'],
    want: '1.0.1',
  },
  {
    name: 'semver plain range, v-tags',
    choice: semver('1.0.x'),
    tags: ['v1.0.0', 'v2.0.0', 'v1.0.1', 'v1.2.0'],
    want: 'v1.0.1',
  },
  {
    name: 'semver skips non-versions',
    choice: semver('1.0.x'),
    tags: ['1.0.0', '1.0.0.1', '1.0.0p', '1.0.1', '1.2.0', '0.1.0'],
    want: '1.0.1',
  },
  {
    name: 'semver keeps v prefix',
    choice: semver('1.0.x'),
    tags: ['v1.2.3', 'v1.0.0', 'v0.1.0'],
    want: 'v1.0.0',
  },
  {
    name: 'semver ignores prerelease unless asked',
    choice: semver('1.0.x'),
    tags: ['0.1.0', '0.1.1', '0.2.0', '1.0.0', '1.0.1', '1.0.2', '1.1.0-alpha'],
    want: '1.0.2',
  },
  {
    name: 'semver equal versions: first in stored order wins',
    choice: semver('1.x'),
    tags: ['v1.0.0', '1.0.0'],
    want: 'v1.0.0',
  },
  {
    name: 'semver with filter and extract',
    choice: semver('>=0.x'),
    filter: { pattern: '^test-(.*)$', extract: '$1' },
    tags: ['test-0.1.0', 'test-0.1.1', 'dev-0.2.0', '1.0.0', '1.0.1', '1.0.2', '1.1.0-alpha'],
    want: 'test-0.1.1',
  },
  {
    name: 'numerical with named extract',
    choice: numerical,
    filter: { pattern: '1.0.0-rc\\.(?P<num>[0-9]+)', extract: '$num' },
    tags: ['1.0.0', '1.0.0-rc.1', '1.0.0-rc.2', '1.0.0-rc.3', '1.0.1-rc.2'],
    want: '1.0.0-rc.3',
  },
  {
    name: 'alphabetical with named extract',
    choice: alphabetical,
    filter: { pattern: 'foo-(?P<word>[a-z]+)', extract: '$word' },
    tags: ['foo-aaa', 'bar-bbb', 'foo-zzz', 'baz-nnn', 'foo-ooo'],
    want: 'foo-zzz',
  },
  {
    name: 'alphabetical ubuntu names',
    choice: alphabetical,
    tags: ['xenial', 'yakkety', 'zesty', 'artful', 'bionic'],
    want: 'zesty',
  },
  {
    name: 'extract collision: later tag in stored order wins',
    choice: alphabetical,
    filter: { pattern: '^(?P<tag>123-[0-9]+\\.[0-9]+\\.[a-z0-9]+[^-debug])', extract: '$tag' },
    tags: [
      '123-123.123.abcd456-debug',
      '123-123.123.abcd456',
      '123-123.123.abcd123-debug',
      '123-123.123.abcd123',
    ],
    want: '123-123.123.abcd456',
  },
  {
    name: 'timestamped main-<sha>-<ts> tags',
    choice: numerical,
    filter: { pattern: '^main-[a-fA-F0-9]+-(?P<ts>.*)', extract: '$ts' },
    tags: [
      'main-fff0000-1700000300',
      'main-abc1234-1700000500',
      'latest',
      'main-0001111-1700000400',
    ],
    want: 'main-abc1234-1700000500',
  },
];

describe('selectLatest', () => {
  for (const c of cases) {
    it(c.name, () => {
      const policy = compilePolicy(c.choice, c.filter);

      assert.equal(selectLatest(policy, c.tags).tag, c.want);
    });
  }

  const failures: {
    name: string;
    choice: PolicyChoice;
    filter?: TagFilter;
    tags: string[];
    message: string;
  }[] = [
    {
      name: 'no tags',
      choice: semver('1.0.x'),
      tags: [],
      message: 'version list argument cannot be empty',
    },
    {
      name: 'no semver match',
      choice: semver('1.0.x'),
      tags: ['1.2.0'],
      message: 'unable to determine latest version from provided list',
    },
    {
      name: 'b-prefixed tags are not versions',
      choice: semver('1.0.x'),
      tags: ['b1.2.3', 'b1.0.0'],
      message: 'unable to determine latest version from provided list',
    },
    {
      name: 'filter matches nothing',
      choice: alphabetical,
      filter: { pattern: '^nope', extract: '' },
      tags: ['a'],
      message: 'version list argument cannot be empty',
    },
    {
      name: 'numerical over latest',
      choice: numerical,
      tags: ['latest', '1'],
      message: "failed to parse invalid numeric value 'latest'",
    },
  ];
  for (const c of failures) {
    it(`fails: ${c.name}`, () => {
      const policy = compilePolicy(c.choice, c.filter);

      assert.throws(
        () => selectLatest(policy, c.tags),
        (e: unknown) => e instanceof PolicyEvaluationError && e.message === c.message,
      );
    });
  }

  it('re-evaluating a compiled policy on a changed list gives what a fresh one gives', () => {
    const filter = { pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)$', extract: '$ts' };
    const reused = compilePolicy(numerical, filter);
    const first = ['main-aaa-10', 'main-bbb-30', 'main-ccc-20', 'latest'];
    const second = ['main-ddd-5', 'main-aaa-10', 'main-ccc-20'];

    assert.equal(selectLatest(reused, first).tag, 'main-bbb-30');
    assert.equal(
      selectLatest(reused, second).tag,
      selectLatest(compilePolicy(numerical, filter), second).tag,
    );
    assert.equal(selectLatest(reused, second).tag, 'main-ccc-20');
  });

  it('explains what it saw, dropped and compared', () => {
    const policy = compilePolicy(semver('^1.0'), { pattern: '^v', extract: '' });

    const { explain } = selectLatest(
      policy,
      ['v2.0.0', 'v1.5.0', 'v1.2.0', 'v1.2.0.sig', 'latest', '1.9.0'],
      {
        exclusionList: [compileGoRegex('^.*\\.sig$')],
      },
    );

    assert.deepEqual(explain.excluded, { count: 1, examples: ['v1.2.0.sig'] });
    assert.equal(explain.filter?.rejected.count, 2);
    assert.deepEqual(explain.skipped, [
      { reason: 'outside range ^1.0', count: 1, examples: ['v2.0.0'] },
    ]);
    assert.equal(explain.candidates, 2);
    assert.deepEqual(explain.winner, { tag: 'v1.5.0', value: 'v1.5.0' });
    assert.deepEqual(explain.runnerUp, { tag: 'v1.2.0', value: 'v1.2.0' });
  });
});

describe('compilePolicy', () => {
  const invalid: {
    name: string;
    choice: PolicyChoice;
    filter?: TagFilter;
    field: string;
    message: RegExp;
  }[] = [
    {
      name: 'bad range *-*',
      choice: semver('*-*'),
      field: 'spec.policy.semver.range',
      message: /improper constraint/,
    },
    {
      name: 'empty range',
      choice: semver(''),
      field: 'spec.policy.semver.range',
      message: /improper constraint/,
    },
    {
      name: 'bad range 1.0.0p',
      choice: semver('1.0.0p'),
      field: 'spec.policy.semver.range',
      message: /improper constraint/,
    },
    {
      name: 'bad pattern',
      choice: semver('1.0.x'),
      filter: { pattern: '^test-(.*', extract: '$1' },
      field: 'spec.filterTags.pattern',
      message:
        /^invalid regular expression pattern '\^test-\(\.\*': error parsing regexp: missing closing \)/,
    },
    {
      name: 'order outside asc/desc',
      choice: { kind: 'numerical', order: 'up' as 'asc' },
      field: 'spec.policy.numerical.order',
      message: /invalid order argument provided: 'UP'/,
    },
  ];
  for (const c of invalid) {
    it(`rejects ${c.name}`, () => {
      assert.throws(
        () => compilePolicy(c.choice, c.filter),
        (e: unknown) =>
          e instanceof InvalidPolicyError && e.field === c.field && c.message.test(e.message),
      );
    });
  }

  for (const range of ['1.0.x', '^1.0', '=1.0.0', '~1.0', '>=1.0', '>0,<2.0']) {
    it(`accepts range ${range}`, () => {
      assert.doesNotThrow(() => compilePolicy(semver(range)));
    });
  }
});
