import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandTemplate } from './expand.ts';
import { compileGoRegex, RegexSyntaxError } from './regex.ts';

describe('compileGoRegex', () => {
  const rejected: { pattern: string; message: string }[] = [
    { pattern: '^test-(.*', message: 'error parsing regexp: missing closing ): `^test-(.*`' },
    { pattern: '[=', message: 'error parsing regexp: missing closing ]: `[=`' },
    {
      pattern: 'a(?=b)',
      message: 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
    },
    { pattern: '(a)\\1', message: 'error parsing regexp: invalid escape sequence: `\\1`' },
  ];
  for (const c of rejected) {
    it(`rejects ${c.pattern} with Go's message`, () => {
      assert.throws(
        () => compileGoRegex(c.pattern),
        (e: unknown) => e instanceof RegexSyntaxError && e.message === c.message,
      );
    });
  }

  it('is unanchored and leftmost-first', () => {
    const re = compileGoRegex('a|ab');

    assert.deepEqual(re.findSubmatchIndex('xab'), [1, 2]);
    assert.equal(re.test('myver1'), false);
    assert.equal(compileGoRegex('ver').test('myver1'), true);
  });

  it('accepts Go-only syntax: (?P<name>), \\Q…\\E, POSIX classes, leading (?i)', () => {
    assert.deepEqual(compileGoRegex('(?P<tag>\\d+)').subexpNames, ['', 'tag']);
    assert.equal(compileGoRegex('\\Q1.0\\E').test('1x0'), false);
    assert.equal(compileGoRegex('^[[:digit:]]+$').test('123'), true);
    assert.equal(compileGoRegex('(?i)^MAIN-').test('main-abc'), true);
  });

  it('accepts a group name used twice, as Go does, and expands the first that took part', () => {
    const re = compileGoRegex('(?P<v>a)|(?P<v>b)|[(?P<v>]');

    assert.deepEqual(re.subexpNames, ['', 'v', 'v']);
    const m = re.findSubmatchIndex('b');
    assert.ok(m);
    assert.equal(expandTemplate('$v', 'b', m, re.subexpNames), 'b');
  });

  it('reports other errors of a pattern with duplicate names in its own words', () => {
    assert.throws(
      () => compileGoRegex('(?P<x>a)(?P<x>b)('),
      (e: unknown) =>
        e instanceof RegexSyntaxError &&
        e.message === 'error parsing regexp: missing closing ): `(?P<x>a)(?P<x>b)(`',
    );
  });

  it('matches pathological patterns in linear time', () => {
    const re = compileGoRegex('^(a+)+$');
    const input = `${'a'.repeat(20_000)}!`;
    const started = performance.now();

    assert.equal(re.test(input), false);
    assert.ok(performance.now() - started < 2000, 'took too long');
  });
});
