// Which events a Provider takes: Flux's getNotificationParams skips commit-status updates for
// chat providers and drops, for forge providers, events that carry no commit to report on.
import { commitStatusProviderTypes, type ProviderType } from '../../api/notification/types.ts';
import { apiGroupOf, type Event, eventGroup, metaKeys } from './event.ts';

/** ProviderDecision says whether a provider gets the event and, if not, why. */
export type ProviderDecision = 'send' | 'skip-commit-status-update' | 'drop-missing-commit';

/** isCommitStatusProvider reports whether the type sets commit statuses on a Git forge. */
export function isCommitStatusProvider(type: string): boolean {
  return (commitStatusProviderTypes as readonly string[]).includes(type);
}

/** providerDecision applies Flux's rules; event is after cleanup, before metadata combining. */
export function providerDecision(type: ProviderType, event: Event): ProviderDecision {
  const generic = type === 'generic' || type === 'generic-hmac';
  const forge = isCommitStatusProvider(type);
  const group = apiGroupOf(event.involvedObject.apiVersion);
  const m = event.metadata ?? {};
  const statusUpdate = m[`${group}/${metaKeys.commitStatus}`] === metaKeys.commitStatusUpdate;
  if (!forge && !generic && statusUpdate) return 'skip-commit-status-update';
  const hasCommit = (m[`${eventGroup}/${metaKeys.commit}`] ?? '') !== '';
  if (forge && !hasCommit && !statusUpdate && event.severity !== 'error')
    return 'drop-missing-commit';
  return 'send';
}

/** defaultCommitStatus is Flux's id: `<kind>/<name>/<first UID segment>`, lower-cased. */
export function defaultCommitStatus(providerUID: string, event: Event): string {
  const uidPart = providerUID.split('-')[0] ?? '';
  return `${event.involvedObject.kind}/${event.involvedObject.name}/${uidPart}`.toLowerCase();
}
