// sprig's regex functions with Go regexp semantics on RE2 (re2js): leftmost-first matches, Go's
// rule for empty matches next to a previous match, and Go's `$name` replacement expansion.
import { RE2JS } from 're2js';
import { type GoValue, typed } from '../values.ts';
import { fail } from './cast.ts';
import { type Def, def, stringList } from './def.ts';

const cache = new Map<string, RE2JS>();

function compile(expr: string, mustPanic: boolean): RE2JS {
  const hit = cache.get(expr);
  if (hit) return hit;
  try {
    const re = RE2JS.compile(expr);
    if (cache.size > 256) cache.clear();
    cache.set(expr, re);
    return re;
  } catch (err) {
    const msg = (err as Error).message;
    return fail(mustPanic ? `regexp: Compile(${goQuoteBack(expr)}): ${msg}` : msg);
  }
}

function goQuoteBack(s: string): string {
  return s.includes('`') ? JSON.stringify(s) : `\`${s}\``;
}

interface Match {
  start: number;
  end: number;
  groups: (readonly [number, number] | null)[];
}

/** allMatches is Go's FindAll*Index loop (n < 0: unlimited). */
function allMatches(re: RE2JS, s: string, n: number): Match[] {
  const out: Match[] = [];
  const m = re.matcher(s);
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    if (!m.find(pos)) break;
    const start = m.start();
    const end = m.end();
    let accept = true;
    if (end === start && start === prevEnd) accept = false;
    if (end === start) {
      const cp = s.codePointAt(start);
      pos = start + (cp !== undefined && cp > 0xffff ? 2 : 1);
      if (start >= s.length) pos = s.length + 1;
    } else pos = end;
    prevEnd = end;
    if (accept) {
      const groups: (readonly [number, number] | null)[] = [];
      for (let g = 0; g <= m.groupCount(); g++) {
        groups.push(m.start(g) < 0 ? null : [m.start(g), m.end(g)]);
      }
      out.push({ start, end, groups });
    }
  }
  return out;
}

function expand(tmpl: string, s: string, match: Match, names: Record<string, number>): string {
  let out = '';
  let t = tmpl;
  for (;;) {
    const i = t.indexOf('$');
    if (i < 0) break;
    out += t.slice(0, i);
    t = t.slice(i + 1);
    if (t[0] === '$') {
      out += '$';
      t = t.slice(1);
      continue;
    }
    const brace = t[0] === '{';
    const m = /^[\p{L}\p{Nd}_]+/u.exec(brace ? t.slice(1) : t);
    if (!m || (brace && t[1 + m[0].length] !== '}')) {
      out += '$';
      continue;
    }
    const name = m[0];
    t = t.slice(name.length + (brace ? 2 : 0));
    let idx = /^\d+$/.test(name) && !(name[0] === '0' && name.length > 1) ? Number(name) : -1;
    if (idx < 0 && Object.hasOwn(names, name)) idx = names[name]!;
    const g = idx >= 0 ? match.groups[idx] : null;
    if (g) out += s.slice(g[0], g[1]);
  }
  return out + t;
}

function replaceAll(re: RE2JS, s: string, repl: string, literal: boolean): string {
  const names = re.namedGroups() as Record<string, number>;
  let out = '';
  let last = 0;
  for (const m of allMatches(re, s, -1)) {
    out += s.slice(last, m.start) + (literal ? repl : expand(repl, s, m, names));
    last = m.end;
  }
  return out + s.slice(last);
}

function split(re: RE2JS, expr: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (expr.length > 0 && s.length === 0) return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of allMatches(re, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m.start;
    if (m.end !== 0) out.push(s.slice(beg, end));
    beg = m.end;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
const nilStrings = (): GoValue[] => typed([], { name: '[]string', elem: 'string', nil: true });

/** regexFuncs are sprig's regular-expression functions. */
export const regexFuncs: Def[] = [
  def('regexMatch', ['string', 'string'], undefined, (r: string, s: string) => {
    try {
      return compile(r, false).matcher(s).find();
    } catch {
      return false;
    }
  }),
  def('mustRegexMatch', ['string', 'string'], undefined, (r: string, s: string) =>
    compile(r, false).matcher(s).find(),
  ),
  def('regexFindAll', ['string', 'string', 'int'], undefined, (r: string, s: string, n: bigint) => {
    const ms = allMatches(compile(r, true), s, Number(n));
    return ms.length ? stringList(ms.map((m) => s.slice(m.start, m.end))) : nilStrings();
  }),
  def(
    'mustRegexFindAll',
    ['string', 'string', 'int'],
    undefined,
    (r: string, s: string, n: bigint) => {
      const ms = allMatches(compile(r, false), s, Number(n));
      return ms.length ? stringList(ms.map((m) => s.slice(m.start, m.end))) : nilStrings();
    },
  ),
  def('regexFind', ['string', 'string'], undefined, (r: string, s: string) => {
    const m = allMatches(compile(r, true), s, 1)[0];
    return m ? s.slice(m.start, m.end) : '';
  }),
  def('mustRegexFind', ['string', 'string'], undefined, (r: string, s: string) => {
    const m = allMatches(compile(r, false), s, 1)[0];
    return m ? s.slice(m.start, m.end) : '';
  }),
  def(
    'regexReplaceAll',
    ['string', 'string', 'string'],
    undefined,
    (r: string, s: string, p: string) => replaceAll(compile(r, true), s, p, false),
  ),
  def(
    'mustRegexReplaceAll',
    ['string', 'string', 'string'],
    undefined,
    (r: string, s: string, p: string) => replaceAll(compile(r, false), s, p, false),
  ),
  def(
    'regexReplaceAllLiteral',
    ['string', 'string', 'string'],
    undefined,
    (r: string, s: string, p: string) => replaceAll(compile(r, true), s, p, true),
  ),
  def(
    'mustRegexReplaceAllLiteral',
    ['string', 'string', 'string'],
    undefined,
    (r: string, s: string, p: string) => replaceAll(compile(r, false), s, p, true),
  ),
  def('regexSplit', ['string', 'string', 'int'], undefined, (r: string, s: string, n: bigint) =>
    stringList(split(compile(r, true), r, s, Number(n))),
  ),
  def('mustRegexSplit', ['string', 'string', 'int'], undefined, (r: string, s: string, n: bigint) =>
    stringList(split(compile(r, false), r, s, Number(n))),
  ),
  def('regexQuoteMeta', ['string'], undefined, quoteMeta),
];
