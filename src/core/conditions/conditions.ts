// Flux's condition bookkeeping (k8s.md §2.1–2.2) as a pure function of the previous conditions
// and how a reconcile ended, so every runtime writes the same status the flux CLI understands.

/** ConditionType is one of the three conditions Flux's image controllers own. */
export type ConditionType = 'Ready' | 'Reconciling' | 'Stalled';

/** Condition is a metav1.Condition. */
export interface Condition {
  readonly type: ConditionType;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly observedGeneration: number;
  /** lastTransitionTime is RFC 3339 UTC with second precision. */
  readonly lastTransitionTime: string;
}

/** Ending is how a reconcile concluded. */
export type Ending =
  | { readonly kind: 'ready'; readonly message: string }
  | { readonly kind: 'stalled'; readonly reason: string; readonly message: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly message: string };

const maxMessage = 32_768;
const order: Record<ConditionType, number> = { Stalled: 0, Reconciling: 1, Ready: 2 };

/** rfc3339Seconds formats a time the way Kubernetes serialises metav1.Time. */
export function rfc3339Seconds(t: Date): string {
  return `${t.toISOString().slice(0, 19)}Z`;
}

function make(
  prev: readonly Condition[],
  type: ConditionType,
  status: Condition['status'],
  reason: string,
  message: string,
  generation: number,
  now: Date,
): Condition {
  const text = message.length > maxMessage ? `${message.slice(0, maxMessage)}...` : message;
  const old = prev.find((c) => c.type === type);
  const unchanged = old && old.status === status && old.reason === reason && old.message === text;
  return {
    type,
    status,
    reason,
    message: text,
    observedGeneration: generation,
    lastTransitionTime: unchanged ? old.lastTransitionTime : rfc3339Seconds(now),
  };
}

/** progressingConditions is what Flux writes when a reconcile starts. */
export function progressingConditions(
  prev: readonly Condition[],
  generation: number,
  now: Date,
): Condition[] {
  const ready = prev.find((c) => c.type === 'Ready');
  const message = 'reconciliation in progress';
  const out = [make(prev, 'Reconciling', 'True', 'Progressing', message, generation, now)];
  if (!ready || ready.status === 'Unknown') {
    out.push(make(prev, 'Ready', 'Unknown', 'Progressing', message, generation, now));
  } else {
    out.push(ready);
  }
  return out;
}

/** finishConditions is what Flux's result finalizer leaves after a reconcile ends. */
export function finishConditions(
  prev: readonly Condition[],
  ending: Ending,
  generation: number,
  now: Date,
): Condition[] {
  const out: Condition[] = [];
  switch (ending.kind) {
    case 'ready':
      out.push(make(prev, 'Ready', 'True', 'Succeeded', ending.message, generation, now));
      break;
    case 'stalled':
      out.push(make(prev, 'Stalled', 'True', ending.reason, ending.message, generation, now));
      out.push(make(prev, 'Ready', 'False', ending.reason, ending.message, generation, now));
      break;
    case 'retry':
      out.push(
        make(
          prev,
          'Reconciling',
          'True',
          'ProgressingWithRetry',
          'reconciliation in progress',
          generation,
          now,
        ),
      );
      out.push(make(prev, 'Ready', 'False', ending.reason, ending.message, generation, now));
      break;
  }
  return out.sort((a, b) => order[a.type] - order[b.type]);
}

/** observedGenerationAfter is Flux's rule: recorded only when the object ended Ready or Stalled. */
export function observedGenerationAfter(
  ending: Ending,
  generation: number,
  previous: number,
): number {
  return ending.kind === 'retry' ? previous : generation;
}
