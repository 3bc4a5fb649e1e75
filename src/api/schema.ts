// A small structural schema, enough to check Flux manifests the way the apiserver's OpenAPI
// validation does (types, required, enums, patterns) and to report unknown fields.
import { compileGoRegex, type GoRegex } from '../core/filter/regex.ts';
import type { Severity } from './diagnostic.ts';
import { closest } from './edit-distance.ts';
import type { FieldPath } from './yaml-documents.ts';

/** Schema describes the accepted shape of a value. */
export type Schema =
  | {
      readonly type: 'string';
      readonly enum?: readonly string[];
      readonly pattern?: string;
      readonly maxLength?: number;
    }
  | { readonly type: 'boolean' }
  | { readonly type: 'integer' }
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, Field>> }
  | { readonly type: 'map'; readonly values: Schema }
  | { readonly type: 'list'; readonly items: Schema; readonly maxItems?: number }
  | { readonly type: 'any' };

/** Field is one member of an object schema. */
export interface Field {
  readonly schema: Schema;
  readonly required?: boolean;
}

/** Issue is one schema violation at a path. */
export interface Issue {
  readonly severity: Severity;
  readonly path: FieldPath;
  /** value is the offending value, when showing it helps. */
  readonly value?: unknown;
  readonly hasValue: boolean;
  readonly message: string;
}

/** ValidateOptions adds context for friendlier unknown-field hints. */
export interface ValidateOptions {
  /** newer is a later version's schema: an unknown field it knows gets a note naming it. */
  readonly newer?: { readonly schema: Schema; readonly label: string };
}

/** str, bool, obj, map and list build schemas tersely. */
export const str = (extra: Omit<Extract<Schema, { type: 'string' }>, 'type'> = {}): Schema => ({
  type: 'string',
  ...extra,
});
/** bool is a boolean schema. */
export const bool: Schema = { type: 'boolean' };
/** obj builds an object schema; `name!` marks a required field. */
export function obj(fields: Record<string, Schema>): Extract<Schema, { type: 'object' }> {
  const out: Record<string, Field> = {};
  for (const [k, schema] of Object.entries(fields)) {
    if (k.endsWith('!')) out[k.slice(0, -1)] = { schema, required: true };
    else out[k] = { schema };
  }
  return { type: 'object', fields: out };
}
/** stringMap is a `map[string]string` schema. */
export const stringMap: Schema = { type: 'map', values: { type: 'string' } };
/** list builds a list schema. */
export const list = (items: Schema, maxItems?: number): Schema =>
  maxItems === undefined ? { type: 'list', items } : { type: 'list', items, maxItems };

/** withoutFields derives an older version's object schema by dropping fields (dotted paths). */
export function withoutFields(
  schema: Extract<Schema, { type: 'object' }>,
  paths: readonly string[],
): Extract<Schema, { type: 'object' }> {
  const fields: Record<string, Field> = { ...schema.fields };
  for (const p of paths) {
    const [head = '', ...rest] = p.split('.');
    if (rest.length === 0) {
      delete fields[head];
      continue;
    }
    const f = fields[head];
    if (f?.schema.type === 'object') {
      fields[head] = { ...f, schema: withoutFields(f.schema, [rest.join('.')]) };
    }
  }
  return { type: 'object', fields };
}

/** validate checks value against schema (null counts as absent, as in Kubernetes). */
export function validate(value: unknown, schema: Schema, opts: ValidateOptions = {}): Issue[] {
  const issues: Issue[] = [];
  walk(value, schema, [], [], issues, opts);
  return issues;
}

/** lookupField returns the schema at a path of field names, if the schema has it. */
export function lookupField(schema: Schema, path: FieldPath): Schema | undefined {
  let s: Schema | undefined = schema;
  for (const seg of path) {
    if (s === undefined) return undefined;
    if (s.type === 'object') s = s.fields[String(seg)]?.schema;
    else if (s.type === 'list' && typeof seg === 'number') s = s.items;
    else if (s.type === 'map') s = s.values;
    else return undefined;
  }
  return s;
}

// Patterns are this module's own constants, compiled once and run with RE2 like every regex
// the project applies to user input.
const patterns = new Map<string, GoRegex>();
function compiled(pattern: string): GoRegex {
  let re = patterns.get(pattern);
  if (!re) {
    re = compileGoRegex(pattern);
    patterns.set(pattern, re);
  }
  return re;
}

function issue(path: FieldPath, message: string, severity: Severity = 'error'): Issue {
  return { severity, path, message, hasValue: false };
}

function bad(path: FieldPath, message: string, value: unknown): Issue {
  return { severity: 'error', path, message, value, hasValue: true };
}

function walk(
  value: unknown,
  schema: Schema,
  path: FieldPath,
  ancestors: readonly { path: FieldPath; schema: Schema }[],
  issues: Issue[],
  opts: ValidateOptions,
): void {
  if (value === null || value === undefined) return;
  switch (schema.type) {
    case 'any':
      return;
    case 'string': {
      if (typeof value !== 'string') {
        issues.push(bad(path, `must be a string, not ${typeName(value)}`, value));
        return;
      }
      if (schema.enum && !schema.enum.includes(value)) {
        issues.push(bad(path, `must be one of ${schema.enum.join(', ')}`, value));
      }
      if (schema.pattern !== undefined && !compiled(schema.pattern).test(value)) {
        issues.push(bad(path, `must match ${schema.pattern}`, value));
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        issues.push(bad(path, `must be at most ${schema.maxLength} characters`, value));
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') {
        issues.push(bad(path, `must be true or false, not ${typeName(value)}`, value));
      }
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        issues.push(bad(path, `must be an integer, not ${typeName(value)}`, value));
      }
      return;
    case 'list': {
      if (!Array.isArray(value)) {
        issues.push(bad(path, `must be a list, not ${typeName(value)}`, value));
        return;
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        issues.push(issue(path, `must have at most ${schema.maxItems} items, has ${value.length}`));
      }
      value.forEach((item, i) => {
        if (item === null) issues.push(bad([...path, i], 'must not be null', item));
        else walk(item, schema.items, [...path, i], ancestors, issues, opts);
      });
      return;
    }
    case 'map': {
      if (!isRecord(value)) {
        issues.push(bad(path, `must be a mapping, not ${typeName(value)}`, value));
        return;
      }
      for (const [k, v] of Object.entries(value))
        walk(v, schema.values, [...path, k], [], issues, opts);
      return;
    }
    case 'object': {
      if (!isRecord(value)) {
        // A LocalObjectReference written as a bare string is a common slip.
        const hint =
          typeof value === 'string' && 'name' in schema.fields
            ? ` (write it as name: ${JSON.stringify(value)} under this field)`
            : '';
        issues.push(bad(path, `must be a mapping, not ${typeName(value)}${hint}`, value));
        return;
      }
      const here = [...ancestors, { path, schema }];
      for (const [name, field] of Object.entries(schema.fields)) {
        const v = value[name];
        if (field.required && (v === undefined || v === null)) {
          issues.push(issue([...path, name], 'is required'));
        }
      }
      for (const [k, v] of Object.entries(value)) {
        const field = schema.fields[k];
        if (field) walk(v, field.schema, [...path, k], here, issues, opts);
        else issues.push(unknownField([...path, k], schema, here, opts));
      }
      return;
    }
  }
}

function unknownField(
  path: FieldPath,
  schema: Extract<Schema, { type: 'object' }>,
  ancestors: readonly { path: FieldPath; schema: Schema }[],
  opts: ValidateOptions,
): Issue {
  const key = String(path[path.length - 1]);
  let hint = '';
  if (opts.newer && lookupField(opts.newer.schema, path)) {
    hint = `; it is a field of ${opts.newer.label} only`;
  } else {
    const suggestion = suggest(key, schema, ancestors);
    if (suggestion !== undefined) hint = `; did you mean ${suggestion}?`;
  }
  return issue(path, `unknown field, ignored (Kubernetes drops it)${hint}`, 'warning');
}

// suggest looks for the key one level down (a mis-indented child), further up (a mis-indented
// parent) or spelt slightly differently (letter case, up to two edits).
function suggest(
  key: string,
  schema: Extract<Schema, { type: 'object' }>,
  ancestors: readonly { path: FieldPath; schema: Schema }[],
): string | undefined {
  const self = ancestors[ancestors.length - 1];
  const base = self ? self.path : [];
  for (const [name, f] of Object.entries(schema.fields)) {
    if (f.schema.type === 'object' && key in f.schema.fields) return dotted([...base, name, key]);
  }
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const a = ancestors[i];
    if (a?.schema.type === 'object' && key in a.schema.fields) return dotted([...a.path, key]);
  }
  const near = closest(key, Object.keys(schema.fields));
  return near === undefined ? undefined : dotted([...base, near]);
}

/** dotted renders a field path as `spec.list[0].name`. */
export function dotted(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** isRecord tells a YAML mapping from scalars and lists. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (isRecord(v)) return 'a mapping';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'string') return 'a string';
  return typeof v;
}
