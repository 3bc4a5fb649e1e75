// Provider and Alert as tagpilot holds them after validation: Flux's notification.toolkit.fluxcd.io
// fields with defaults applied, so the router never re-checks a manifest.

/** notificationGroup is the API group of Flux's notification-controller objects. */
export const notificationGroup = 'notification.toolkit.fluxcd.io';

/** notificationVersions are the versions tagpilot reads (v1beta2 and v1beta1 for older setups). */
export const notificationVersions = ['v1beta3', 'v1beta2', 'v1beta1'] as const;

/** NotificationVersion is one of the versions tagpilot reads. */
export type NotificationVersion = (typeof notificationVersions)[number];

/** fluxProviderTypes is Flux's full `spec.type` enum: a manifest naming any of them is valid. */
export const fluxProviderTypes = [
  'slack',
  'discord',
  'msteams',
  'rocket',
  'generic',
  'generic-hmac',
  'github',
  'gitlab',
  'gitea',
  'giteapullrequestcomment',
  'bitbucketserver',
  'bitbucket',
  'azuredevops',
  'googlechat',
  'googlepubsub',
  'webex',
  'sentry',
  'azureeventhub',
  'telegram',
  'lark',
  'matrix',
  'opsgenie',
  'alertmanager',
  'grafana',
  'githubdispatch',
  'githubpullrequestcomment',
  'gitlabmergerequestcomment',
  'pagerduty',
  'datadog',
  'nats',
  'zulip',
  'otel',
  'zoom',
  'incident.io',
] as const;

/** ProviderType is any provider type Flux's CRD accepts. */
export type ProviderType = (typeof fluxProviderTypes)[number];

/** supportedProviderTypes are the types tagpilot can deliver to; others load but report an error. */
export const supportedProviderTypes = [
  'discord',
  'slack',
  'msteams',
  'googlechat',
  'generic',
  'generic-hmac',
  'github',
  'gitlab',
  'gitea',
  'alertmanager',
] as const satisfies readonly ProviderType[];

/** SupportedProviderType is a provider type tagpilot implements. */
export type SupportedProviderType = (typeof supportedProviderTypes)[number];

/** commitStatusProviderTypes are the Git forges whose providers set commit statuses. */
export const commitStatusProviderTypes = [
  'github',
  'gitlab',
  'gitea',
  'bitbucketserver',
  'bitbucket',
  'azuredevops',
] as const satisfies readonly ProviderType[];

/** eventSourceKinds is Flux's enum for `spec.eventSources[].kind`. */
export const eventSourceKinds = [
  'Bucket',
  'GitRepository',
  'Kustomization',
  'HelmRelease',
  'HelmChart',
  'HelmRepository',
  'ImageRepository',
  'ImagePolicy',
  'ImageUpdateAutomation',
  'OCIRepository',
  'ArtifactGenerator',
  'ExternalArtifact',
] as const;

/** ObjectMeta is the part of metadata the notification objects use. */
export interface ObjectMeta {
  name: string;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  /** uid feeds the default commit status id; daemon-mode objects have none. */
  uid: string;
}

/** LocalObjectReference names an object in the referrer's namespace. */
export interface LocalObjectReference {
  name: string;
}

/** EventSource selects involved objects by kind, name (or `*`), namespace and labels. */
export interface EventSource {
  kind: string;
  name: string;
  /** namespace is the Alert's own namespace when the manifest leaves it out. */
  namespace: string;
  apiVersion?: string;
  /** matchLabels is only honoured with name `*` (Flux requires it). */
  matchLabels?: Readonly<Record<string, string>>;
}

/** AlertSpec is a validated `spec` of an Alert. */
export interface AlertSpec {
  providerRef: LocalObjectReference;
  /** eventSeverity `info` forwards info and error events; `error` only errors. */
  eventSeverity: 'info' | 'error';
  eventSources: readonly EventSource[];
  inclusionList: readonly string[];
  exclusionList: readonly string[];
  eventMetadata: Readonly<Record<string, string>>;
  /** summary is deprecated in v1beta3 in favour of eventMetadata.summary, but still applied. */
  summary: string;
  suspend: boolean;
}

/** Alert is a validated notification.toolkit.fluxcd.io Alert. */
export interface Alert {
  apiVersion: string;
  kind: 'Alert';
  metadata: ObjectMeta;
  spec: AlertSpec;
}

/** ProviderSpec is a validated `spec` of a Provider. */
export interface ProviderSpec {
  type: ProviderType;
  channel: string;
  username: string;
  /** address may be empty: the Secret's `address` key can supply it. */
  address: string;
  /** timeoutMs defaults to Flux's 15 s. */
  timeoutMs: number;
  /** proxy is the deprecated inline proxy URL; proxySecretRef is preferred. */
  proxy: string;
  secretRef?: LocalObjectReference;
  certSecretRef?: LocalObjectReference;
  proxySecretRef?: LocalObjectReference;
  commitStatusExpr: string;
  suspend: boolean;
}

/** Provider is a validated notification.toolkit.fluxcd.io Provider. */
export interface Provider {
  apiVersion: string;
  kind: 'Provider';
  metadata: ObjectMeta;
  spec: ProviderSpec;
}

/** objectKey is the `namespace/name` key of a notification object. */
export function objectKey(meta: { namespace: string; name: string }): string {
  return `${meta.namespace}/${meta.name}`;
}
