// `get`'s filters, as flux reads them: --status-selector `type=status` / `type!=status` and
// -l/--label-selector in Kubernetes label-selector syntax.
import { UsageError } from '../command.ts';
import type { DaemonObject } from '../daemon-client.ts';

/** StatusSelector is a parsed --status-selector. */
export interface StatusSelector {
  type: string;
  status: string;
  negate: boolean;
}

/** parseStatusSelector reads `type=status` or `type!=status` (compared case-insensitively). */
export function parseStatusSelector(text: string): StatusSelector {
  const negate = text.includes('!=');
  const parts = text.split(negate ? '!=' : '=');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    throw new UsageError(
      `expected status selector in type=status or type!=status format, but found: ${text}`,
    );
  }
  return { type: parts[0] as string, status: parts[1] as string, negate };
}

/** matchesStatus applies a status selector; a missing condition never equals anything. */
export function matchesStatus(o: DaemonObject, s: StatusSelector): boolean {
  const c = o.status?.conditions?.find((x) => x.type.toLowerCase() === s.type.toLowerCase());
  const equal = c !== undefined && c.status.toLowerCase() === s.status.toLowerCase();
  return s.negate ? !equal : equal;
}

/** Requirement is one clause of a label selector. */
type Requirement =
  | { key: string; op: 'exists' | 'absent' }
  | { key: string; op: 'in' | 'notin'; values: string[] };

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function setClause(clause: string, word: 'in' | 'notin'): Requirement | undefined {
  const at = clause.indexOf(` ${word} `);
  if (at < 0) return undefined;
  const key = clause.slice(0, at).trim();
  const rest = clause.slice(at + word.length + 2).trim();
  if (!rest.startsWith('(') || !rest.endsWith(')') || key === '') return undefined;
  const values = rest
    .slice(1, -1)
    .split(',')
    .map((v) => v.trim());
  return { key, op: word, values };
}

function parseClause(clause: string): Requirement {
  const bad = () =>
    new UsageError(`unable to parse label selector: invalid requirement "${clause}"`);
  if (clause === '') throw bad();
  const set = setClause(clause, 'notin') ?? setClause(clause, 'in');
  if (set) return set;
  for (const op of ['!=', '==', '='] as const) {
    const at = clause.indexOf(op);
    if (at < 0) continue;
    const key = clause.slice(0, at).trim();
    const value = clause.slice(at + op.length).trim();
    if (key === '' || value.includes('=') || value.includes(' ')) throw bad();
    return { key, op: op === '!=' ? 'notin' : 'in', values: [value] };
  }
  const negated = clause.startsWith('!');
  const key = (negated ? clause.slice(1) : clause).trim();
  if (key === '' || key.includes(' ') || key.includes('(')) throw bad();
  return { key, op: negated ? 'absent' : 'exists' };
}

/** LabelSelector tests an object's labels. */
export type LabelSelector = (labels: Readonly<Record<string, string>> | undefined) => boolean;

/** parseLabelSelector compiles `a=b,c!=d,e in (x,y),f notin (z),g,!h`. */
export function parseLabelSelector(text: string): LabelSelector {
  const reqs = splitTopLevel(text).map(parseClause);
  return (labels) =>
    reqs.every((r) => {
      const v = labels?.[r.key];
      switch (r.op) {
        case 'exists':
          return v !== undefined;
        case 'absent':
          return v === undefined;
        case 'in':
          return v !== undefined && r.values.includes(v);
        default:
          return v === undefined || !r.values.includes(v);
      }
    });
}
