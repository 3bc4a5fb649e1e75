// Benchmark: ImagePolicy selection over 100,000 stored tags (mixed semver, prereleases, garbage;
// 10 % match the filter), for semver-with-filter, numerical (with filter) and alphabetical, with
// the Go harness (Masterminds + Go regexp, as Flux) timed on the same input.
// Run: npx node --expose-gc bench/policy.ts
import { getHeapStatistics } from 'node:v8';
import { compilePolicy } from '../src/core/policy/compile.ts';
import { selectLatest } from '../src/core/policy/select.ts';
import type { PolicyChoice, TagFilter } from '../src/core/policy/types.ts';
import { goBinary } from '../test/support/go.ts';
import { askGo, seededRandom } from '../test/support/go-lines.ts';

const rnd = seededRandom(42);
const int = (n: number) => Math.floor(rnd() * n);
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');

function makeTags(count: number): string[] {
  const tags = new Set<string>();
  while (tags.size < count) {
    const r = rnd();
    if (r < 0.1)
      tags.add(`release-${int(5)}.${int(40)}.${int(200)}${rnd() < 0.3 ? `-rc.${int(9)}` : ''}`);
    else if (r < 0.35) tags.add(`${int(5)}.${int(40)}.${int(200)}`);
    else if (r < 0.55)
      tags.add(`v${int(5)}.${int(40)}.${int(200)}-${rnd() < 0.5 ? 'rc' : 'beta'}.${int(30)}`);
    else if (r < 0.75) tags.add(`main-${hex(7)}-${1_700_000_000 + int(90_000_000)}`);
    else tags.add(`${hex(4)}-${['latest', 'dev', 'pr', 'sha'][int(4)]}-${hex(8)}`);
  }
  // Stored order: descending by bytes, as the scanner stores them.
  return [...tags].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

interface Scenario {
  name: string;
  choice: PolicyChoice;
  filter?: TagFilter;
  targetMs: number;
}

const scenarios: Scenario[] = [
  {
    name: 'semver ^1.0 + filter/extract',
    choice: { kind: 'semver', range: '>=1.0.0 <4.0.0' },
    filter: { pattern: '^release-(?P<v>.+)$', extract: '$v' },
    targetMs: 50,
  },
  {
    // The timestamp pattern of Flux's documentation and the seeds.
    name: 'numerical asc + main-<sha>-<ts>',
    choice: { kind: 'numerical', order: 'asc' },
    filter: { pattern: '^main-[a-fA-F0-9]+-(?P<ts>.*)', extract: '$ts' },
    targetMs: 20,
  },
  {
    name: 'numerical asc + ^release-(\\d+)\\.',
    choice: { kind: 'numerical', order: 'asc' },
    filter: { pattern: '^release-(?P<major>\\d+)\\.', extract: '$major' },
    targetMs: 20,
  },
  {
    name: 'alphabetical asc (no filter)',
    choice: { kind: 'alphabetical', order: 'asc' },
    targetMs: 20,
  },
];

// Real tags arrive flat (JSON, SQLite); generated ones are V8 cons strings, several times slower
// to scan, so round-trip them through JSON like a registry response.
const tags = JSON.parse(JSON.stringify(makeTags(100_000))) as string[];
const iterations = 40;
const gc = (globalThis as { gc?: () => void }).gc;
const goBin = goBinary('policy');
console.log(
  `policy bench: ${tags.length} tags, ${iterations} iterations each, node ${process.version}`,
);
// Re-evaluation after a scan: 1 % of the tags replaced by new ones, the policy already compiled.
const rescanned = JSON.parse(
  JSON.stringify([...makeTags(1_000), ...tags.slice(1_000)]),
) as string[];

for (const s of scenarios) {
  for (let i = 0; i < 10; i++) selectLatest(compilePolicy(s.choice, s.filter), tags); // warm-up (JIT)
  gc?.();
  const heapBefore = getHeapStatistics().used_heap_size;
  let peakHeap = heapBefore;
  let started = performance.now();
  let tag = '';
  for (let i = 0; i < iterations; i++) {
    tag = selectLatest(compilePolicy(s.choice, s.filter), tags).tag;
    // Cheap heap reading: process.memoryUsage() also reads RSS from the OS on every call.
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  }
  const cold = (performance.now() - started) / iterations;
  const compiled = compilePolicy(s.choice, s.filter);
  selectLatest(compiled, tags);
  started = performance.now();
  for (let i = 0; i < iterations; i++) selectLatest(compiled, i % 2 === 0 ? rescanned : tags);
  const warm = (performance.now() - started) / iterations;
  const [go] = await askGo<
    Record<string, unknown>,
    { ok: boolean; err?: string; tag?: string; bits?: string }
  >(goBin, [
    {
      op: 'bench',
      policy: s.choice.kind,
      arg: s.choice.kind === 'semver' ? s.choice.range : s.choice.order,
      filter: Boolean(s.filter),
      pattern: s.filter?.pattern ?? '',
      extract: s.filter?.extract ?? '',
      tags,
      iterations,
    },
  ]);
  const goMs = Number(go?.bits ?? Number.NaN) / 1e6;
  const agree = go?.tag === tag ? 'same tag' : `DIFFERENT tag (go: ${go?.tag ?? go?.err})`;
  console.log(
    `${s.name.padEnd(32)} first ${cold.toFixed(2).padStart(6)} ms, re-evaluation ${warm.toFixed(2).padStart(6)} ms (target ≤ ${s.targetMs})  go ${goMs.toFixed(2)} ms  ratio ${(cold / goMs).toFixed(2)}×  heap +${((peakHeap - heapBefore) / 1048576).toFixed(1)} MiB  → ${tag} (${agree})`,
  );
}
console.log(`peak RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
