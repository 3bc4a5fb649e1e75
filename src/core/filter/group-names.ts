// Go (≥ 1.22) accepts a capture group name used twice; re2js rejects it. To accept exactly what
// Go accepts, duplicated names are renamed to unique placeholders before compiling, and the
// original names are kept per group index for Expand.

/** RenamedPattern is a pattern whose duplicate group names were made unique. */
export interface RenamedPattern {
  readonly pattern: string;
  /** names[i] is the original name of capture group i ('' for unnamed and group 0). */
  readonly names: readonly string[];
  /** placeholders maps each placeholder back to the original name, for error messages. */
  readonly placeholders: ReadonlyMap<string, string>;
}

const placeholderPrefix = 'tagpilotDupGroup';

/** renameDuplicateGroups scans Go regexp syntax and renames second and later uses of a name. */
export function renameDuplicateGroups(pattern: string): RenamedPattern {
  const names: string[] = [''];
  const seen = new Set<string>();
  const placeholders = new Map<string, string>();
  let out = '';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i] as string;
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end < 0 ? n : end + 2;
        out += pattern.slice(i, stop);
        i = stop;
        continue;
      }
      out += pattern.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '[') {
      const stop = classEnd(pattern, i);
      out += pattern.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '(') {
      const named = /^\(\?P?<([^>]*)>/.exec(pattern.slice(i, i + 260));
      if (named) {
        const name = named[1] as string;
        const index = names.length;
        names.push(name);
        let written = name;
        if (seen.has(name)) {
          written = `${placeholderPrefix}${index}`;
          placeholders.set(written, name);
        }
        seen.add(name);
        out += (named[0] as string).replace(`<${name}>`, `<${written}>`);
        i += (named[0] as string).length;
        continue;
      }
      if (pattern[i + 1] !== '?') names.push('');
    }
    out += c;
    i++;
  }
  return { pattern: out, names, placeholders };
}

/** classEnd returns the index just past the character class starting at `[` (or the end). */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // a leading ']' is literal
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close >= 0) {
        i = close + 2;
        continue;
      }
    }
    if (c === ']') return i + 1;
    i++;
  }
  return pattern.length;
}
