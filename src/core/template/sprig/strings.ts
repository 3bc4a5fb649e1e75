// sprig's string functions (strings.go and the goutils/xstrings helpers it wraps).
import { formatValue, sprintf } from '../fmt.ts';
import { compareStrings } from '../map-order.ts';
import { byteLength, sliceBytes, utf8Bytes, utf8Decode } from '../quote.ts';
import { type GoValue, typed, unwrap } from '../values.ts';
import { camelCaseToLowerCase, toPascalCase } from './case.ts';
import { fail, strslice, strval } from './cast.ts';
import { ANY, type Def, def, maxBuild, stringList } from './def.ts';

const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/** mapRunes applies a per-code-point case mapping, keeping runes Go cannot map one-to-one. */
function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}
const upper = (s: string): string => mapRunes(s, (c) => c.toUpperCase());
// U+0130 is the one rune whose full lowercase differs from Go's simple mapping (İ → i).
const lower = (s: string): string => mapRunes(s, (c) => (c === '\u0130' ? 'i' : c.toLowerCase()));
const isUpper = (c: string): boolean => c !== lower(c) && c === upper(c);
const isLower = (c: string): boolean => c !== upper(c) && c === lower(c);
const _isLetter = (c: string): boolean => /\p{L}/u.test(c);

function trimSpace(s: string): string {
  let a = 0;
  const cs = [...s];
  let b = cs.length;
  while (a < b && goSpace.test(cs[a]!)) a++;
  while (b > a && goSpace.test(cs[b - 1]!)) b--;
  return cs.slice(a, b).join('');
}

function trimCutset(s: string, cut: string): string {
  const set = new Set(cut);
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  while (a < b && set.has(cs[a]!)) a++;
  while (b > a && set.has(cs[b - 1]!)) b--;
  return cs.slice(a, b).join('');
}

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    const sep = /[\p{L}\p{Nd}_]/u.test(prev)
      ? false
      : prev.charCodeAt(0) < 0x80
        ? true
        : goSpace.test(prev);
    out += sep ? upper(c) : c;
    prev = c;
  }
  return out;
}

/** goSplit is strings.SplitN (n < 0: all). */
export function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const cs = [...s];
    if (n > 0 && cs.length > n) return [...cs.slice(0, n - 1), cs.slice(n - 1).join('')];
    return cs;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

function bounds(s: string, start: number | undefined, end: number | undefined): string {
  const len = byteLength(s);
  const a = start ?? 0;
  const b = end ?? len;
  if (end !== undefined && (b < 0 || b > len))
    fail(`runtime error: slice bounds out of range [:${b}] with length ${len}`);
  if (a < 0 || a > b) fail(`runtime error: slice bounds out of range [${a}:${b}]`);
  return sliceBytes(s, a, b);
}

function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  const len = byteLength(str);
  if (str === '' || maxWidth < 4) return str;
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return `${sliceBytes(str, 0, maxWidth - 3)}...`;
  if (maxWidth < 7) return str;
  if (offset + maxWidth - 3 < len) {
    return `...${abbreviateFull(sliceBytes(str, offset), 0, maxWidth - 3)}`;
  }
  return `...${sliceBytes(str, len - (maxWidth - 3))}`;
}

/** wrap is goutils.WrapCustom, byte for byte (it works on bytes and only breaks at ASCII spaces). */
function wrap(str: string, width: number, newLine: string, longWords: boolean): string {
  if (str === '') return '';
  const nl = [...utf8Bytes(newLine === '' ? '\n' : newLine)];
  const b = utf8Bytes(str);
  const w = Math.max(width, 1);
  const out: number[] = [];
  const lastSpace = (from: number, to: number): number => {
    for (let i = Math.min(to, b.length) - 1; i >= from; i--) if (b[i] === 0x20) return i;
    return -1;
  };
  let offset = 0;
  while (b.length - offset > w) {
    if (b[offset] === 0x20) {
      offset++;
      continue;
    }
    const at = lastSpace(offset, w + offset + 1);
    if (at >= offset) {
      out.push(...b.subarray(offset, at), ...nl);
      offset = at + 1;
    } else if (longWords) {
      out.push(...b.subarray(offset, offset + w), ...nl);
      offset += w;
    } else {
      const next = b.indexOf(0x20, w + offset);
      if (next < 0) {
        out.push(...b.subarray(offset));
        offset = b.length;
      } else {
        out.push(...b.subarray(offset, next), ...nl);
        offset = next + 1;
      }
    }
  }
  out.push(...b.subarray(offset));
  return utf8Decode(new Uint8Array(out));
}

const repeat = (count: bigint, s: string): string => {
  if (count < 0n) fail('strings: negative Repeat count');
  if (BigInt(s.length) * count > BigInt(maxBuild))
    fail(`tagpilot: repeat result exceeds ${maxBuild} bytes`);
  return s.repeat(Number(count));
};

const splitMap = (parts: string[]): GoValue =>
  typed(new Map(parts.map((p, i) => [`_${i}`, p])), { name: 'map[string]string', elem: 'string' });

/** stringFuncs are sprig's string functions. */
export const stringFuncs: Def[] = [
  def('abbrev', ['int', 'string'], undefined, (w: bigint, s: string) =>
    w < 4n ? s : abbreviateFull(s, 0, Number(w)),
  ),
  def('abbrevboth', ['int', 'int', 'string'], undefined, (l: bigint, r: bigint, s: string) =>
    r < 4n || (l > 0n && r < 7n) ? s : abbreviateFull(s, Number(l), Number(r)),
  ),
  def('trunc', ['int', 'string'], undefined, (c: bigint, s: string) => {
    const len = BigInt(byteLength(s));
    if (c < 0n && len + c > 0n) return sliceBytes(s, Number(len + c));
    if (c >= 0n && len > c) return sliceBytes(s, 0, Number(c));
    return s;
  }),
  def('trim', ['string'], undefined, trimSpace),
  def('upper', ['string'], undefined, upper),
  def('lower', ['string'], undefined, lower),
  def('title', ['string'], undefined, title),
  def('untitle', ['string'], undefined, (s: string) => {
    const [c, ...rest] = [...s];
    return c === undefined ? '' : lower(c) + rest.join('');
  }),
  def('substr', ['int', 'int', 'string'], undefined, (a: bigint, b: bigint, s: string) => {
    if (a < 0n) return bounds(s, undefined, Number(b));
    if (b < 0n || b > BigInt(byteLength(s))) return bounds(s, Number(a), undefined);
    return bounds(s, Number(a), Number(b));
  }),
  def('repeat', ['int', 'string'], undefined, repeat),
  def('trimall', ['string', 'string'], undefined, (a: string, b: string) => trimCutset(b, a)),
  def('trimAll', ['string', 'string'], undefined, (a: string, b: string) => trimCutset(b, a)),
  def('trimSuffix', ['string', 'string'], undefined, (a: string, b: string) =>
    a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b,
  ),
  def('trimPrefix', ['string', 'string'], undefined, (a: string, b: string) =>
    b.startsWith(a) ? b.slice(a.length) : b,
  ),
  // goutils.DeleteWhiteSpace walks bytes, turning each non-space byte into a rune (Latin-1).
  def('nospace', ['string'], undefined, (s: string) =>
    [...utf8Bytes(s)]
      .filter((b) => !goSpace.test(String.fromCharCode(b)))
      .map((b) => String.fromCharCode(b))
      .join(''),
  ),
  def('initials', ['string'], undefined, (s: string) =>
    s
      .split(goSpace)
      .filter(Boolean)
      .map((w) => [...w][0])
      .join(''),
  ),
  def('swapcase', ['string'], undefined, (s: string) =>
    mapRunes(s, (c) => (isUpper(c) ? lower(c) : isLower(c) ? upper(c) : c)),
  ),
  def('shuffle', ['string'], undefined, (s: string) => {
    const cs = [...s];
    for (let i = cs.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [cs[i], cs[j]] = [cs[j]!, cs[i]!];
    }
    return cs.join('');
  }),
  def('snakecase', ['string'], undefined, (s: string) => camelCaseToLowerCase(s, '_')),
  def('kebabcase', ['string'], undefined, (s: string) => camelCaseToLowerCase(s, '-')),
  def('camelcase', ['string'], undefined, toPascalCase),
  def('wrap', ['int', 'string'], undefined, (l: bigint, s: string) =>
    wrap(s, Number(l), '\n', false),
  ),
  def('wrapWith', ['int', 'string', 'string'], undefined, (l: bigint, sep: string, s: string) =>
    wrap(s, Number(l), sep, true),
  ),
  def('contains', ['string', 'string'], undefined, (sub: string, s: string) => s.includes(sub)),
  def('hasPrefix', ['string', 'string'], undefined, (p: string, s: string) => s.startsWith(p)),
  def('hasSuffix', ['string', 'string'], undefined, (p: string, s: string) => s.endsWith(p)),
  def('quote', [], ANY, (...a: GoValue[]) =>
    a
      .filter((x) => unwrap(x) !== null && unwrap(x) !== undefined)
      .map((x) => sprintf('%q', [strval(x)]))
      .join(' '),
  ),
  def('squote', [], ANY, (...a: GoValue[]) =>
    a
      .filter((x) => unwrap(x) !== null && unwrap(x) !== undefined)
      .map((x) => `'${formatValue(unwrap(x))}'`)
      .join(' '),
  ),
  def('cat', [], ANY, (...a: GoValue[]) =>
    a
      .filter((x) => unwrap(x) !== null && unwrap(x) !== undefined)
      .map((x) => formatValue(unwrap(x)))
      .join(' '),
  ),
  def('indent', ['int', 'string'], undefined, (n: bigint, v: string) => {
    const pad = repeat(n, ' ');
    return pad + v.replaceAll('\n', `\n${pad}`);
  }),
  def('nindent', ['int', 'string'], undefined, (n: bigint, v: string) => {
    const pad = repeat(n, ' ');
    return `\n${pad}${v.replaceAll('\n', `\n${pad}`)}`;
  }),
  def('replace', ['string', 'string', 'string'], undefined, (o: string, n: string, s: string) =>
    o === '' ? n + goSplit(s, '').join(n) + (s === '' ? '' : n) : s.split(o).join(n),
  ),
  def('plural', ['string', 'string', 'int'], undefined, (one: string, many: string, c: bigint) =>
    c === 1n ? one : many,
  ),
  def('toString', [ANY], undefined, strval),
  def('split', ['string', 'string'], undefined, (sep: string, s: string) =>
    splitMap(goSplit(s, sep)),
  ),
  def('splitList', ['string', 'string'], undefined, (sep: string, s: string) =>
    stringList(goSplit(s, sep)),
  ),
  def('splitn', ['string', 'int', 'string'], undefined, (sep: string, n: bigint, s: string) =>
    splitMap(goSplit(s, sep, Number(n))),
  ),
  def('toStrings', [ANY], undefined, strslice),
  def('join', ['string', ANY], undefined, (sep: string, v: GoValue) => strslice(v).join(sep)),
  def('sortAlpha', [ANY], undefined, (v: GoValue) => {
    const u = unwrap(v);
    if (!Array.isArray(u)) return stringList([strval(u)]);
    return stringList([...strslice(u)].sort(compareStrings));
  }),
];
