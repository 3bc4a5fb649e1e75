// Turns an EventDraft into the Event Flux's recorder would POST: object annotations under
// event.toolkit.fluxcd.io/ become metadata; trace drafts produce nothing to forward.
import type { EventDraft } from './emission.ts';
import { type Event, eventGroup, type ObjectReference, rfc3339 } from './event.ts';

/** EventContext is what the emitting runtime knows about the object and itself. */
export interface EventContext {
  object: ObjectReference;
  /** annotations of the object; only event.toolkit.fluxcd.io/ keys are kept. */
  annotations?: Readonly<Record<string, string>> | undefined;
  /** metadata the controller adds itself, keyed `<object group>/<key>` like Flux. */
  metadata?: Readonly<Record<string, string>> | undefined;
  nowMs: number;
  reportingController: string;
  reportingInstance?: string | undefined;
}

/** buildEvent returns the forwardable Event, or undefined for a trace draft. */
export function buildEvent(draft: EventDraft, ctx: EventContext): Event | undefined {
  if (draft.severity === 'trace') return undefined;
  const metadata: Record<string, string> = { ...(ctx.metadata ?? {}) };
  for (const [k, v] of Object.entries(ctx.annotations ?? {})) {
    if (k.startsWith(`${eventGroup}/`)) metadata[k] = v;
  }
  const event: Event = {
    involvedObject: { ...ctx.object },
    severity: draft.severity,
    timestamp: rfc3339(ctx.nowMs),
    message: draft.message,
    reason: draft.reason,
    reportingController: ctx.reportingController,
  };
  if (Object.keys(metadata).length > 0) event.metadata = metadata;
  if (ctx.reportingInstance) event.reportingInstance = ctx.reportingInstance;
  return event;
}
