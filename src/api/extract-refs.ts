// Which capture groups an ImagePolicy `filterTags.extract` template refers to, read with Go's
// Regexp.Expand rules ($name, ${name}, $1, $$; a name is the longest run of letters, digits, _).

const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;

/** ExtractRef is one group reference: by number, or by name. */
export type ExtractRef = { readonly num: number } | { readonly name: string };

/** extractRefs lists the group references in a template, in order. */
export function extractRefs(template: string): ExtractRef[] {
  const refs: ExtractRef[] = [];
  let t = template;
  for (;;) {
    const dollar = t.indexOf('$');
    if (dollar < 0) return refs;
    t = t.slice(dollar + 1);
    if (t.startsWith('$')) {
      t = t.slice(1);
      continue;
    }
    const brace = t.startsWith('{');
    const body = brace ? t.slice(1) : t;
    let n = 0;
    for (const ch of body) {
      if (!NAME_CHAR.test(ch)) break;
      n += ch.length;
    }
    if (n === 0 || (brace && body[n] !== '}')) continue; // a literal '$'
    const name = body.slice(0, n);
    t = body.slice(brace ? n + 1 : n);
    const numeric =
      [...name].every((c) => c >= '0' && c <= '9') && !(name.length > 1 && name.startsWith('0'));
    refs.push(numeric && name.length <= 8 ? { num: Number(name) } : { name });
  }
}

/** missingGroups names the references a pattern with these groups cannot fill. */
export function missingGroups(
  refs: readonly ExtractRef[],
  subexpNames: readonly string[],
): string[] {
  const out: string[] = [];
  for (const r of refs) {
    if ('num' in r) {
      if (r.num >= subexpNames.length) out.push(`$${r.num}`);
    } else if (!subexpNames.includes(r.name)) {
      out.push(`$${r.name}`);
    }
  }
  return out;
}
