// Flux's tag-list revision (Badger store, its default): decimal Adler-32 of the compact JSON
// array of the descending tag list, computed while streaming the tags.

const MOD = 65521;
const encoder = new TextEncoder();

/** RevisionBuilder accumulates the revision of a tag list fed in stored (descending) order. */
export class RevisionBuilder {
  #a = 1;
  #b = 0;
  #count = 0;

  /** add appends one tag. */
  add(tag: string): void {
    this.#bytes(this.#count === 0 ? '[' : ',');
    this.#bytes(goJsonString(tag));
    this.#count++;
  }

  /** revision returns the decimal Adler-32 (`[]` for an empty list, like Go's json.Marshal). */
  revision(): string {
    const a0 = this.#a;
    const b0 = this.#b;
    this.#bytes(this.#count === 0 ? '[]' : ']');
    const out = String(((this.#b << 16) | this.#a) >>> 0);
    this.#a = a0;
    this.#b = b0;
    return out;
  }

  #bytes(text: string): void {
    const bytes = encoder.encode(text);
    let a = this.#a;
    let b = this.#b;
    for (let i = 0; i < bytes.length; i++) {
      a += bytes[i] as number;
      b += a;
      if ((i & 0xfff) === 0xfff) {
        a %= MOD;
        b %= MOD;
      }
    }
    this.#a = a % MOD;
    this.#b = b % MOD;
  }
}

/** goJsonString encodes a string the way Go's encoding/json does (HTML-safe escapes included). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + (s[i + 1] as string);
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += s[i];
  }
  return `${out}"`;
}

/** fluxRevision computes the revision of a complete list in stored order. */
export function fluxRevision(tagsDescending: Iterable<string>): string {
  const r = new RevisionBuilder();
  for (const t of tagsDescending) r.add(t);
  return r.revision();
}
