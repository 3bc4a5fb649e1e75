// JSON bytes as Go's encoding/json writes them, so payloads (and the HMAC over them) match what
// Flux sends: struct fields in declaration order (object insertion order here), map keys sorted,
// `<`, `>`, `&`, U+2028 and U+2029 escaped, lone surrogates replaced by U+FFFD.

const hex = '0123456789abcdef';

/** goJSON encodes value like json.Marshal; wrap Go maps with goMap, structs are plain objects. */
export function goJSON(value: unknown, escapeHTML = true): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return goString(value, escapeHTML);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`goJSON: unsupported number ${value}`);
      return String(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((v) => goJSON(v, escapeHTML)).join(',')}]`;
      if (value instanceof Map) {
        const keys = [...(value as Map<string, unknown>).keys()].sort(compareUTF8);
        return `{${keys.map((k) => `${goString(k, escapeHTML)}:${goJSON(value.get(k), escapeHTML)}`).join(',')}}`;
      }
      return `{${Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${goString(k, escapeHTML)}:${goJSON(v, escapeHTML)}`)
        .join(',')}}`;
    default:
      throw new TypeError(`goJSON: unsupported type ${typeof value}`);
  }
}

/** goMap marks a record as a Go map: goJSON writes its keys sorted by UTF-8 bytes. (A plain
 * object cannot carry that order: JavaScript lists integer-like keys such as "9" first.) */
export function goMap<T>(m: Readonly<Record<string, T>>): Map<string, T> {
  return new Map(Object.entries(m));
}

/** compareUTF8 orders strings by their UTF-8 bytes, as Go's sort.Strings does. */
export function compareUTF8(a: string, b: string): number {
  // UTF-16 order equals UTF-8 byte order unless surrogates meet U+E000..U+FFFF.
  if (!/[\ud800-\udfff]/.test(a) && !/[\ud800-\udfff]/.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}

function goString(s: string, escapeHTML: boolean): string {
  if (isPlain(s, escapeHTML)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else out += '\\ufffd';
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    out += escapeUnit(c, s[i]!, escapeHTML);
  }
  return `${out}"`;
}

function escapeUnit(c: number, ch: string, escapeHTML: boolean): string {
  switch (ch) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '<':
    case '>':
    case '&':
      return escapeHTML ? `\\u00${hex[c >> 4]}${hex[c & 15]}` : ch;
    default:
      if (c < 0x20) return `\\u00${hex[c >> 4]}${hex[c & 15]}`;
      if (c === 0x2028 || c === 0x2029) return `\\u${c.toString(16)}`;
      return ch;
  }
}

/** isPlain reports whether s needs no escaping at all (the common case, checked fast). */
function isPlain(s: string, escapeHTML: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c < 0x20 ||
      c === 0x22 ||
      c === 0x5c ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0x2028 ||
      c === 0x2029
    ) {
      return false;
    }
    if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) return false;
  }
  return true;
}
