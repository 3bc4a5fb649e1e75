// The lexical side of Masterminds/semver v3.5 NewConstraint, written as scanners. Masterminds
// uses Go regexps; their grammar is deterministic (every part is a maximal run that nothing after
// it could consume), so a greedy scan finds exactly the parse Go's leftmost-first matcher finds.
import { isDigit, isIdentChar, isSpace, scanIdents, skipSpaces } from './scan.ts';

/** CvSpan locates the parts of one range version (`v?X(.Y(.Z)?)?(-pre)?(+meta)?`) in its text. */
export interface CvSpan {
  readonly start: number;
  readonly end: number;
  readonly majorStart: number;
  readonly majorEnd: number;
  /** minorEnd/patchEnd equal their start when the part is absent; starts skip the dot. */
  readonly minorStart: number;
  readonly minorEnd: number;
  readonly patchStart: number;
  readonly patchEnd: number;
  /** preStart/preEnd include the leading `-` (empty span when absent). */
  readonly preStart: number;
  readonly preEnd: number;
}

/** Comparison is one `op version` pair of an AND group, as positions in the group text. */
export interface Comparison {
  readonly op: string;
  readonly cv: CvSpan;
}

// A range version part: digits, the wildcards x X *, and (a quirk of the upstream character
// class `[0-9|x|X|\*]`) a literal `|`.
function isPartChar(c: number): boolean {
  return isDigit(c) || c === 120 || c === 88 || c === 42 || c === 124;
}

function scanPart(s: string, i: number): number {
  while (i < s.length && isPartChar(s.charCodeAt(i))) i++;
  return i;
}

function isOpChar(c: number): boolean {
  // = ! > < ~ ^
  return c === 61 || c === 33 || c === 62 || c === 60 || c === 126 || c === 94;
}

const OPS: ReadonlySet<string> = new Set([
  '=',
  '!=',
  '>',
  '<',
  '>=',
  '=>',
  '<=',
  '=<',
  '~',
  '~>',
  '^',
]);

/** scanCv matches a range version starting exactly at i, or returns undefined. */
export function scanCv(s: string, i: number): CvSpan | undefined {
  const n = s.length;
  const start = i;
  if (i < n && s.charCodeAt(i) === 118 /* v */) i++;
  const majorStart = i;
  i = scanPart(s, i);
  if (i === majorStart) return undefined;
  const majorEnd = i;
  let minorStart = i;
  let minorEnd = i;
  let patchStart = i;
  let patchEnd = i;
  if (i + 1 < n && s.charCodeAt(i) === 46 && isPartChar(s.charCodeAt(i + 1))) {
    minorStart = i + 1;
    i = minorEnd = scanPart(s, minorStart);
    patchStart = patchEnd = i;
    if (i + 1 < n && s.charCodeAt(i) === 46 && isPartChar(s.charCodeAt(i + 1))) {
      patchStart = i + 1;
      i = patchEnd = scanPart(s, patchStart);
    }
  }
  const preStart = i;
  if (i + 1 < n && s.charCodeAt(i) === 45 /* - */ && isIdentChar(s.charCodeAt(i + 1))) {
    i = scanIdents(s, i + 1);
  }
  const preEnd = i;
  if (i + 1 < n && s.charCodeAt(i) === 43 /* + */ && isIdentChar(s.charCodeAt(i + 1))) {
    i = scanIdents(s, i + 1);
  }
  return {
    start,
    end: i,
    majorStart,
    majorEnd,
    minorStart,
    minorEnd,
    patchStart,
    patchEnd,
    preStart,
    preEnd,
  };
}

// matchHyphenRange matches `\s*(cv)\s+-\s+(cv)\s*` starting exactly at p.
function matchHyphenRange(s: string, p: number): { end: number; a: CvSpan; b: CvSpan } | undefined {
  const a = scanCv(s, skipSpaces(s, p));
  if (a === undefined) return undefined;
  let i = skipSpaces(s, a.end);
  if (i === a.end || s.charCodeAt(i) !== 45 /* - */) return undefined;
  const afterDash = i + 1;
  i = skipSpaces(s, afterDash);
  if (i === afterDash) return undefined;
  const b = scanCv(s, i);
  if (b === undefined) return undefined;
  return { end: skipSpaces(s, b.end), a, b };
}

// hasSpacedDash tells whether s has a `-` with whitespace on both sides, which every hyphen range
// needs; it spares the position-by-position search for almost every range.
function hasSpacedDash(s: string): boolean {
  for (let i = s.indexOf('-', 1); i > 0 && i + 1 < s.length; i = s.indexOf('-', i + 1)) {
    if (isSpace(s.charCodeAt(i - 1)) && isSpace(s.charCodeAt(i + 1))) return true;
  }
  return false;
}

/**
 * rewriteHyphenRanges turns every `A - B` into `>= A, <= B ` the way Masterminds rewriteRange
 * does: matches are found in the original text, each then replaces the first occurrence of its
 * text in the string rewritten so far.
 */
export function rewriteHyphenRanges(s: string): string {
  if (!hasSpacedDash(s)) return s;
  const matches: { text: string; a: string; b: string }[] = [];
  let from = 0;
  while (from < s.length) {
    let found = false;
    for (let p = from; p < s.length; p++) {
      const m = matchHyphenRange(s, p);
      if (m === undefined) continue;
      matches.push({
        text: s.slice(p, m.end),
        a: s.slice(m.a.start, m.a.end),
        b: s.slice(m.b.start, m.b.end),
      });
      from = m.end;
      found = true;
      break;
    }
    if (!found) break;
  }
  let out = s;
  for (const m of matches) {
    const at = out.indexOf(m.text);
    if (at >= 0) out = `${out.slice(0, at)}>= ${m.a}, <= ${m.b} ${out.slice(at + m.text.length)}`;
  }
  return out;
}

/**
 * scanAndGroup splits one `||` alternative into its comparisons, accepting exactly the texts that
 * match `^\s*op\s*cv\s*((\s+|,\s*)op\s*cv\s*)*$`; undefined when the text does not.
 */
export function scanAndGroup(g: string): Comparison[] | undefined {
  const n = g.length;
  const out: Comparison[] = [];
  let i = 0;
  for (;;) {
    i = skipSpaces(g, i);
    const opStart = i;
    while (i < n && isOpChar(g.charCodeAt(i))) i++;
    const op = g.slice(opStart, i);
    if (op !== '' && !OPS.has(op)) return undefined;
    const cv = scanCv(g, skipSpaces(g, i));
    if (cv === undefined) return undefined;
    out.push({ op, cv });
    const afterCv = cv.end;
    i = skipSpaces(g, afterCv);
    if (i === n) return out;
    // Comparisons are separated by a comma or by at least one space.
    if (g.charCodeAt(i) === 44 /* , */) i++;
    else if (i === afterCv) return undefined;
  }
}
