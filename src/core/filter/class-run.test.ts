import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClass, parseClassRun, runEnd } from './class-run.ts';

describe('parseClass', () => {
  const cases: { text: string; inside: string; outside: string }[] = [
    { text: '\\d', inside: '09', outside: 'a-' },
    { text: '[a-fA-F0-9]', inside: 'afAF09', outside: 'gG-_' },
    { text: '[a-z_]', inside: 'az_', outside: 'A0-' },
  ];
  for (const c of cases) {
    it(c.text, () => {
      const cls = parseClass(c.text);
      assert.ok(cls);
      for (const ch of c.inside) assert.ok(cls(ch.charCodeAt(0)), ch);
      for (const ch of c.outside) assert.ok(!cls(ch.charCodeAt(0)), ch);
    });
  }
  for (const text of ['[^a]', '[a-]', '[\\d]', '[z-a]', '\\w', '[]', '.']) {
    it(`rejects ${text}`, () => assert.equal(parseClass(text), undefined));
  }
});

describe('parseClassRun / runEnd', () => {
  it('reads ^LIT CLASS+ LIT and finds the end', () => {
    const r = parseClassRun('^main-[a-f0-9]+-');
    assert.ok(r);
    assert.equal(runEnd(r, 'main-ab12-9'), 10);
    assert.equal(runEnd(r, 'main--9'), -1);
    assert.equal(runEnd(r, 'main-ab12'), -1);
  });

  it('refuses a suffix that could continue the run, or no suffix', () => {
    assert.equal(parseClassRun('^v\\d+1'), undefined);
    assert.equal(parseClassRun('^v\\d+'), undefined);
    assert.equal(parseClassRun('^v[a-z]+b'), undefined);
    assert.equal(parseClassRun('v\\d+-'), undefined);
  });
});
