// Which event a reconcile emits, decided from the Ready condition before and after, exactly as
// Flux's controllers do (reflector.md §5.4, automation.md §6.2). Trace events are for logs and
// Kubernetes Events only; alerts never see them.
import { eventGroup, metaKeys, type Severity } from './event.ts';

/** ReadyState is the part of a Ready condition the decision needs. */
export interface ReadyState {
  ready: boolean;
  reason: string;
  message: string;
}

/** readyFromConditions picks the Ready condition out of a status (undefined when absent). */
export function readyFromConditions(
  conditions:
    | readonly { type: string; status: string; reason: string; message: string }[]
    | undefined,
): ReadyState | undefined {
  const ready = conditions?.find((c) => c.type === 'Ready');
  if (ready === undefined) return undefined;
  return { ready: ready.status === 'True', reason: ready.reason, message: ready.message };
}

/** EventDraft is an event still missing its object, time and controller. */
export interface EventDraft {
  /** type is the Kubernetes event type (Trace is recorded as Normal there). */
  type: 'Normal' | 'Warning' | 'Trace';
  severity: Severity;
  reason: string;
  message: string;
}

/** PushedCommit describes a push, for the automation's summary message. */
export interface PushedCommit {
  commit: string;
  branch: string;
  refspecs?: readonly string[];
  message: string;
}

const succeeded = 'Succeeded';

/** pushSummary renders "pushed commit '<sha7>' to branch '<b>'[ and refspecs '<r>', …]\n<message>". */
export function pushSummary(push: PushedCommit): string {
  let out = `pushed commit '${push.commit.slice(0, 7)}' to branch '${push.branch}'`;
  if (push.refspecs !== undefined && push.refspecs.length > 0) {
    out += ` and refspecs '${push.refspecs.join("', '")}'`;
  }
  if (push.message !== '') out += `\n${push.message}`;
  return out;
}

/** pushMetadata names the pushed commit so forge providers (github, gitlab, gitea) can set its
 * status. Flux's automation controller sends no commit key, so there they drop the event. */
export function pushMetadata(push: PushedCommit): Record<string, string> {
  return { [`${eventGroup}/${metaKeys.commit}`]: push.commit };
}

/** reflectorEvent is the ImageRepository/ImagePolicy decision; nextMsg feeds the Trace case. */
export function reflectorEvent(
  old: ReadyState | undefined,
  now: ReadyState,
  nextMsg: string,
): EventDraft {
  const wasReady = old?.ready === true;
  if (wasReady && now.ready && old?.message !== now.message) return normal(now.reason, now.message);
  if (!wasReady && now.ready) return normal(now.reason, now.message);
  if (!now.ready) return warning(now.reason, now.message);
  return { type: 'Trace', severity: 'trace', reason: succeeded, message: nextMsg };
}

/** automationEvent is the ImageUpdateAutomation decision; syncNeeded=false means the run short-circuited. */
export function automationEvent(
  old: ReadyState | undefined,
  now: ReadyState,
  push: PushedCommit | undefined,
  syncNeeded: boolean,
): EventDraft {
  const wasReady = old?.ready === true;
  const message = push !== undefined ? pushSummary(push) : now.message;
  if (wasReady && now.ready && push !== undefined) return normal(now.reason, message);
  if (!wasReady && now.ready) return normal(now.reason, message);
  if (!now.ready) return warning(now.reason, now.message);
  return {
    type: 'Trace',
    severity: 'trace',
    reason: succeeded,
    message: syncNeeded ? message : 'no change since last reconciliation',
  };
}

function normal(reason: string, message: string): EventDraft {
  return { type: 'Normal', severity: 'info', reason, message };
}

function warning(reason: string, message: string): EventDraft {
  return { type: 'Warning', severity: 'error', reason, message };
}
