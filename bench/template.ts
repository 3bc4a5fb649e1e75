// Benchmark: render commit messages for 1,000 changed images (target ≤ 5 ms per message).
// Run: npx node bench/template.ts   (reports wall-clock and this process's CPU time per render,
// because other processes on a shared machine inflate wall-clock figures)
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
const names = [
  'seed: files and images (v1beta1 style)',
  'docs v1: files and object changes',
  'docs v1: Gerrit Change-Id',
  'changes list with setters',
];

const input = commitFixture(1000, 50).input;
const runs = 200;
console.log(
  `template bench: 1,000 changed images in 50 files, ${runs} renders each (parse + data + execute)`,
);
for (const name of names) {
  const template = templates.find((t) => t.name === name)!.template;
  for (let i = 0; i < 30; i++) renderCommitMessage(template, input);
  const times: number[] = [];
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = renderCommitMessage(template, input).message.length;
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(runs / 2)]!;
  const min = times[0]!;
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  console.log(
    `  ${name.padEnd(40)} wall p50 ${p50.toFixed(2)} ms, min ${min.toFixed(2)} ms; CPU ${cpuMs.toFixed(2)} ms/render (${bytes} bytes)`,
  );
}
