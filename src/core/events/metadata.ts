// Event metadata the way notification-controller prepares it before a provider sees it:
// cleanup keeps only group-prefixed keys, then the Alert's metadata is merged in (RFC 0008 order).
import type { AlertSpec } from '../../api/notification/types.ts';
import { apiGroupOf, type Event, eventGroup, metaKeys } from './event.ts';

/** cleanupMetadata keeps keys prefixed by the event group or the object's group, minus checksum/digest. */
export function cleanupMetadata(event: Event): Event {
  const objectPrefix = `${apiGroupOf(event.involvedObject.apiVersion)}/`;
  const excluded = [`${objectPrefix}${metaKeys.checksum}`, `${objectPrefix}${metaKeys.digest}`].map(
    (k) => k.toLowerCase(),
  );
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.metadata ?? {})) {
    if (excluded.includes(k.toLowerCase())) continue;
    if (k.startsWith(`${eventGroup}/`) || k.startsWith(objectPrefix)) kept[k] = v;
  }
  return { ...event, metadata: kept };
}

/** excludeInternalMetadata drops the token key: it only feeds deduplication, never a provider. */
export function excludeInternalMetadata(event: Event): Event {
  const tokenKey = `${apiGroupOf(event.involvedObject.apiVersion)}/${metaKeys.token}`;
  if (event.metadata === undefined || !(tokenKey in event.metadata)) return event;
  const { [tokenKey]: _dropped, ...rest } = event.metadata;
  return { ...event, metadata: rest };
}

/** MetadataConflict is a key set by more than one source (Flux warns, the later source wins). */
export interface MetadataConflict {
  key: string;
  sources: string[];
}

/** combineEventMetadata merges event and Alert metadata in Flux's precedence; returns conflicts too. */
export function combineEventMetadata(
  event: Event,
  alert: Pick<AlertSpec, 'eventMetadata' | 'summary'>,
): { event: Event; conflicts: MetadataConflict[] } {
  const metadata: Record<string, string> = {};
  const sources = new Map<string, string[]>();
  const put = (key: string, value: string, source: string): void => {
    metadata[key] = value;
    sources.set(key, [...(sources.get(key) ?? []), source]);
  };
  const eventPrefix = `${eventGroup}/`;
  const objectPrefix = `${apiGroupOf(event.involvedObject.apiVersion)}/`;
  const original = Object.entries(event.metadata ?? {});
  for (const [k, v] of original) {
    if (k.startsWith(eventPrefix))
      put(k.slice(eventPrefix.length), v, 'involved object annotations');
  }
  for (const [k, v] of Object.entries(alert.eventMetadata))
    put(k, v, 'Alert object .spec.eventMetadata');
  if (alert.summary !== '') put('summary', alert.summary, 'Alert object .spec.summary');
  for (const [k, v] of original) {
    if (k.startsWith(objectPrefix))
      put(k.slice(objectPrefix.length), v, 'involved object controller metadata');
  }
  const conflicts = [...sources.entries()]
    .filter(([, s]) => s.length > 1)
    .map(([key, s]) => ({ key, sources: s }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const out = Object.keys(metadata).length > 0 ? { ...event, metadata } : { ...event };
  return { event: out, conflicts };
}
