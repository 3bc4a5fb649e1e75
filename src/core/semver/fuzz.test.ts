// Property and robustness tests: arbitrary input never throws anything but ConstraintError, long
// input stays fast, and the algebra of versions and ranges holds on generated data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../test/support/go-lines.ts';
import { ConstraintError, parseConstraint } from './constraint.ts';
import { diagnoseTag } from './tag-diagnosis.ts';
import { generateNearbyTag, generateRange, generateTag, type Rnd } from './testdata/generators.ts';
import { compareVersions, formatVersion, parseTagVersion, type Version } from './version.ts';

const seed = Number(process.env.TAGPILOT_SEMVER_SEED ?? 7);
const ALPHABET = [
  ...'0123456789.-+vVxX*|,=!<>~^ \t\n\vabzAZ_"\\é€😀',
  '\u00a0',
  '\ud800',
  '||',
  ' - ',
];

function randomText(rnd: Rnd, max: number): string {
  const n = Math.floor(rnd() * max);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  return s;
}

// cpuMs is the best-of-three CPU time (not wall time: other processes share this machine) of one
// call of f, averaged over `times` calls.
function cpuMs(f: () => unknown, times: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < times; i++) f();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / times);
  }
  return best;
}

function tryParse(range: string): ReturnType<typeof parseConstraint> | undefined {
  try {
    return parseConstraint(range);
  } catch (err) {
    if (!(err instanceof ConstraintError)) throw err;
    return undefined;
  }
}

describe('robustness', () => {
  it('never throws anything but ConstraintError on 30,000 random strings', () => {
    const rnd = seededRandom(seed);
    let valid = 0;
    for (let i = 0; i < 30000; i++) {
      const s =
        i % 3 === 0 ? randomText(rnd, 40) : i % 3 === 1 ? generateRange(rnd) : generateTag(rnd);
      const v = parseTagVersion(s);
      assert.equal(diagnoseTag(s) === undefined, v !== undefined);
      const c = tryParse(s);
      if (c) {
        valid++;
        if (v) assert.equal(typeof c.check(v), 'boolean');
      }
    }
    console.log(`semver fuzz: 30000 strings, seed ${seed}, ${valid} valid ranges`);
    assert.ok(valid > 1000, 'the generators reach valid ranges');
  });

  // Each case is built to be as slow as possible for a naive scanner; Go's regexps are linear.
  const long = [
    { name: '10 kB of digits', s: '1'.repeat(10_000) },
    { name: '10 kB prerelease', s: `1.2.3-${'a.'.repeat(5_000)}a` },
    { name: '10 kB of hyphen ranges', s: '1 - 2 '.repeat(1_700) },
    { name: '10 kB of ||', s: '|'.repeat(10_000) },
    { name: '10 kB of spaces', s: ' '.repeat(10_000) },
    { name: '10 kB of non-ASCII', s: '😀'.repeat(5_000) },
    { name: '512-byte digit run with dashes', s: '1-'.repeat(256) },
    { name: '512-byte run of near-ranges', s: '1 -'.repeat(170) },
    { name: '512-byte run of dotted parts', s: '1.'.repeat(255) },
    { name: '512-byte dashed run ending in a range', s: `${'1-'.repeat(250)}1 - 2` },
  ];
  for (const c of long) {
    it(`handles ${c.name} quickly`, () => {
      const ms = cpuMs(() => {
        parseTagVersion(c.s);
        tryParse(c.s);
      }, 20);

      assert.ok(ms < 15, `${c.name}: ${ms.toFixed(2)} ms of CPU per parse`);
    });
  }
});

describe('properties', () => {
  const rnd = seededRandom(seed + 1);
  const versions: Version[] = [];
  while (versions.length < 400) {
    const v = parseTagVersion(generateNearbyTag(rnd)) ?? parseTagVersion(generateTag(rnd));
    if (v) versions.push(v);
  }

  it('compareVersions is a total preorder (antisymmetric, transitive)', () => {
    const sorted = [...versions].sort(compareVersions);
    for (let i = 0; i < versions.length; i++) {
      const a = versions[i] as Version;
      for (let j = 0; j < versions.length; j += 7) {
        const b = versions[j] as Version;
        assert.equal(compareVersions(a, b), -compareVersions(b, a) || 0);
      }
    }
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(compareVersions(sorted[i - 1] as Version, sorted[i] as Version) <= 0);
    }
  });

  it('formatting a tag version and parsing it back gives an equal version', () => {
    for (const v of versions) {
      const back = parseTagVersion(formatVersion(v));

      assert.ok(back, formatVersion(v));
      assert.equal(compareVersions(back, v), 0);
      assert.equal(back.metadata, v.metadata);
    }
  });

  it('A || B admits exactly what A or B admits; A - B equals >=A, <=B', () => {
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const a = generateRange(rnd);
      const b = generateRange(rnd);
      const ca = tryParse(a);
      const cb = tryParse(b);
      const cab = tryParse(`${a} || ${b}`);
      if (!ca || !cb || !cab) continue;
      for (const v of versions) {
        assert.equal(cab.check(v), ca.check(v) || cb.check(v), `${a} || ${b} on ${v.original}`);
        checked++;
      }
    }
    for (const [x, y] of [
      ['1.2', '2.x'],
      ['0', '1.0.0-rc.1'],
      ['v1.0.0', '3'],
    ] as const) {
      const hyphen = parseConstraint(`${x} - ${y}`);
      const explicit = parseConstraint(`>=${x}, <=${y}`);
      for (const v of versions) assert.equal(hyphen.check(v), explicit.check(v));
    }
    assert.ok(checked > 10_000, `checked ${checked} combinations`);
  });

  it('>=V admits exactly the release versions that compare >= V', () => {
    for (const bound of versions.filter((v) => v.prerelease === '').slice(0, 40)) {
      const c = parseConstraint(`>=${formatVersion(bound)}`);
      for (const v of versions) {
        const want = v.prerelease === '' && compareVersions(v, bound) >= 0;
        assert.equal(c.check(v), want, `${v.original} against >=${formatVersion(bound)}`);
      }
    }
  });
});

describe('linear time', () => {
  // Eight times the input must cost about eight times as much (a quadratic scan would be 64x).
  const shapes: [string, (n: number) => string][] = [
    ['digits', (n) => '1'.repeat(n)],
    ['prerelease', (n) => `1.2.3-${'a.'.repeat(n / 2)}a`],
    ['hyphen ranges', (n) => '1 - 2 '.repeat(n / 6)],
    ['spaces and commas', (n) => ', '.repeat(n / 2)],
  ];
  for (const [name, make] of shapes) {
    it(`${name}: 10 kB vs 80 kB`, () => {
      const small = make(10_000);
      const big = make(80_000);
      const smallMs = cpuMs(() => tryParse(small) ?? parseTagVersion(small), 50);
      const bigMs = cpuMs(() => tryParse(big) ?? parseTagVersion(big), 50);

      assert.ok(
        bigMs < smallMs * 24 + 1,
        `${name}: ${smallMs.toFixed(4)} → ${bigMs.toFixed(4)} ms`,
      );
    });
  }
});
