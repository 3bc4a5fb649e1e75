// Benchmark: render commit messages for 1,000 changed images (target ≤ 5 ms per message).
// Run: npx node bench/template.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCommitMessage } from '../src/core/template/commit-message.ts';
import { commitFixture } from '../test/go/template/commit-fixtures.ts';

const templates = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '..', 'src', 'core', 'template', 'testdata', 'flux-templates.json'),
    'utf8',
  ),
) as { name: string; template: string }[];
const pick = (name: string): string => templates.find((t) => t.name === name)!.template;
const cases = [
  ['seed: files and images (v1beta1 style)', pick('seed: files and images (v1beta1 style)')],
  ['docs v1: files and object changes', pick('docs v1: files and object changes')],
  ['docs v1: Gerrit Change-Id', pick('docs v1: Gerrit Change-Id')],
  ['changes list with setters', pick('changes list with setters')],
] as const;

const input = commitFixture(1000, 50).input;
const runs = 200;
console.log(
  `template bench: 1,000 changed images in 50 files, ${runs} renders each (parse + data + execute)`,
);
for (const [name, template] of cases) {
  for (let i = 0; i < 20; i++) renderCommitMessage(template, input);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = renderCommitMessage(template, input).message.length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(runs / 2)]!;
  const p95 = times[Math.floor(runs * 0.95)]!;
  console.log(
    `  ${name.padEnd(40)} p50 ${p50.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms  (${bytes} bytes)`,
  );
}
