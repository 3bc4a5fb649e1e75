import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateExecError, TemplateParseError } from './errors.ts';
import { sprigFuncs } from './sprig/index.ts';
import { Template } from './template.ts';

// Hostile or broken templates must end quickly with a clear error, never hang or crash.
const cases = [
  {
    name: 'infinite template recursion',
    t: '{{define "a"}}{{template "a" .}}{{end}}{{template "a" .}}',
    want: /maximum template depth|too deep/,
  },
  {
    name: 'huge integer range',
    t: '{{range 1000000000}}x{{end}}',
    want: /exceeded 5000000 steps|output exceeded/,
  },
  {
    name: 'output bomb',
    t: '{{range until 100000}}{{repeat 1000 "x"}}{{end}}',
    want: /output exceeded 4194304 bytes/,
  },
  { name: 'repeat bomb', t: '{{repeat 1000000000 "abcdef"}}', want: /repeat result exceeds/ },
  { name: 'until bomb', t: '{{until 1000000000 | len}}', want: /list exceeds/ },
  {
    name: 'nested ranges',
    t: '{{range until 3000}}{{range until 3000}}{{end}}{{end}}',
    want: /exceeded 5000000 steps/,
  },
  {
    name: 'deep parentheses',
    t: `{{${'('.repeat(5000)}1${')'.repeat(5000)}}}`,
    want: /max expression depth exceeded/,
  },
  {
    name: 'deeply nested ifs',
    t: `${'{{if 1}}'.repeat(20000)}${'{{end}}'.repeat(20000)}`,
    want: /too deeply nested|depth|recursion/,
  },
];

describe('execution limits', () => {
  for (const c of cases) {
    it(c.name, () => {
      const started = performance.now();
      assert.throws(
        () => Template.parse('commit message', c.t, sprigFuncs).execute(null),
        (err: unknown) =>
          (err instanceof TemplateExecError || err instanceof TemplateParseError) &&
          c.want.test(err.message),
      );
      const ms = performance.now() - started;
      assert.ok(ms < 10_000, `${c.name} took ${Math.round(ms)} ms`);
    });
  }

  it('custom limits apply', () => {
    const t = Template.parse('m', '{{range until 50}}ab{{end}}', sprigFuncs);
    assert.equal(t.execute(null).output.length, 100);
    assert.throws(() => t.execute(null, { maxOutputBytes: 10 }), /output exceeded 10 bytes/);
    assert.throws(() => t.execute(null, { maxSteps: 20 }), /exceeded 20 steps/);
  });
});
