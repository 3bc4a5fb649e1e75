// The event model, shaped like Flux's eventv1.Event (fluxcd/pkg apis/event/v1beta1) so the JSON a
// generic webhook receives is the JSON Flux's notification-controller would forward.

/** eventGroup is Flux's Event API group; annotations with this prefix become event metadata. */
export const eventGroup = 'event.toolkit.fluxcd.io';

/** metaKeys are Flux's well-known metadata keys (prefixed by a group when sent). */
export const metaKeys = {
  revision: 'revision',
  originRevision: 'originRevision',
  checksum: 'checksum',
  digest: 'digest',
  token: 'token',
  commit: 'commit',
  commitStatus: 'commit_status',
  commitStatusUpdate: 'update',
} as const;

/** Severity is Flux's event severity; `trace` is never forwarded to alerts. */
export type Severity = 'trace' | 'info' | 'error';

/** ObjectReference is the involved object, in corev1.ObjectReference field order. */
export interface ObjectReference {
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** Event is one report about one object, as Flux controllers POST it. */
export interface Event {
  involvedObject: ObjectReference;
  severity: Severity;
  /** timestamp is RFC 3339 in UTC with second precision, like metav1.Time. */
  timestamp: string;
  message: string;
  reason: string;
  metadata?: Record<string, string>;
  reportingController: string;
  reportingInstance?: string;
}

/** rfc3339 formats epoch milliseconds the way metav1.Time marshals: UTC, whole seconds. */
export function rfc3339(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** apiGroupOf returns the group of an apiVersion (`image.toolkit.fluxcd.io/v1` → `image.toolkit.fluxcd.io`). */
export function apiGroupOf(apiVersion: string | undefined): string {
  if (apiVersion === undefined) return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** involvedObjectString is Flux's `Kind/namespace/name` rendering used in messages. */
export function involvedObjectString(o: ObjectReference): string {
  return `${o.kind}/${o.namespace}/${o.name}`;
}

/** eventRevision is Flux's GetRevision: commit, then originRevision, then revision metadata. */
export function eventRevision(event: Event): string | undefined {
  const m = event.metadata ?? {};
  return m[metaKeys.commit] ?? m[metaKeys.originRevision] ?? m[metaKeys.revision];
}
