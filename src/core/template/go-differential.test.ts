// Differential test: every template renders byte for byte like Go's text/template with sprig's
// hermetic function map (errors included), using the Go harness in test/go/template.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commitFixtures } from '../../../test/go/template/commit-fixtures.ts';
import {
  commitProbeCases,
  generatedCases,
  sampleData,
} from '../../../test/go/template/generated-cases.ts';
import { type OracleCase, renderWithGo } from '../../../test/go/template/oracle.ts';
import { builtins } from './builtins.ts';
import { commitTemplateData } from './commit-data.ts';
import { decodeJSON } from './go-json.ts';
import { sprigFuncs } from './sprig/index.ts';
import { Template } from './template.ts';
import type { GoValue } from './values.ts';

const testdata = join(import.meta.dirname, 'testdata');

interface Case extends OracleCase {
  readonly label: string;
  readonly value: () => GoValue;
  readonly sortLines?: boolean;
}

function render(c: Case): { out: string; error?: string } {
  try {
    return {
      out: Template.parse('commit message', c.template, sprigFuncs).execute(c.value()).output,
    };
  } catch (err) {
    return { out: '', error: (err as Error).message };
  }
}

const handCases: Case[] = readFileSync(join(testdata, 'cases.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line, i) => {
    const c = JSON.parse(line) as { t: string; d?: unknown };
    return {
      label: `hand #${i}`,
      template: c.t,
      data: c.d ?? null,
      value: () => (c.d === undefined ? null : decodeJSON(JSON.stringify(c.d))),
    };
  });

const genCases: Case[] = generatedCases(new Map([...builtins, ...sprigFuncs])).map((c, i) => ({
  ...c,
  label: `generated #${i}`,
  value: () => decodeJSON(JSON.stringify(sampleData)),
}));

const fluxTemplates = JSON.parse(readFileSync(join(testdata, 'flux-templates.json'), 'utf8')) as {
  name: string;
  template: string;
  singleObjectOnly?: boolean;
}[];
const commitCases: Case[] = [];
const skipped: string[] = [];
for (const t of fluxTemplates) {
  for (const fx of commitFixtures()) {
    const unordered = fx.objects > 1 && /\.(Changes|Images)\b/.test(t.template);
    if (unordered && t.singleObjectOnly) {
      skipped.push(`${t.name} × ${fx.name}`);
      continue;
    }
    commitCases.push({
      label: `${t.name} × ${fx.name}`,
      template: t.template,
      data: fx.json,
      mode: 'commit',
      value: () => commitTemplateData(fx.input),
      sortLines: unordered,
    });
  }
}

// Data-model probes; over several objects only those whose output Go cannot reorder
// (everything except .Changed.Changes and .Updated.Images, which iterate Go maps).
for (const fx of commitFixtures()) {
  commitProbeCases().forEach((template, i) => {
    if (fx.objects > 1 && /\.Changed\.Changes|\.Updated\.Images/.test(template)) return;
    commitCases.push({
      label: `data probe #${i} × ${fx.name}`,
      template,
      data: fx.json,
      mode: 'commit',
      value: () => commitTemplateData(fx.input),
    });
  });
}

const sorted = (s: string): string => s.split('\n').sort().join('\n');

describe('template engine vs Go text/template + sprig', () => {
  const all = [...handCases, ...genCases, ...commitCases];
  const started = performance.now();
  const goResults = renderWithGo(all);
  const goMs = performance.now() - started;

  it('matches Go byte for byte on every case, errors included', () => {
    const failures: string[] = [];
    let errors = 0;
    all.forEach((c, i) => {
      const want = goResults[i]!;
      assert.notEqual(want.phase, 'input', `${c.label}: harness rejected input: ${want.error}`);
      const got = render(c);
      if (want.error !== undefined) {
        errors++;
        if (got.error !== want.error)
          failures.push(
            `${c.label} ${JSON.stringify(c.template)}\n  go:   ${want.error}\n  ours: ${got.error ?? JSON.stringify(got.out)}`,
          );
        return;
      }
      const same = c.sortLines ? sorted(got.out) === sorted(want.out) : got.out === want.out;
      if (got.error !== undefined || !same) {
        failures.push(
          `${c.label} ${JSON.stringify(c.template)}\n  go:   ${JSON.stringify(want.out)}\n  ours: ${got.error ?? JSON.stringify(got.out)}`,
        );
      }
    });
    console.log(
      `go differential: ${all.length - failures.length}/${all.length} templates identical to Go ` +
        `(${handCases.length} hand-written, ${genCases.length} generated, ${commitCases.length} Flux templates × datasets; ` +
        `${errors} expected errors; Go ran in ${Math.round(goMs)} ms)`,
    );
    for (const s of skipped)
      console.log(
        `  not compared (Go orders .Changes/.Images randomly over several objects): ${s}`,
      );
    assert.ok(all.length >= 300, `only ${all.length} cases`);
    assert.deepEqual(failures, []);
  });
});
