// flux checks --filter-extract before export: every `$name`/`${name}` must be a named group.
import { UsageError } from '../command.ts';

function isNameChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';
}

/** checkExtractTemplate throws flux's UsageError for a malformed template or an unknown group. */
export function checkExtractTemplate(template: string, groupNames: readonly string[]): void {
  let t = template;
  for (;;) {
    const i = t.indexOf('$');
    if (i < 0) return;
    t = t.slice(i);
    if (t[1] === '$') {
      t = t.slice(2);
      continue;
    }
    const brace = t[1] === '{';
    let j = brace ? 2 : 1;
    while (j < t.length && isNameChar(t[j] as string)) j++;
    const name = t.slice(brace ? 2 : 1, j);
    if (name === '' || (brace && t[j] !== '}')) {
      throw new UsageError('--filter-extract is malformed');
    }
    t = t.slice(brace ? j + 1 : j);
    const isNumber = [...name].every((c) => c >= '0' && c <= '9');
    if (!isNumber && !groupNames.includes(name)) {
      throw new UsageError(
        `capture group $${name} used in --filter-extract not found in --filter-regex`,
      );
    }
  }
}
