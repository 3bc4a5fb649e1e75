// Differential test: src/core/semver against the real Masterminds/semver v3.5.0 and
// fluxcd/pkg/version v0.16.0 (test/go/semver), on generated tags and ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goBinary } from '../../../test/support/go.ts';
import { askGo, seededRandom } from '../../../test/support/go-lines.ts';
import { parseConstraint } from './constraint.ts';
import {
  generateNearbyTag,
  generateNoise,
  generatePrereleaseSuffix,
  generateRange,
  generateTag,
  type Rnd,
} from './testdata/generators.ts';
import { CHECKS, RANGE_ERRORS, SELECTIONS, TAGS } from './testdata/vectors.ts';
import { compareVersions, parseTagVersion, type Version } from './version.ts';

type Request = Record<string, unknown>;
type Answer = Record<string, unknown>;

const seed = Number(process.env.TAGPILOT_SEMVER_SEED ?? 20261123);

function describeVersion(v: Version | undefined): Answer | null {
  if (v === undefined) return null;
  return {
    major: String(v.major),
    minor: String(v.minor),
    patch: String(v.patch),
    pre: v.prerelease,
    meta: v.metadata,
    original: v.original,
  };
}

function tryConstraint(range: string): ReturnType<typeof parseConstraint> | string {
  try {
    return parseConstraint(range);
  } catch (err) {
    return err instanceof Error ? `${err.name}: ${err.message}` : 'untyped throw';
  }
}

// errorText turns a ConstraintError into the bare message Go prints (anything else stays
// visible, so an untyped throw shows up as a disagreement).
const errorText = (e: string): string =>
  e.startsWith('ConstraintError: ') ? e.slice('ConstraintError: '.length) : e;

// Each builder adds one request and computes tagpilot's answer for it.
const builders: Record<string, (rnd: Rnd) => [Request, Answer]> = {
  parseTag(rnd) {
    const tag = generateTag(rnd);
    return [{ op: 'parseTag', tag }, { version: describeVersion(parseTagVersion(tag)) }];
  },
  constraint(rnd) {
    const range = generateRange(rnd);
    const c = tryConstraint(range);
    return [{ op: 'constraint', range }, { error: typeof c === 'string' ? errorText(c) : null }];
  },
  check(rnd) {
    const range = generateRange(rnd);
    const tag = generateNearbyTag(rnd);
    const c = tryConstraint(range);
    if (typeof c === 'string') return [{ op: 'check', range, tag }, { error: errorText(c) }];
    const v = parseTagVersion(tag);
    const mine: Answer = v
      ? { error: null, candidate: true, result: c.check(v) }
      : { error: null, candidate: false };
    return [{ op: 'check', range, tag }, mine];
  },
  noiseTag(rnd) {
    const tag = generateNoise(rnd);
    return [{ op: 'parseTag', tag }, { version: describeVersion(parseTagVersion(tag)) }];
  },
  noiseRange(rnd) {
    const range = generateNoise(rnd);
    const c = tryConstraint(range);
    return [{ op: 'constraint', range }, { error: typeof c === 'string' ? errorText(c) : null }];
  },
  compare(rnd) {
    const r = rnd();
    // Often the same major.minor.patch, so that prerelease ordering decides.
    const samePatch = r < 0.5;
    const a = samePatch ? `1.2.3${generatePrereleaseSuffix(rnd)}` : generateNearbyTag(rnd);
    const b = samePatch
      ? `1.2.3${generatePrereleaseSuffix(rnd)}`
      : r < 0.6 && a.startsWith('v')
        ? a.slice(1)
        : generateNearbyTag(rnd);
    const va = parseTagVersion(a);
    const vb = parseTagVersion(b);
    return [{ op: 'compare', a, b }, { result: va && vb ? compareVersions(va, vb) : null }];
  },
  latest(rnd) {
    const range = generateRange(rnd);
    const tags = Array.from({ length: 1 + Math.floor(rnd() * 25) }, () => generateNearbyTag(rnd));
    const c = tryConstraint(range);
    if (typeof c === 'string') return [{ op: 'latest', range, tags }, { error: errorText(c) }];
    let best: Version | undefined;
    for (const t of tags) {
      const v = parseTagVersion(t);
      if (v && c.check(v) && (!best || compareVersions(v, best) > 0)) best = v;
    }
    return [
      { op: 'latest', range, tags },
      { error: null, tag: best ? best.original : null },
    ];
  },
};

const plan: [string, number][] = [
  ['parseTag', 4000],
  ['constraint', 4000],
  ['check', 8000],
  ['noiseTag', 2000],
  ['noiseRange', 4000],
  ['compare', 2500],
  ['latest', 1500],
];

describe('semver agrees with Masterminds/semver v3.5.0 + fluxcd/pkg/version', () => {
  it('on every generated case', async () => {
    const rnd = seededRandom(seed);
    const requests: Request[] = [];
    const mine: Answer[] = [];
    for (const [op, count] of plan) {
      const build = builders[op] as (rnd: Rnd) => [Request, Answer];
      for (let i = 0; i < count; i++) {
        const [req, ans] = build(rnd);
        requests.push(req);
        mine.push(ans);
      }
    }

    const theirs = await askGo<Request, Answer>(goBinary('semver'), requests);

    const disagreements: string[] = [];
    const seen: Record<string, number> = {};
    for (let i = 0; i < requests.length; i++) {
      const req = requests[i] as Request;
      seen[req.op as string] = (seen[req.op as string] ?? 0) + 1;
      try {
        assert.deepStrictEqual(mine[i], theirs[i]);
      } catch {
        disagreements.push(
          `${JSON.stringify(req)}\n  go:       ${JSON.stringify(theirs[i])}\n  tagpilot: ${JSON.stringify(mine[i])}`,
        );
      }
    }
    console.log(
      `semver differential: ${requests.length} cases (${JSON.stringify(seen)}), seed ${seed}, ` +
        `${disagreements.length} disagreements`,
    );
    assert.equal(
      disagreements.length,
      0,
      `disagreements with Go (first 15):\n${disagreements.slice(0, 15).join('\n')}`,
    );
  });

  it('on every hand-written vector of the unit tables', async () => {
    const requests: Request[] = [
      ...TAGS.map(({ tag }) => ({ op: 'parseTag', tag })),
      ...RANGE_ERRORS.map(([range]) => ({ op: 'constraint', range })),
      ...CHECKS.map(([range, tag]) => ({ op: 'check', range, tag })),
      ...SELECTIONS.map(([range, tags]) => ({ op: 'latest', range, tags })),
    ];
    const expected: Answer[] = [
      ...TAGS.map(({ want }) => ({
        version: want
          ? { major: want[0], minor: want[1], patch: want[2], pre: want[3], meta: want[4] }
          : null,
      })),
      ...RANGE_ERRORS.map(([, error]) => ({ error })),
      ...CHECKS.map(([, , result]) => ({ error: null, candidate: true, result })),
      ...SELECTIONS.map(([, , tag]) => ({ error: null, tag })),
    ];

    const theirs = await askGo<Request, Answer>(goBinary('semver'), requests);

    // The vectors' expectations are what Go answers (original is checked by the unit tests).
    for (const a of theirs) {
      const v = a.version as Record<string, unknown> | null | undefined;
      if (v) delete v.original;
    }
    assert.deepStrictEqual(theirs, expected);
    console.log(`semver vectors confirmed by Go: ${requests.length}`);
  });
});
