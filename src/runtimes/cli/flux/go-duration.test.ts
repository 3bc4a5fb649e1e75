import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { goBinary } from '../../../../test/support/go.ts';
import { askGo, seededRandom } from '../../../../test/support/go-lines.ts';
import { UsageError } from '../command.ts';
import { formatGoDuration, parseDurationFlag } from './go-duration.ts';

const fixed = [
  '0',
  '0s',
  '1m',
  '5m',
  '30s',
  '90s',
  '1h',
  '1h30m',
  '25h',
  '1.5s',
  '1.5h',
  '300ms',
  '1500ms',
  '999us',
  '1ns',
  '1001ns',
  '2h45m30.5s',
  '0.000000001s',
  '59m59.999999999s',
  '10m0s',
  '.5m',
];

function randomDuration(rand: () => number): string {
  const units = ['h', 'm', 's', 'ms', 'us', 'ns'];
  let out = '';
  const parts = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < parts; i++) {
    const whole = Math.floor(rand() * 5000);
    const frac = rand() < 0.3 ? `.${Math.floor(rand() * 1000)}` : '';
    out += `${whole}${frac}${units[Math.floor(rand() * units.length)]}`;
  }
  return out;
}

describe('formatGoDuration matches Go time.Duration.String()', () => {
  let bin = '';
  before(() => {
    bin = goBinary('flux-export');
  });
  it('for fixed and generated flag values', async () => {
    const rand = seededRandom(97);
    const inputs = [...fixed, ...Array.from({ length: 300 }, () => randomDuration(rand))];
    const answers = await askGo<{ duration: string }, { duration?: string; error?: string }>(
      bin,
      inputs.map((duration) => ({ duration })),
    );
    inputs.forEach((input, i) => {
      const go = answers[i];
      if (go?.error !== undefined) {
        assert.throws(() => parseDurationFlag('interval', input), UsageError, input);
        return;
      }
      assert.equal(formatGoDuration(parseDurationFlag('interval', input)), go?.duration, input);
    });
  });
});

describe('parseDurationFlag', () => {
  for (const bad of ['5 minutes', '-1m', 'm', '']) {
    it(`refuses ${JSON.stringify(bad)} naming the flag`, () => {
      assert.throws(() => parseDurationFlag('interval', bad), /for "--interval" flag/);
    });
  }
});
