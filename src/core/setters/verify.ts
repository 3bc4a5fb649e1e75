// The safety net after splicing: lex the new text again and check that every token outside the
// spliced spans is exactly as before (so the structure, keys, comments and all other values are
// unchanged), that each span is whole tokens, and that each rewritten scalar reads back as its
// intended string. A file that fails this is not written.

import { CST, Lexer, parse } from 'yaml';
import type { Splice } from './render.ts';
import { isYaml11NonStringScalar } from './yaml11.ts';

const control = new Set(['\x02', '\x18', '\x1f']);

interface Tok {
  readonly offset: number;
  readonly source: string;
}

function lex(text: string, lexemes?: Iterable<string>): Tok[] {
  const out: Tok[] = [];
  let offset = 0;
  for (const t of lexemes ?? new Lexer().lex(text)) {
    if (control.has(t)) continue;
    out.push({ offset, source: t });
    offset += t.length;
  }
  return out;
}

// Tokens outside the ranges (as source strings) and how many tokens each range holds, or
// undefined when a token straddles a range edge.
function split(
  tokens: readonly Tok[],
  ranges: readonly [number, number][],
): { outside: string[]; inside: number[] } | undefined {
  const outside: string[] = [];
  const inside = ranges.map(() => 0);
  let r = 0;
  for (const t of tokens) {
    const end = t.offset + t.source.length;
    while (r < ranges.length && (ranges[r] as [number, number])[1] <= t.offset && t.source !== '')
      r++;
    const range = ranges[r];
    if (!range || end <= range[0]) {
      outside.push(t.source);
      continue;
    }
    if (t.offset < range[0] || end > range[1]) return undefined;
    inside[r] = (inside[r] ?? 0) + 1;
  }
  return { outside, inside };
}

/** Rewritten is one scalar after splicing: its new text and the value it must read back as. */
export interface Rewritten {
  readonly splices: readonly Splice[];
  readonly value: string;
}

function readBack(text: string): { value: unknown; plain: boolean } {
  const first = text[0];
  if (first === '|' || first === '>') return { value: parse(`k: ${text}`)?.k, plain: false };
  if (first === '"' || first === "'") {
    const type = first === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
    return {
      value: CST.resolveAsScalar({ type, offset: 0, indent: 0, source: text }).value,
      plain: false,
    };
  }
  return { value: parse(`k: ${text}\n`)?.k, plain: true };
}

/** verifyEdit returns undefined when after is before with exactly the rewritten scalars changed. */
export function verifyEdit(
  before: string,
  after: string,
  rewritten: readonly Rewritten[],
  beforeLexemes?: readonly string[],
): string | undefined {
  const all = rewritten.flatMap((r) => r.splices).sort((a, b) => a.start - b.start);
  const beforeRanges: [number, number][] = [];
  const afterRanges: [number, number][] = [];
  let delta = 0;
  const moved = new Map<Splice, number>();
  for (const s of all) {
    beforeRanges.push([s.start, s.end]);
    afterRanges.push([s.start + delta, s.start + delta + s.text.length]);
    moved.set(s, s.start + delta);
    delta += s.text.length - (s.end - s.start);
  }
  const a = split(lex(before, beforeLexemes), beforeRanges);
  const b = split(lex(after), afterRanges);
  if (!a || !b) return 'an edit does not cover whole YAML tokens';
  // Each edit replaces one scalar token (or a block scalar's header or body) by one token.
  const one = (n: number, i: number) => n === 1 || (n === 0 && (all[i] as Splice).text === '');
  if (!a.inside.every((n) => n === 1) || !b.inside.every(one)) {
    return 'an edit does not replace exactly one scalar token';
  }
  const same =
    a.outside.length === b.outside.length && a.outside.every((t, i) => t === b.outside[i]);
  if (!same) return 'the file changed outside the marked values';
  for (const r of rewritten) {
    const text = r.splices
      .filter((s) => s.text !== '')
      .map((s) => after.slice(moved.get(s), (moved.get(s) ?? 0) + s.text.length))
      .join('\n');
    let back: { value: unknown; plain: boolean };
    try {
      back = readBack(text);
    } catch {
      return `the new value ${JSON.stringify(r.value)} does not parse`;
    }
    if (back.value !== r.value || (back.plain && isYaml11NonStringScalar(r.value))) {
      return `the new value ${JSON.stringify(r.value)} would read back as ${JSON.stringify(back.value)}`;
    }
  }
  return undefined;
}
