// Shared events and configs for this module's tests (not a test file itself).
import type { Event } from '../../core/events/event.ts';
import type { ProviderConfig } from './notifier.ts';

/** policyEvent is an info event for a new latest image, after Alert metadata was merged. */
export const policyEvent: Event = {
  involvedObject: {
    kind: 'ImagePolicy',
    namespace: 'flux-system',
    name: 'podinfo',
    apiVersion: 'image.toolkit.fluxcd.io/v1',
  },
  severity: 'info',
  timestamp: '2026-11-23T10:11:12Z',
  message:
    'Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.7.1 (previously ghcr.io/stefanprodan/podinfo:6.7.0)',
  reason: 'Succeeded',
  metadata: { summary: 'Production cluster', env: 'prod' },
  reportingController: 'image-reflector-controller',
  reportingInstance: 'tagpilot-7f9c',
};

/** failureEvent is an error with characters Go escapes in JSON. */
export const failureEvent: Event = {
  involvedObject: {
    kind: 'ImageUpdateAutomation',
    namespace: 'apps',
    name: 'podinfo',
    apiVersion: 'image.toolkit.fluxcd.io/v1',
  },
  severity: 'error',
  timestamp: '2026-11-23T10:12:00Z',
  message:
    'failed to checkout source: unable to clone \'ssh://git@example.com/<org>/repo\': auth & "key" rejected',
  reason: 'GitOperationFailed',
  reportingController: 'image-automation-controller',
};

/** pushEvent is the automation's push summary carrying the commit for forge providers. */
export const pushEvent: Event = {
  involvedObject: {
    kind: 'ImageUpdateAutomation',
    namespace: 'flux-system',
    name: 'podinfo',
    apiVersion: 'image.toolkit.fluxcd.io/v1',
  },
  severity: 'info',
  timestamp: '2026-11-23T10:13:14Z',
  message: "pushed commit '5394cb7' to branch 'main'\nUpdate podinfo to 6.7.1",
  reason: 'Succeeded',
  metadata: { commit: '5394cb7f48332b2de7c17dd8b8384bbc84b7e738' },
  reportingController: 'image-automation-controller',
};

/** config builds a ProviderConfig with defaults. */
export function config(
  type: ProviderConfig['type'],
  address: string,
  extra: Partial<ProviderConfig> = {},
): ProviderConfig {
  return {
    key: `flux-system/${type}`,
    type,
    address,
    channel: '',
    username: '',
    password: '',
    token: '',
    headers: {},
    proxy: '',
    timeoutMs: 5000,
    ...extra,
  };
}
