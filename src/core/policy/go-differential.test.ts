// Differential test: tagpilot's policy engine against Go (strconv.ParseFloat, regexp,
// Regexp.ExpandString, and Flux's selection built on Masterminds semver + fluxcd/pkg/version).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goBinary } from '../../../test/support/go.ts';
import { askGo, seededRandom } from '../../../test/support/go-lines.ts';
import { expandTemplate } from '../filter/expand.ts';
import { compileGoRegex } from '../filter/regex.ts';
import { parseGoFloat } from '../go/parse-float.ts';
import { compilePolicy } from './compile.ts';
import { selectLatest } from './select.ts';
import {
  generateFloat,
  generatePattern,
  generateSelectCase,
  generateShapedCase,
  generateTag,
  generateTemplate,
} from './testdata/generators.ts';
import type { PolicyChoice } from './types.ts';

interface GoAnswer {
  ok: boolean;
  err?: string;
  bits?: string;
  match?: boolean;
  expanded?: string;
  tag?: string;
}

const seed = Number(process.env.TAGPILOT_DIFF_SEED ?? 20261123);
const rnd = seededRandom(seed);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

function floatBits(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
}

describe('policy engine agrees with Go', () => {
  it('on ≥ 10,000 generated cases', async () => {
    const requests: Record<string, unknown>[] = [];
    const mine: GoAnswer[] = [];

    for (let i = 0; i < 4000; i++) {
      const s = generateFloat(rnd);
      requests.push({ op: 'float', s });
      const v = parseGoFloat(s);
      mine.push(
        v === undefined
          ? { ok: false }
          : { ok: true, bits: Number.isNaN(v) ? 'nan' : floatBits(v) },
      );
    }
    for (let i = 0; i < 4500; i++) {
      // The last 1,000 aim at the shapes with fast paths (digit runs, trailing `.*` captures).
      const shaped = i >= 3500 ? generateShapedCase(rnd) : undefined;
      const pattern = shaped?.pattern ?? generatePattern(rnd);
      const tag = shaped?.tag ?? generateTag(rnd);
      const extract = shaped ? pick(['$1', '$n', '${1}x', '$0']) : generateTemplate(rnd);
      requests.push({ op: 'regex', pattern, tag, extract });
      try {
        const re = compileGoRegex(pattern);
        const m = re.findSubmatchIndex(tag);
        mine.push(
          m
            ? { ok: true, match: true, expanded: expandTemplate(extract, tag, m, re.subexpNames) }
            : { ok: true },
        );
      } catch (err) {
        mine.push({ ok: false, err: (err as Error).message });
      }
    }
    for (let i = 0; i < 3500; i++) {
      const c = generateSelectCase(rnd);
      requests.push({ op: 'select', ...c });
      const choice: PolicyChoice =
        c.policy === 'semver'
          ? { kind: 'semver', range: c.arg }
          : { kind: c.policy, order: c.arg === 'desc' ? 'desc' : 'asc' };
      try {
        const policy = compilePolicy(
          choice,
          c.filter ? { pattern: c.pattern, extract: c.extract } : undefined,
        );
        mine.push({ ok: true, tag: selectLatest(policy, c.tags).tag });
      } catch (err) {
        mine.push({ ok: false, err: (err as Error).message });
      }
    }

    const answers = await askGo<Record<string, unknown>, GoAnswer>(goBinary('policy'), requests);
    const mismatches: string[] = [];
    const counts: Record<string, number> = {};
    answers.forEach((go, i) => {
      const req = requests[i] as Record<string, unknown>;
      const op = req.op as string;
      counts[op] = (counts[op] ?? 0) + 1;
      const me = mine[i] as GoAnswer;
      const goBits = go.bits === '7ff8000000000001' ? 'nan' : go.bits;
      const same =
        op === 'float'
          ? me.ok === go.ok && (!me.ok || me.bits === goBits)
          : me.ok === go.ok &&
            (me.ok
              ? me.match === go.match && me.expanded === go.expanded && me.tag === go.tag
              : me.err === go.err);
      if (!same)
        mismatches.push(
          `${JSON.stringify(req)}\n   go: ${JSON.stringify(go)}\n   ts: ${JSON.stringify(me)}`,
        );
    });
    console.log(
      `go differential (policy): ${requests.length} cases (${JSON.stringify(counts)}), seed ${seed}, ${mismatches.length} mismatches`,
    );

    assert.ok(requests.length >= 10_000);
    assert.deepEqual(mismatches.slice(0, 12), []);
  });
});
