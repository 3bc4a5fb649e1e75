// Go's Regexp.ExpandString template rules, which ImagePolicy filterTags.extract uses
// (reflector.md §2.6): $name, ${name}, $1, $$; a name is the longest run of letters, digits, _.

const nameChar = /[\p{L}\p{Nd}_]/u;

interface TemplateRef {
  name: string;
  num: number;
  rest: string;
}

/** parseRef reads a group reference after '$' exactly as Go's regexp `extract` does. */
function parseRef(str: string): TemplateRef | undefined {
  if (str === '') return undefined;
  let s = str;
  const brace = s[0] === '{';
  if (brace) s = s.slice(1);
  let i = 0;
  for (const ch of s) {
    if (!nameChar.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = s.slice(0, i);
  if (brace) {
    if (s[i] !== '}') return undefined;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 48 || c > 57 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 48);
  }
  if (name[0] === '0' && name.length > 1) num = -1; // leading zeros make it a name
  return { name, num, rest: s.slice(i) };
}

/** TemplatePart is literal text, a group by index, or a group by name. */
type TemplatePart = string | { readonly num: number } | { readonly name: string };

/** ExpandTemplate is an extract template parsed once, to expand many matches. */
export interface ExpandTemplate {
  expand(src: string, match: readonly number[], subexpNames: readonly string[]): string;
}

/** parseTemplate splits a Go Expand template into literal text and group references. */
export function parseTemplate(template: string): ExpandTemplate {
  const parts: TemplatePart[] = [];
  let literal = '';
  let t = template;
  for (;;) {
    const dollar = t.indexOf('$');
    if (dollar < 0) break;
    literal += t.slice(0, dollar);
    t = t.slice(dollar + 1);
    if (t[0] === '$') {
      literal += '$';
      t = t.slice(1);
      continue;
    }
    const ref = parseRef(t);
    if (!ref) {
      literal += '$'; // malformed reference: the '$' is literal text
      continue;
    }
    t = ref.rest;
    if (literal !== '') parts.push(literal);
    literal = '';
    parts.push(ref.num >= 0 ? { num: ref.num } : { name: ref.name });
  }
  literal += t;
  if (literal !== '') parts.push(literal);
  return {
    expand(src, match, subexpNames) {
      let out = '';
      for (const p of parts) {
        if (typeof p === 'string') {
          out += p;
          continue;
        }
        const index =
          'num' in p
            ? p.num
            : subexpNames.findIndex((n, i) => n === p.name && (match[2 * i] ?? -1) >= 0);
        const start = match[2 * index] ?? -1;
        if (index >= 0 && 2 * index + 1 < match.length && start >= 0) {
          out += src.slice(start, match[2 * index + 1]);
        }
      }
      return out;
    },
  };
}

/** expandTemplate is Go's Regexp.ExpandString(nil, template, src, match). */
export function expandTemplate(
  template: string,
  src: string,
  match: readonly number[],
  subexpNames: readonly string[],
): string {
  return parseTemplate(template).expand(src, match, subexpNames);
}
