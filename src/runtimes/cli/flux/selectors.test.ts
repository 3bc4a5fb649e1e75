import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DaemonObject } from '../daemon-client.ts';
import { matchesStatus, parseLabelSelector, parseStatusSelector } from './selectors.ts';

const labels = { team: 'web', tier: 'front' };
const labelCases = [
  { sel: 'team=web', want: true },
  { sel: 'team==web', want: true },
  { sel: 'team!=web', want: false },
  { sel: 'team!=api', want: true },
  { sel: 'missing!=x', want: true },
  { sel: 'team=web,tier=back', want: false },
  { sel: 'tier in (front, back)', want: true },
  { sel: 'tier notin (front,back)', want: false },
  { sel: 'missing notin (a)', want: true },
  { sel: 'team', want: true },
  { sel: '!team', want: false },
  { sel: '!missing, team in (web)', want: true },
];

describe('parseLabelSelector', () => {
  for (const c of labelCases) {
    it(`${c.sel} → ${c.want}`, () => {
      assert.equal(parseLabelSelector(c.sel)(labels), c.want);
    });
  }
  for (const bad of ['', 'a=b=c', 'x in y', '=v', 'a,,b']) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseLabelSelector(bad), /unable to parse label selector/);
    });
  }
});

const obj = (
  conditions?: { type: string; status: 'True' | 'False' | 'Unknown' }[],
): DaemonObject => ({
  apiVersion: 'image.toolkit.fluxcd.io/v1',
  kind: 'ImagePolicy',
  metadata: { name: 'p', namespace: 'ns' },
  spec: {},
  ...(conditions ? { status: { conditions } } : {}),
});

describe('status selector', () => {
  const cases = [
    { sel: 'Ready=True', o: obj([{ type: 'Ready', status: 'True' }]), want: true },
    { sel: 'ready=true', o: obj([{ type: 'Ready', status: 'True' }]), want: true },
    { sel: 'Ready=False', o: obj([{ type: 'Ready', status: 'True' }]), want: false },
    { sel: 'Ready!=True', o: obj([{ type: 'Ready', status: 'False' }]), want: true },
    { sel: 'Ready!=True', o: obj(), want: true },
    { sel: 'Ready=False', o: obj(), want: false },
    { sel: 'Stalled=True', o: obj([{ type: 'Stalled', status: 'True' }]), want: true },
  ];
  for (const c of cases) {
    it(`${c.sel} on ${JSON.stringify(c.o.status?.conditions ?? 'no conditions')} → ${c.want}`, () => {
      assert.equal(matchesStatus(c.o, parseStatusSelector(c.sel)), c.want);
    });
  }
  for (const bad of ['Ready', 'Ready=', '=True', 'a=b=c']) {
    it(`rejects ${bad}`, () => {
      assert.throws(
        () => parseStatusSelector(bad),
        /expected status selector in type=status or type!=status format/,
      );
    });
  }
});
