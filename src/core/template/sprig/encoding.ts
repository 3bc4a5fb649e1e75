// sprig's encoding, hashing and JSON functions (strings.go, crypto.go, defaults.go).
import { decodeJSON, JSONError, marshalJSON } from '../go-json.ts';
import { utf8Bytes, utf8Decode } from '../quote.ts';
import { type GoValue, unwrap } from '../values.ts';
import { fail } from './cast.ts';
import { ANY, type Def, def } from './def.ts';
import { adler32, sha1Hex, sha256Hex, sha512Hex } from './hash.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function encode(bytes: Uint8Array, alphabet: string, bitsPer: number, quantum: number): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= bitsPer) {
      bits -= bitsPer;
      out += alphabet[(acc >> bits) & ((1 << bitsPer) - 1)];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(acc << (bitsPer - bits)) & ((1 << bitsPer) - 1)];
  while (out.length % quantum !== 0) out += '=';
  return out;
}

/** decode is a strict padded decoder; returns Go's error text for corrupt input. */
function decode(
  s: string,
  alphabet: string,
  bitsPer: number,
  quantum: number,
  name: string,
): string {
  const clean = s.replace(/[\r\n]/g, '');
  const bad = (i: number): string => `illegal ${name} data at input byte ${i}`;
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  let i = 0;
  for (; i < clean.length; i++) {
    const c = clean[i]!;
    if (c === '=') break;
    const v = alphabet.indexOf(c);
    if (v < 0) return bad(i);
    acc = (acc << bitsPer) | v;
    bits += bitsPer;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
      acc &= (1 << bits) - 1;
    }
  }
  const dataLen = i;
  for (; i < clean.length; i++) if (clean[i] !== '=') return bad(i);
  if (clean.length % quantum !== 0) return bad(clean.length - (clean.length % quantum));
  const rem = dataLen % quantum;
  if ((name === 'base64' && rem === 1) || (name === 'base32' && [1, 3, 6].includes(rem))) {
    return bad(dataLen);
  }
  return utf8Decode(new Uint8Array(bytes));
}

function jsonErrorText(err: unknown, text: string): string {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  if (!pos || Number(pos[1]) >= text.length) return 'unexpected end of JSON input';
  const ch = text[Number(pos[1])]!;
  return `invalid character '${ch}' looking for beginning of value`;
}

const json = (v: GoValue, escapeHTML: boolean, indent?: string): string =>
  marshalJSON(unwrap(v), indent === undefined ? { escapeHTML } : { escapeHTML, indent });

const tryJSON = (f: () => string): string => {
  try {
    return f();
  } catch (err) {
    if (err instanceof JSONError) return '';
    throw err;
  }
};
const mustJSON = (f: () => string): string => {
  try {
    return f();
  } catch (err) {
    if (err instanceof JSONError) fail(err.message);
    throw err;
  }
};

/** encodingFuncs are sprig's encoding, digest and JSON functions. */
export const encodingFuncs: Def[] = [
  def('b64enc', ['string'], undefined, (s: string) => encode(utf8Bytes(s), B64, 6, 4)),
  def('b64dec', ['string'], undefined, (s: string) => decode(s, B64, 6, 4, 'base64')),
  def('b32enc', ['string'], undefined, (s: string) => encode(utf8Bytes(s), B32, 5, 8)),
  def('b32dec', ['string'], undefined, (s: string) => decode(s, B32, 5, 8, 'base32')),
  def('sha1sum', ['string'], undefined, (s: string) => sha1Hex(utf8Bytes(s))),
  def('sha256sum', ['string'], undefined, (s: string) => sha256Hex(utf8Bytes(s))),
  def('sha512sum', ['string'], undefined, (s: string) => sha512Hex(utf8Bytes(s))),
  def('adler32sum', ['string'], undefined, (s: string) => String(adler32(utf8Bytes(s)))),
  def('fromJson', ['string'], undefined, (s: string) => {
    try {
      return decodeJSON(s);
    } catch {
      return null;
    }
  }),
  def('mustFromJson', ['string'], undefined, (s: string) => {
    try {
      return decodeJSON(s);
    } catch (err) {
      return fail(jsonErrorText(err, s));
    }
  }),
  def('toJson', [ANY], undefined, (v: GoValue) => tryJSON(() => json(v, true))),
  def('mustToJson', [ANY], undefined, (v: GoValue) => mustJSON(() => json(v, true))),
  def('toPrettyJson', [ANY], undefined, (v: GoValue) => tryJSON(() => json(v, true, '  '))),
  def('mustToPrettyJson', [ANY], undefined, (v: GoValue) => mustJSON(() => json(v, true, '  '))),
  def('toRawJson', [ANY], undefined, (v: GoValue) => mustJSON(() => json(v, false))),
  def('mustToRawJson', [ANY], undefined, (v: GoValue) => mustJSON(() => json(v, false))),
];
