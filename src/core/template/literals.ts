// Go literal syntax used by the parser: strconv.Unquote / UnquoteChar for string and character
// constants, and ParseInt / ParseUint / ParseFloat with base prefixes and underscores.

import { parseGoFloat, underscoreOK } from '../go/parse-float.ts';
import type { NumberValue } from './nodes.ts';
import { utf8Decode } from './quote.ts';

/** SyntaxError text Go's strconv uses. */
const invalid = 'invalid syntax';

const simpleEscapes: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
};

/** unquoteChar decodes one (possibly escaped) character; returns bytes or a rune and the rest. */
function unquoteChar(s: string, quote: string): { bytes?: number[]; rune?: number; tail: string } {
  const c = s[0];
  if (c === undefined) throw new Error(invalid);
  if (c === quote && (quote === "'" || quote === '"')) throw new Error(invalid);
  if (c !== '\\') {
    const cp = s.codePointAt(0)!;
    return { rune: cp, tail: s.slice(cp > 0xffff ? 2 : 1) };
  }
  const e = s[1];
  if (e === undefined) throw new Error(invalid);
  const rest = s.slice(2);
  const simple = simpleEscapes[e];
  if (simple !== undefined && Object.hasOwn(simpleEscapes, e)) return { rune: simple, tail: rest };
  if (e === "'" || e === '"') {
    if (e !== quote) throw new Error(invalid);
    return { rune: e.charCodeAt(0), tail: rest };
  }
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const digits = rest.slice(0, n);
    if (digits.length < n || !/^[0-9a-fA-F]+$/.test(digits)) throw new Error(invalid);
    const v = Number.parseInt(digits, 16);
    if (e === 'x') return { bytes: [v], tail: rest.slice(n) };
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new Error(invalid);
    return { rune: v, tail: rest.slice(n) };
  }
  if (e >= '0' && e <= '7') {
    const digits = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(digits)) throw new Error(invalid);
    const v = Number.parseInt(digits, 8);
    if (v > 255) throw new Error(invalid);
    return { bytes: [v], tail: s.slice(4) };
  }
  throw new Error(invalid);
}

/** unquote is strconv.Unquote for "…", `…` and '…' literals; throws Error('invalid syntax'). */
export function unquote(lit: string): string {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) throw new Error(invalid);
  const body = lit.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new Error(invalid);
    return body.replaceAll('\r', '');
  }
  if (q !== '"' && q !== "'") throw new Error(invalid);
  if (!body.includes('\\') && !body.includes(q) && !body.includes('\n')) {
    if (q === '"') return body;
  }
  const bytes: number[] = [];
  const enc = new TextEncoder();
  let s = body;
  let count = 0;
  while (s.length > 0) {
    if (s[0] === '\n') throw new Error(invalid);
    const r = unquoteChar(s, q);
    if (r.bytes) bytes.push(...r.bytes);
    else bytes.push(...enc.encode(String.fromCodePoint(r.rune!)));
    s = r.tail;
    count++;
    if (q === "'" && s.length > 0) throw new Error(invalid);
  }
  if (q === "'" && count !== 1) throw new Error(invalid);
  return utf8Decode(new Uint8Array(bytes));
}

/** charConstant decodes a character constant like 'a' or '\n' to its code point. */
export function charConstant(text: string): number {
  const r = unquoteChar(text.slice(1), "'");
  if (r.tail !== "'") throw new Error(`malformed character constant: ${text}`);
  return r.rune ?? r.bytes![0]!;
}

const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);
const maxUint64 = (1n << 64n) - 1n;

/** parseGoInt is strconv.ParseInt(s, 0, 64); undefined when it fails. */
export function parseGoInt(s: string): bigint | undefined {
  return parseBase0(s, true);
}

function parseBase0(s: string, signed: boolean): bigint | undefined {
  let neg = false;
  let t = s;
  if (signed && (t[0] === '+' || t[0] === '-')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let base = 10;
  let digits = t;
  if (t.length >= 2 && t[0] === '0') {
    const p = t[1]!.toLowerCase();
    if (p === 'x') [base, digits] = [16, t.slice(2)];
    else if (p === 'o') [base, digits] = [8, t.slice(2)];
    else if (p === 'b') [base, digits] = [2, t.slice(2)];
    else [base, digits] = [8, t.slice(1)];
  }
  if (t.includes('_') && !underscoreOK(t)) return undefined;
  digits = digits.replaceAll('_', '');
  if (digits === '') return undefined;
  const valid = { 16: /^[0-9a-fA-F]+$/, 10: /^[0-9]+$/, 8: /^[0-7]+$/, 2: /^[01]+$/ }[base as 2];
  if (!valid.test(digits)) return undefined;
  const prefix = { 16: '0x', 10: '', 8: '0o', 2: '0b' }[base as 2];
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed ? v < minInt64 || v > maxInt64 : v > maxUint64) return undefined;
  return v;
}

/** parseNumber mirrors Go's parse.newNumber: every interpretation of a numeric literal. */
export function parseNumber(text: string): NumberValue {
  if (text.endsWith('i')) throw new Error(`complex constants are not supported: ${text}`);
  const u = parseBase0(text, false);
  const i = parseBase0(text, true);
  let isInt = i !== undefined;
  let isUint = u !== undefined;
  let int = i ?? 0n;
  let uint = u ?? 0n;
  if (isInt && int === 0n) {
    isUint = true;
    uint = u ?? 0n;
  }
  let isFloat = false;
  let float = 0;
  if (isInt) {
    isFloat = true;
    float = Number(int);
  } else if (isUint) {
    isFloat = true;
    float = Number(uint);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${JSON.stringify(text)}`);
      isFloat = true;
      float = f;
      if (Number.isFinite(f) && Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
        isInt = true;
        int = BigInt(f);
      }
      if (Number.isFinite(f) && Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        isUint = true;
        uint = BigInt(f);
      }
    }
  }
  if (!isInt && !isUint && !isFloat) {
    throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  }
  return { isInt, isUint, isFloat, int, uint, float, text };
}

/** charNumber builds the NumberValue of a character constant. */
export function charNumber(text: string): NumberValue {
  const r = charConstant(text);
  return {
    isInt: true,
    isUint: true,
    isFloat: true,
    int: BigInt(r),
    uint: BigInt(r),
    float: r,
    text,
  };
}
