// Typed reads from a parsed YAML mapping that record an issue instead of throwing, so one
// validation pass reports every bad field of an object.
import { quote, type SpecIssue } from './errors.ts';

/** FieldReader reads fields below a path and collects the issues it finds. */
export class FieldReader {
  readonly issues: SpecIssue[] = [];

  /** mapping returns the object at path, or undefined (recording an issue if it is not a mapping). */
  mapping(value: unknown, path: string): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    this.issue(path, quote(value), 'must be a mapping');
    return undefined;
  }

  /** string returns a string field (numbers and booleans are rejected like the apiserver does). */
  string(obj: Record<string, unknown> | undefined, key: string, path: string): string | undefined {
    const value = obj?.[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.issue(`${path}.${key}`, quote(value), 'must be a string');
    return undefined;
  }

  /** bool returns a boolean field. */
  bool(obj: Record<string, unknown> | undefined, key: string, path: string): boolean | undefined {
    const value = obj?.[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    this.issue(`${path}.${key}`, quote(value), 'must be true or false');
    return undefined;
  }

  /** stringList returns a list of strings. */
  stringList(obj: Record<string, unknown> | undefined, key: string, path: string): string[] {
    const value = obj?.[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.issue(`${path}.${key}`, quote(value), 'must be a list of strings');
      return [];
    }
    const out: string[] = [];
    value.forEach((item, i) => {
      if (typeof item === 'string') out.push(item);
      else this.issue(`${path}.${key}[${i}]`, quote(item), 'must be a string');
    });
    return out;
  }

  /** stringMap returns a map of string to string. */
  stringMap(
    obj: Record<string, unknown> | undefined,
    key: string,
    path: string,
  ): Record<string, string> | undefined {
    const m = this.mapping(obj?.[key], `${path}.${key}`);
    if (m === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(m)) {
      if (typeof v === 'string') out[k] = v;
      else this.issue(`${path}.${key}.${k}`, quote(v), 'must be a string');
    }
    return out;
  }

  /** localRef returns `{name}` from a LocalObjectReference field. */
  localRef(
    obj: Record<string, unknown> | undefined,
    key: string,
    path: string,
  ): { name: string } | undefined {
    const m = this.mapping(obj?.[key], `${path}.${key}`);
    if (m === undefined) return undefined;
    const name = this.string(m, 'name', `${path}.${key}`);
    if (name === undefined || name === '') {
      this.issue(`${path}.${key}.name`, '', 'is required');
      return undefined;
    }
    return { name };
  }

  /** maxLength records an issue when value is longer than max. */
  maxLength(value: string, max: number, path: string, shown: string): void {
    if (value.length > max) this.issue(path, shown, `must be at most ${max} characters`);
  }

  /** issue records one problem. */
  issue(field: string, value: string, problem: string): void {
    this.issues.push({ field, value, problem });
  }
}
