// A cheap necessary condition for anchored patterns: `^release-(.*)` can only match tags that
// start with "release-". Checking that first skips the regex engine for most non-matching tags,
// which dominates filter cost on large repositories. It never changes a result: a tag without
// the prefix cannot match.

const metachars = new Set([...'.[]()|*+?{}^$\\']);
const quantifiers = new Set(['*', '?', '{']);

/** literalPrefix returns the text every match must start with, or '' when none is known. */
export function literalPrefix(pattern: string): string {
  // Alternation anywhere could make the anchor apply to one branch only; stay conservative.
  if (pattern[0] !== '^' || pattern.includes('|')) return '';
  let prefix = '';
  let i = 1;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1];
      // Escaped punctuation is a literal; escaped letters and digits are classes or assertions.
      if (next === undefined || /[\p{L}\p{N}]/u.test(next)) break;
      if (quantifiers.has(pattern[i + 2] ?? '')) break;
      prefix += next;
      i += 2;
      continue;
    }
    if (metachars.has(c)) {
      if (quantifiers.has(c)) prefix = prefix.slice(0, -1); // the last char was optional
      break;
    }
    if (quantifiers.has(pattern[i + 1] ?? '')) break;
    prefix += c;
    i++;
  }
  return prefix;
}
