import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { goBinary } from '../../test/support/go.ts';
import { DURATION_PATTERN, parseGoDuration, TIMEOUT_PATTERN, toDuration } from './duration.ts';

describe('parseGoDuration', () => {
  const cases = [
    { in: '0', ns: 0n },
    { in: '1m0s', ns: 60_000_000_000n },
    { in: '1h30m', ns: 5_400_000_000_000n },
    { in: '1.5h', ns: 5_400_000_000_000n },
    { in: '0.5ms', ns: 500_000n },
    { in: '.5s', ns: 500_000_000n },
    { in: '1.s', ns: 1_000_000_000n },
    { in: '2562047h47m16.854775807s', ns: 9_223_372_036_854_775_807n },
    { in: '2562047h47m16.854775808s', ns: undefined },
    { in: '9999999999h', ns: undefined },
    { in: '1d', ns: undefined },
    { in: '', ns: undefined },
    { in: '5', ns: undefined },
    { in: '.s', ns: undefined },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.in)} → ${c.ns ?? 'invalid'}`, () =>
      assert.equal(parseGoDuration(c.in), c.ns));
  }

  it('toDuration gives milliseconds', () => {
    assert.deepEqual(toDuration('1m30s'), { text: '1m30s', ms: 90_000 });
    assert.equal(toDuration('99999999999h'), undefined);
  });

  it('the CRD patterns accept and reject what Flux does', () => {
    const interval = new RegExp(DURATION_PATTERN);
    const timeout = new RegExp(TIMEOUT_PATTERN);
    assert.ok(interval.test('1h0m0s') && interval.test('500ms') && interval.test('1.5m'));
    assert.ok(
      !interval.test('1d') && !interval.test('-1m') && !interval.test('0') && !interval.test('1us'),
    );
    assert.ok(timeout.test('90s') && !timeout.test('1h'));
  });
});

describe('parseGoDuration agrees with Go time.ParseDuration', () => {
  it('on 6,000 generated durations', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const units = ['ns', 'us', 'µs', 'ms', 's', 'm', 'h', 'd', ''];
    const digits = (max: number) =>
      Array.from({ length: 1 + Math.floor(rand() * max) }, () => Math.floor(rand() * 10)).join('');
    const inputs: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const parts = 1 + Math.floor(rand() * 3);
      let s = '';
      for (let p = 0; p < parts; p++) {
        s += digits(rand() < 0.1 ? 21 : 4);
        if (rand() < 0.3) s += `.${rand() < 0.1 ? '' : digits(rand() < 0.1 ? 25 : 3)}`;
        s += units[Math.floor(rand() * units.length)];
      }
      inputs.push(s);
    }
    const out = execFileSync(goBinary('duration'), [], {
      input: `${inputs.map((s) => JSON.stringify(s)).join('\n')}\n`,
    })
      .toString('utf8')
      .trimEnd()
      .split('\n');
    assert.equal(out.length, inputs.length);
    let valid = 0;
    const mismatches: string[] = [];
    inputs.forEach((s, i) => {
      const want = JSON.parse(out[i] ?? '{}') as { ok: boolean; ns?: string };
      const got = parseGoDuration(s);
      if (want.ok) valid++;
      const same = want.ok ? got === BigInt(want.ns ?? 'x') : got === undefined;
      if (!same) mismatches.push(`${JSON.stringify(s)}: go=${out[i]} ts=${got}`);
    });
    console.log(`duration differential: ${inputs.length} cases, ${valid} valid in Go`);
    assert.deepEqual(mismatches.slice(0, 10), []);
    assert.ok(valid > 1000, `too few valid cases: ${valid}`);
  });
});
