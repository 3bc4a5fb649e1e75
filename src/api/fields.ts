// Defensive reads from a schema-checked mapping: a wrongly typed value reads as absent, since
// schema validation has already reported it.
import type { Severity } from './diagnostic.ts';
import { type Duration, toDuration } from './duration.ts';
import { type Issue, isRecord } from './schema.ts';
import type { FieldPath } from './yaml-documents.ts';

/** Raw is a YAML mapping as parsed. */
export type Raw = Record<string, unknown>;

/** getObj returns a nested mapping or undefined. */
export function getObj(o: Raw | undefined, key: string): Raw | undefined {
  const v = o?.[key];
  return isRecord(v) ? v : undefined;
}

/** getStr returns a string field, or undefined when absent or not a string. */
export function getStr(o: Raw | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** getBool returns a boolean field, false when absent or wrongly typed. */
export function getBool(o: Raw | undefined, key: string): boolean {
  return o?.[key] === true;
}

/** getStrMap returns the string entries of a `map[string]string` field. */
export function getStrMap(o: Raw | undefined, key: string): Record<string, string> {
  const m = getObj(o, key);
  const out: Record<string, string> = {};
  if (!m) return out;
  for (const [k, v] of Object.entries(m)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** getList returns a list field, or [] when absent or not a list. */
export function getList(o: Raw | undefined, key: string): unknown[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}

/** getRefName returns `<field>.name` of a LocalObjectReference, if set. */
export function getRefName(o: Raw | undefined, key: string): string | undefined {
  return getStr(getObj(o, key), 'name');
}

/** IssueSink collects semantic issues found while converting to the model. */
export class IssueSink {
  readonly issues: Issue[] = [];

  /** add records a problem; pass a value when it helps the reader. */
  add(severity: Severity, path: FieldPath, message: string, ...value: [unknown?]): void {
    if (value.length > 0)
      this.issues.push({ severity, path, message, value: value[0], hasValue: true });
    else this.issues.push({ severity, path, message, hasValue: false });
  }

  /** hasErrors tells whether any error (not warning) was recorded. */
  hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}

/**
 * duration reads a duration field already checked against its pattern; it records Go's
 * overflow error ("time: invalid duration") when the value cannot be represented.
 */
export function duration(
  o: Raw | undefined,
  key: string,
  path: FieldPath,
  sink: IssueSink,
): Duration | undefined {
  const text = getStr(o, key);
  if (text === undefined) return undefined;
  const d = toDuration(text);
  if (d === undefined && !sink.issues.some((i) => samePath(i.path, path))) {
    sink.add('error', path, `time: invalid duration ${JSON.stringify(text)}`, text);
  }
  return d;
}

function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
