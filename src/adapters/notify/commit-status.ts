// What every forge provider computes first: the commit to report on, its state and description.
import { type Event, eventRevision } from '../../core/events/event.ts';
import { commitHash, statusDescription } from './git-address.ts';
import { DeliveryError } from './notifier.ts';

/** CommitStatusInput is the commit, severity-derived state and description for one event. */
export interface CommitStatusInput {
  sha: string;
  severity: 'info' | 'error';
  progressing: boolean;
  description: string;
}

/** commitStatusInput reads the revision metadata; bad or missing input is not retryable. */
export function commitStatusInput(event: Event): CommitStatusInput {
  const rev = eventRevision(event);
  if (rev === undefined) throw new DeliveryError('missing revision metadata', false);
  const sha = commitHash(rev);
  if (sha === undefined)
    throw new DeliveryError(`failed to extract commit hash from '${rev}' revision`, false);
  if (event.severity !== 'info' && event.severity !== 'error') {
    throw new DeliveryError(`can't convert severity ${event.severity} to a commit state`, false);
  }
  return {
    sha,
    severity: event.severity,
    progressing: event.reason === 'Progressing',
    description: statusDescription(event),
  };
}

/**
 * listedStatuses reads a provider's list of commit statuses; a body that is not a JSON array
 * reads as no statuses (the new status is then posted).
 */
export function listedStatuses(body: string): Record<string, unknown>[] {
  try {
    const parsed: unknown = JSON.parse(body);
    return Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}
