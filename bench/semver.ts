// Benchmark: src/core/semver on 100,000 stored tags (mixed releases, prereleases, CalVer,
// garbage): tag parsing alone, and Flux's semver selection loop (parse + check + compare) for
// several ranges, with the Go harness (Masterminds v3.5 + fluxcd/pkg/version) timed on the
// same input in-process for the ratio.
// Run: npx node --expose-gc bench/semver.ts
import { loadavg } from 'node:os';
import { parseConstraint } from '../src/core/semver/constraint.ts';
import { compareVersions, parseTagVersion, type Version } from '../src/core/semver/version.ts';
import { goBinary } from '../test/support/go.ts';
import { askGo, seededRandom } from '../test/support/go-lines.ts';

const rnd = seededRandom(42);
const int = (n: number) => Math.floor(rnd() * n);
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');

function makeTags(count: number): string[] {
  const tags = new Set<string>();
  while (tags.size < count) {
    const r = rnd();
    const core = `${int(6)}.${int(40)}.${int(200)}`;
    if (r < 0.3) tags.add(core);
    else if (r < 0.45) tags.add(`v${core}`);
    else if (r < 0.65)
      tags.add(`${rnd() < 0.5 ? 'v' : ''}${core}-${['rc', 'beta', 'alpha'][int(3)]}.${int(30)}`);
    else if (r < 0.72)
      tags.add(`20${10 + int(16)}.${String(1 + int(12)).padStart(2, '0')}.${int(31)}`);
    else if (r < 0.86) tags.add(`main-${hex(7)}-${1_700_000_000 + int(90_000_000)}`);
    else tags.add(`${hex(4)}-${['latest', 'dev', 'pr', 'sha'][int(4)]}-${hex(8)}`);
  }
  const sorted = [...tags].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  // Real tags arrive through JSON (registry, tag store) as flat strings; template-built ones are
  // V8 cons strings, several times slower to scan, so round-trip them the way real data comes.
  return JSON.parse(JSON.stringify(sorted)) as string[];
}

function selectLatest(range: string, tags: readonly string[]): string | undefined {
  const c = parseConstraint(range);
  let best: Version | undefined;
  for (const t of tags) {
    const v = parseTagVersion(t);
    if (v && c.check(v) && (!best || compareVersions(v, best) > 0)) best = v;
  }
  return best?.original;
}

const gc = (globalThis as { gc?: () => void }).gc;
function measure(
  iterations: number,
  f: () => unknown,
): { ms: number; minMs: number; peakHeapMb: number } {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  for (let i = 0; i < 3; i++) f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  times.sort((a, b) => a - b);
  return {
    ms: times[Math.floor(times.length / 2)] as number,
    minMs: times[0] as number,
    peakHeapMb: (peak - base) / 2 ** 20,
  };
}

const tags = makeTags(100_000);
const iterations = 20;
const ranges = [
  '>=1.0.0 <4.0.0',
  '^2.3',
  '~1.2.3 || 3.x || >=5.0.0-0',
  '>=2020.1.0-0, !=2022.x',
  '*',
];

console.log(
  `semver bench: ${tags.length} tags, ${iterations} iterations (median), node ${process.version}, ` +
    `load average ${loadavg()[0]?.toFixed(1)}`,
);
const parse = measure(iterations, () => {
  let n = 0;
  for (const t of tags) if (parseTagVersion(t)) n++;
  return n;
});
console.log(
  `parseTagVersion × 100k: ${parse.ms.toFixed(2)} ms (min ${parse.minMs.toFixed(2)}), ` +
    `peak heap +${parse.peakHeapMb.toFixed(1)} MB`,
);

const bin = goBinary('semver');
for (const range of ranges) {
  const mine = measure(iterations, () => selectLatest(range, tags));
  const [go] = await askGo<object, { tag: string; msPerOp: number }>(bin, [
    { op: 'benchLatest', range, tags, iterations },
  ]);
  const pick = selectLatest(range, tags) ?? '';
  const same = go?.tag === pick ? 'same pick' : `DIFFERENT PICK (go ${go?.tag}, ours ${pick})`;
  console.log(
    `select ${JSON.stringify(range).padEnd(32)} ${mine.ms.toFixed(2).padStart(6)} ms ` +
      `(min ${mine.minMs.toFixed(2)}) ` +
      `(heap +${mine.peakHeapMb.toFixed(1)} MB) | go ${go?.msPerOp.toFixed(2)} ms | ` +
      `ratio ${(mine.ms / (go?.msPerOp ?? Number.NaN)).toFixed(2)} | ${same}`,
  );
}
