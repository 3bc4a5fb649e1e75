import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert, AlertSpec, EventSource } from '../../api/notification/types.ts';
import type { Event } from './event.ts';
import { compileAlert, matchAlerts } from './match.ts';

function alert(spec: Partial<AlertSpec>, namespace = 'flux-system'): Alert {
  return {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    kind: 'Alert',
    metadata: { name: 'a', namespace, labels: {}, annotations: {}, uid: '' },
    spec: {
      providerRef: { name: 'p' },
      eventSeverity: 'info',
      eventSources: [],
      inclusionList: [],
      exclusionList: [],
      eventMetadata: {},
      summary: '',
      suspend: false,
      ...spec,
    },
  };
}

const src = (
  kind: string,
  name: string,
  namespace = 'flux-system',
  matchLabels?: Record<string, string>,
): EventSource => ({
  kind,
  name,
  namespace,
  ...(matchLabels ? { matchLabels } : {}),
});

function event(
  kind: string,
  name: string,
  severity: 'info' | 'error' = 'info',
  message = 'msg',
  namespace = 'flux-system',
): Event {
  return {
    involvedObject: { kind, namespace, name, apiVersion: 'image.toolkit.fluxcd.io/v1' },
    severity,
    timestamp: '2026-11-23T10:00:00Z',
    message,
    reason: 'Succeeded',
    reportingController: 'c',
  };
}

const cases: {
  name: string;
  alert: Alert;
  event: Event;
  labels?: Record<string, string>;
  want: boolean;
  problem?: string;
}[] = [
  {
    name: 'kind and name',
    alert: alert({ eventSources: [src('ImagePolicy', 'podinfo')] }),
    event: event('ImagePolicy', 'podinfo'),
    want: true,
  },
  {
    name: 'other name',
    alert: alert({ eventSources: [src('ImagePolicy', 'podinfo')] }),
    event: event('ImagePolicy', 'other'),
    want: false,
  },
  {
    name: 'wildcard name',
    alert: alert({ eventSources: [src('ImageUpdateAutomation', '*')] }),
    event: event('ImageUpdateAutomation', 'x'),
    want: true,
  },
  {
    name: 'other kind',
    alert: alert({ eventSources: [src('ImageRepository', '*')] }),
    event: event('ImagePolicy', 'x'),
    want: false,
  },
  {
    name: 'other namespace',
    alert: alert({ eventSources: [src('ImagePolicy', '*')] }),
    event: event('ImagePolicy', 'x', 'info', 'm', 'apps'),
    want: false,
  },
  {
    name: 'explicit other namespace',
    alert: alert({ eventSources: [src('ImagePolicy', '*', 'apps')] }),
    event: event('ImagePolicy', 'x', 'info', 'm', 'apps'),
    want: true,
  },
  {
    name: 'severity error filters info',
    alert: alert({ eventSeverity: 'error', eventSources: [src('ImagePolicy', '*')] }),
    event: event('ImagePolicy', 'x'),
    want: false,
  },
  {
    name: 'severity error keeps errors',
    alert: alert({ eventSeverity: 'error', eventSources: [src('ImagePolicy', '*')] }),
    event: event('ImagePolicy', 'x', 'error'),
    want: true,
  },
  {
    name: 'severity info keeps errors',
    alert: alert({ eventSources: [src('ImagePolicy', '*')] }),
    event: event('ImagePolicy', 'x', 'error'),
    want: true,
  },
  {
    name: 'suspended',
    alert: alert({ suspend: true, eventSources: [src('ImagePolicy', '*')] }),
    event: event('ImagePolicy', 'x'),
    want: false,
  },
  {
    name: 'second source matches',
    alert: alert({ eventSources: [src('ImageRepository', '*'), src('ImagePolicy', 'x')] }),
    event: event('ImagePolicy', 'x'),
    want: true,
  },
  {
    name: 'matchLabels match',
    alert: alert({ eventSources: [src('ImagePolicy', '*', 'flux-system', { team: 'a' })] }),
    event: event('ImagePolicy', 'x'),
    labels: { team: 'a', other: 'b' },
    want: true,
  },
  {
    name: 'matchLabels differ',
    alert: alert({ eventSources: [src('ImagePolicy', '*', 'flux-system', { team: 'a' })] }),
    event: event('ImagePolicy', 'x'),
    labels: { team: 'b' },
    want: false,
  },
  {
    name: 'matchLabels, object unknown',
    alert: alert({ eventSources: [src('ImagePolicy', '*', 'flux-system', { team: 'a' })] }),
    event: event('ImagePolicy', 'x'),
    want: false,
    problem: 'SourceFetchFailed',
  },
  {
    name: 'inclusion hit',
    alert: alert({
      eventSources: [src('ImagePolicy', '*')],
      inclusionList: ['^Latest image tag .* resolved to 6\\.'],
    }),
    event: event('ImagePolicy', 'x', 'info', 'Latest image tag for a resolved to 6.7.1'),
    want: true,
  },
  {
    name: 'inclusion miss',
    alert: alert({ eventSources: [src('ImagePolicy', '*')], inclusionList: ['^pushed'] }),
    event: event('ImagePolicy', 'x', 'info', 'Latest image'),
    want: false,
  },
  {
    name: 'exclusion hit',
    alert: alert({ eventSources: [src('ImagePolicy', '*')], exclusionList: ['no tags'] }),
    event: event('ImagePolicy', 'x', 'error', 'no tags in database'),
    want: false,
  },
  {
    name: 'exclusion unanchored like Go',
    alert: alert({ eventSources: [src('ImagePolicy', '*')], exclusionList: ['tags'] }),
    event: event('ImagePolicy', 'x', 'error', 'found 3 tags here'),
    want: false,
  },
  {
    name: 'bad inclusion regex never matches',
    alert: alert({ eventSources: [src('ImagePolicy', '*')], inclusionList: ['(unclosed'] }),
    event: event('ImagePolicy', 'x'),
    want: false,
    problem: 'InvalidConfig',
  },
  {
    name: 'bad exclusion regex is ignored',
    alert: alert({ eventSources: [src('ImagePolicy', '*')], exclusionList: ['(?<!x)'] }),
    event: event('ImagePolicy', 'x'),
    want: true,
    problem: 'InvalidConfig',
  },
];

describe('matchAlerts', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { matched, problems } = matchAlerts([compileAlert(c.alert)], c.event, () => c.labels);
      assert.equal(matched.length === 1, c.want);
      assert.equal(problems[0]?.reason, c.problem);
    });
  }
});
