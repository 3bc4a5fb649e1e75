import type { LabelSelector } from '../../api/model.ts';

/** selectorMatches evaluates a Kubernetes label selector (matchLabels AND matchExpressions). */
export function selectorMatches(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    const ok =
      e.operator === 'In'
        ? has && e.values.includes(value as string)
        : e.operator === 'NotIn'
          ? !has || !e.values.includes(value as string)
          : e.operator === 'Exists'
            ? has
            : !has;
    if (!ok) return false;
  }
  return true;
}
