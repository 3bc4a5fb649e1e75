// Pieces of the filter fast paths: plain literal text, and simple character classes whose greedy
// run (`[a-f0-9]+`, `\d+`) is followed by a literal that cannot continue the run. Such a run can
// only end at its last class character, so matching needs no regex engine.

/** CharClass tests one UTF-16 code unit (only ASCII classes are parsed). */
export type CharClass = (code: number) => boolean;

/** unescapeLiteral reads regex text made only of literals (escaped punctuation allowed). */
export function unescapeLiteral(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined || /[\p{L}\p{N}]/u.test(next)) return undefined;
      out += next;
      i++;
      continue;
    }
    if ('.[]()|*+?{}^$'.includes(c)) return undefined;
    out += c;
  }
  return out;
}

const digit: CharClass = (c) => c >= 48 && c <= 57;

/** parseClass reads `\d` or a bracket class of ASCII letters, digits, `_` and ranges. */
export function parseClass(text: string): CharClass | undefined {
  if (text === '\\d') return digit;
  const m = /^\[([A-Za-z0-9_]|[A-Za-z0-9]-[A-Za-z0-9])+\]$/.exec(text);
  if (!m) return undefined;
  const ranges: [number, number][] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; ) {
    const a = body.charCodeAt(i);
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const b = body.charCodeAt(i + 2);
      if (b < a) return undefined;
      ranges.push([a, b]);
      i += 3;
    } else {
      ranges.push([a, a]);
      i += 1;
    }
  }
  return (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi);
}

/** ClassRun is `LIT1 CLASS+ LIT2`: where the run of CLASS starts, and what must follow it. */
export interface ClassRun {
  readonly before: string;
  readonly cls: CharClass;
  readonly after: string;
}

/** parseClassRun reads `^LIT1 CLASS+ LIT2` (anchored, capture-free) when LIT2 cannot continue the run. */
export function parseClassRun(text: string): ClassRun | undefined {
  const m = /^\^(.*?)(\\d|\[[^\]]*\])\+(.*)$/s.exec(text);
  if (!m) return undefined;
  const before = unescapeLiteral(m[1] as string);
  const cls = parseClass(m[2] as string);
  const after = unescapeLiteral(m[3] as string);
  if (before === undefined || cls === undefined || after === undefined) return undefined;
  if (after === '' || cls(after.charCodeAt(0))) return undefined;
  return { before, cls, after };
}

/** runEnd returns the index just past `LIT1 CLASS+ LIT2` at the start of s, or -1. */
export function runEnd(r: ClassRun, s: string): number {
  if (!s.startsWith(r.before)) return -1;
  let j = r.before.length;
  const start = j;
  while (j < s.length && r.cls(s.charCodeAt(j))) j++;
  if (j === start || !s.startsWith(r.after, j)) return -1;
  return j + r.after.length;
}
