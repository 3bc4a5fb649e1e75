// Property tests: whatever the input, the engine answers with a tag or a typed error, the tag is
// one of the inputs, and time grows linearly with input size (RE2, no backtracking).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../test/support/go-lines.ts';
import { compilePolicy } from './compile.ts';
import { InvalidPolicyError, PolicyEvaluationError } from './errors.ts';
import { selectLatest } from './select.ts';
import { generateSelectCase, generateTag } from './testdata/generators.ts';
import type { PolicyChoice } from './types.ts';

const rnd = seededRandom(7);

function evaluate(
  choice: PolicyChoice,
  pattern: string | undefined,
  extract: string,
  tags: string[],
): string | Error {
  try {
    const policy = compilePolicy(choice, pattern === undefined ? undefined : { pattern, extract });
    return selectLatest(policy, tags).tag;
  } catch (err) {
    return err as Error;
  }
}

describe('policy engine properties', () => {
  it('returns one of the input tags or a typed error, for 3,000 random cases', () => {
    let typedErrors = 0;
    for (let i = 0; i < 3000; i++) {
      const c = generateSelectCase(rnd);
      if (rnd() < 0.2) c.tags.push(generateTag(rnd).repeat(1 + Math.floor(rnd() * 1000)));
      const choice: PolicyChoice =
        c.policy === 'semver'
          ? { kind: 'semver', range: c.arg }
          : { kind: c.policy, order: c.arg === 'desc' ? 'desc' : 'asc' };

      const got = evaluate(choice, c.filter ? c.pattern : undefined, c.extract, c.tags);

      if (got instanceof Error) {
        assert.ok(
          got instanceof InvalidPolicyError || got instanceof PolicyEvaluationError,
          `untyped error: ${got.stack}`,
        );
        typedErrors++;
      } else {
        assert.ok(c.tags.includes(got), `${got} is not an input tag`);
      }
    }
    assert.ok(typedErrors > 0 && typedErrors < 3000, 'the generator must exercise both outcomes');
  });

  it('is order-independent when values are distinct (semver, alphabetical)', () => {
    const tags = ['1.2.3', 'v1.4.0', '1.3.9', '2.0.0-rc.1', '0.9.0', 'latest'];
    for (const choice of [
      { kind: 'semver', range: '>=1.0.0' },
      { kind: 'alphabetical', order: 'desc' },
    ] as PolicyChoice[]) {
      const want = evaluate(choice, undefined, '', tags);
      for (let i = 0; i < 20; i++) {
        const shuffled = [...tags].sort(() => rnd() - 0.5);
        assert.equal(evaluate(choice, undefined, '', shuffled), want);
      }
    }
  });

  it('stays linear on 10 kB tags and pathological patterns', () => {
    const timeFor = (size: number) => {
      const tags = Array.from({ length: 20 }, (_, i) => `${'a'.repeat(size)}${i}!`);
      const started = performance.now();
      for (const pattern of ['^(a+)+$', '(a|aa)*c', '(?P<x>(a*)*)b', '(.*)(.*)(.*)(.*)z']) {
        evaluate({ kind: 'alphabetical', order: 'asc' }, pattern, '$1', tags);
      }
      return performance.now() - started;
    };
    timeFor(1000); // warm-up
    const small = timeFor(2500);
    const large = timeFor(10_000);

    // 4× the input may take at most ~12× the time (generous for GC noise); backtracking would explode.
    assert.ok(
      large < Math.max(small, 5) * 12,
      `small ${small.toFixed(1)} ms, large ${large.toFixed(1)} ms`,
    );
  });
});
