// Which Alerts an event goes to: Flux's filterAlertsForEvent (suspend, eventSources by
// kind/namespace/name or `*`, severity, matchLabels, then inclusion and exclusion regexes).
import type { Alert, EventSource } from '../../api/notification/types.ts';
import { compileGoRegex, type GoRegex } from '../filter/regex.ts';
import type { Event, ObjectReference } from './event.ts';

/** CompiledAlert is an Alert with its regexes compiled once; a bad pattern is kept as undefined. */
export interface CompiledAlert {
  alert: Alert;
  inclusion: readonly (GoRegex | undefined)[];
  exclusion: readonly (GoRegex | undefined)[];
}

/** LabelsOf returns the involved object's labels, or undefined when it cannot be found. */
export type LabelsOf = (ref: ObjectReference) => Readonly<Record<string, string>> | undefined;

/** compileAlert compiles the inclusion and exclusion lists (Go RE2 syntax). */
export function compileAlert(alert: Alert): CompiledAlert {
  const compile = (p: string): GoRegex | undefined => {
    try {
      return compileGoRegex(p);
    } catch {
      return undefined;
    }
  };
  return {
    alert,
    inclusion: alert.spec.inclusionList.map(compile),
    exclusion: alert.spec.exclusionList.map(compile),
  };
}

/** MatchProblem is a configuration problem met while matching (Flux records these as events). */
export interface MatchProblem {
  alert: Alert;
  reason: 'SourceFetchFailed' | 'InvalidConfig';
  message: string;
}

/** matchAlerts returns the alerts the event should be sent through, plus problems seen. */
export function matchAlerts(
  alerts: readonly CompiledAlert[],
  event: Event,
  labelsOf: LabelsOf,
): { matched: CompiledAlert[]; problems: MatchProblem[] } {
  const matched: CompiledAlert[] = [];
  const problems: MatchProblem[] = [];
  for (const c of alerts) {
    if (c.alert.spec.suspend) continue;
    if (
      !c.alert.spec.eventSources.some((s) => sourceMatches(c.alert, s, event, labelsOf, problems))
    )
      continue;
    if (!included(c, event.message, problems)) continue;
    if (excluded(c, event.message, problems)) continue;
    matched.push(c);
  }
  return { matched, problems };
}

function sourceMatches(
  alert: Alert,
  source: EventSource,
  event: Event,
  labelsOf: LabelsOf,
  problems: MatchProblem[],
): boolean {
  const o = event.involvedObject;
  if (o.namespace !== source.namespace || o.kind !== source.kind) return false;
  const severity = alert.spec.eventSeverity;
  if (event.severity !== severity && severity !== 'info') return false;
  if (source.name !== '*' && source.name !== o.name) return false;
  if (source.matchLabels === undefined) return true;
  const labels = labelsOf(o);
  if (labels === undefined) {
    problems.push({
      alert,
      reason: 'SourceFetchFailed',
      message: `error getting source object ${o.kind}/${o.namespace}/${o.name}`,
    });
    return false;
  }
  return Object.entries(source.matchLabels).every(([k, v]) => labels[k] === v);
}

function included(c: CompiledAlert, message: string, problems: MatchProblem[]): boolean {
  if (c.inclusion.length === 0) return true;
  let hit = false;
  c.inclusion.forEach((re, i) => {
    if (re === undefined) {
      problems.push(badRegex(c.alert, 'inclusion', c.alert.spec.inclusionList[i] ?? ''));
    } else if (!hit && re.test(message)) hit = true;
  });
  return hit;
}

function excluded(c: CompiledAlert, message: string, problems: MatchProblem[]): boolean {
  let hit = false;
  c.exclusion.forEach((re, i) => {
    if (re === undefined) {
      problems.push(badRegex(c.alert, 'exclusion', c.alert.spec.exclusionList[i] ?? ''));
    } else if (!hit && re.test(message)) hit = true;
  });
  return hit;
}

function badRegex(alert: Alert, list: string, pattern: string): MatchProblem {
  return { alert, reason: 'InvalidConfig', message: `failed to compile ${list} regex: ${pattern}` };
}
