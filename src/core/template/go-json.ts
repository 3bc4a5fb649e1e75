// Go's encoding/json as sprig uses it: decoding into interface{} (objects become
// map[string]interface{}, numbers float64) and Marshal / MarshalIndent with Go's escaping,
// key order and number formatting.
import { formatFloat } from './float-format.ts';
import { compareStrings } from './map-order.ts';
import {
  GoFunc,
  GoNum,
  GoStruct,
  type GoValue,
  Iface,
  infoOf,
  isNilCollection,
  typeName,
} from './values.ts';

/** fromJSONValue converts a JSON.parse result into Go's interface{} shape. */
export function fromJSONValue(v: unknown): GoValue {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map(fromJSONValue);
  if (typeof v === 'object') {
    const m = new Map<GoValue, GoValue>();
    for (const [k, e] of Object.entries(v as Record<string, unknown>)) m.set(k, fromJSONValue(e));
    return m;
  }
  return v as string | number | boolean;
}

/** decodeJSON is json.Unmarshal into interface{}; throws SyntaxError on bad input. */
export function decodeJSON(text: string): GoValue {
  return fromJSONValue(JSON.parse(text));
}

/** JSONError is a marshalling failure, worded like Go's. */
export class JSONError extends Error {
  override readonly name = 'JSONError';
}

function quoteJSON(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      out +=
        ch === '\n'
          ? '\\n'
          : ch === '\r'
            ? '\\r'
            : ch === '\t'
              ? '\\t'
              : `\\u00${c.toString(16).padStart(2, '0')}`;
    } else if (escapeHTML && (ch === '<' || ch === '>' || ch === '&')) {
      out += `\\u00${c.toString(16)}`;
    } else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function floatJSON(f: number): string {
  if (!Number.isFinite(f))
    throw new JSONError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const a = Math.abs(f);
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) {
    return formatFloat(f, 'e', -1).replace(/e-0(\d)$/, 'e-$1');
  }
  return formatFloat(f, 'f', -1);
}

/** JSONOptions selects Go's Marshal flavour. */
export interface JSONOptions {
  readonly escapeHTML: boolean;
  readonly indent?: string;
}

/** marshalJSON is json.Marshal (or MarshalIndent when indent is set). */
export function marshalJSON(v: GoValue, opts: JSONOptions, depth = 0): string {
  const nl = opts.indent === undefined ? '' : `\n${opts.indent.repeat(depth + 1)}`;
  const close = opts.indent === undefined ? '' : `\n${opts.indent.repeat(depth)}`;
  const colon = opts.indent === undefined ? ':' : ': ';
  if (v instanceof Iface) v = v.value;
  if (v === undefined || v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return quoteJSON(v, opts.escapeHTML);
    case 'boolean':
      return String(v);
    case 'number':
      return floatJSON(v);
    case 'bigint':
      return v.toString();
  }
  if (v instanceof GoNum) return v.value.toString();
  if (Array.isArray(v)) {
    if (isNilCollection(v)) return 'null';
    if (v.length === 0) return '[]';
    return `[${v.map((e) => nl + marshalJSON(e, opts, depth + 1)).join(',')}${close}]`;
  }
  if (v instanceof Map) {
    if (isNilCollection(v)) return 'null';
    const key = infoOf(v).key ?? 'string';
    if (key !== 'string') throw new JSONError(`json: unsupported type: ${typeName(v)}`);
    if (v.size === 0) return '{}';
    const keys = [...v.keys()].map(String).sort(compareStrings);
    const parts = keys.map(
      (k) =>
        `${nl}${quoteJSON(k, opts.escapeHTML)}${colon}${marshalJSON(v.get(k), opts, depth + 1)}`,
    );
    return `{${parts.join(',')}${close}}`;
  }
  if (v instanceof GoStruct) {
    if (v.jsonText !== undefined) return quoteJSON(v.jsonText, opts.escapeHTML);
    const entries = jsonFields(v);
    if (entries.length === 0) return '{}';
    const parts = entries.map(
      ([k, e]) => `${nl}${quoteJSON(k, opts.escapeHTML)}${colon}${marshalJSON(e, opts, depth + 1)}`,
    );
    return `{${parts.join(',')}${close}}`;
  }
  if (v instanceof GoFunc) throw new JSONError(`json: unsupported type: ${typeName(v)}`);
  return 'null';
}

/** jsonName maps a struct field to its JSON key and omitempty flag (tags Flux's types carry). */
const jsonTags: Record<string, [string, boolean]> = {
  APIVersion: ['apiVersion', true],
  Kind: ['kind', true],
  Name: ['name', true],
  Namespace: ['namespace', true],
};

function jsonFields(s: GoStruct): [string, GoValue][] {
  const out: [string, GoValue][] = [];
  const tagged = s.type === 'yaml.TypeMeta' || s.type === 'yaml.NameMeta';
  for (const f of s.fields) {
    if (f.unexported) continue;
    if (f.embedded && f.value instanceof GoStruct && f.value.jsonText === undefined) {
      out.push(...jsonFields(f.value));
      continue;
    }
    if (tagged && Object.hasOwn(jsonTags, f.name)) {
      const [name, omit] = jsonTags[f.name]!;
      if (omit && f.value === '') continue;
      out.push([name, f.value]);
    } else out.push([f.name, f.value]);
  }
  return out;
}
