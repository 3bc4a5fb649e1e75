// Independent checks for a setters edit, used by the golden and fuzz tests: (1) the only bytes
// that differ are scalar tokens, and (2) the data differs exactly by the reported changes.
// They use the `yaml` lexer and AST directly, not the setters' own marker logic.

import { CST, isAlias, isMap, isPair, isScalar, isSeq, Lexer, parseAllDocuments } from 'yaml';
import type { Change } from '../result.ts';

const control = new Set(['\x02', '\x18', '\x1f']);
const scalarTypes = new Set([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
]);

// Source tokens of text, with block scalar bodies left out (they are scalar content, and a block
// scalar may become a quoted one); `all` is every source token, to check the lexer is faithful.
function tokens(text: string): { all: string[]; kept: string[] } {
  const all: string[] = [];
  const kept: string[] = [];
  let afterHeader = false;
  let bodyNext = false;
  for (const t of new Lexer().lex(text)) {
    if (control.has(t)) continue;
    all.push(t);
    const type = CST.tokenType(t);
    if (bodyNext) {
      bodyNext = false;
      afterHeader = false;
      continue;
    }
    if (type === 'block-scalar-header') afterHeader = true;
    else if (afterHeader && type === 'newline') bodyNext = true;
    kept.push(t);
  }
  return { all, kept };
}

/** bytesOutsideScalarsError returns why after differs from before outside scalar tokens, or undefined. */
export function bytesOutsideScalarsError(before: string, after: string): string | undefined {
  const ta = tokens(before);
  const tb = tokens(after);
  if (ta.all.join('') !== before || tb.all.join('') !== after)
    return 'lexer did not reproduce the text';
  const a = ta.kept;
  const b = tb.kept;
  if (a.length !== b.length) return `token count changed from ${a.length} to ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    const tx = CST.tokenType(x);
    const ty = CST.tokenType(y);
    const ok = (!tx || scalarTypes.has(tx)) && (!ty || scalarTypes.has(ty));
    if (!ok)
      return `token ${i} changed from ${JSON.stringify(x)} (${tx}) to ${JSON.stringify(y)} (${ty})`;
  }
  return undefined;
}

function leaves(text: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (node: unknown, path: string): void => {
    if (isScalar(node)) out.push([path, String(node.value)]);
    else if (isAlias(node)) out.push([path, `*${node.source}`]);
    else if (isMap(node) || isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isPair(item)) {
          const key = isScalar(item.key) ? String(item.key.value) : `#${i}`;
          walk(item.key, `${path}/?${key}`);
          walk(item.value, `${path}/${key}`);
        } else walk(item, `${path}/${i}`);
      });
    }
  };
  parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false }).forEach((doc, d) => {
    walk(doc.contents, `${d}`);
  });
  return out;
}

/** dataChangeError returns why the data of after is not before plus exactly `changes`, or undefined. */
export function dataChangeError(
  before: string,
  after: string,
  changes: readonly Change[],
): string | undefined {
  const a = leaves(before);
  const b = leaves(after);
  if (a.length !== b.length) return `leaf count changed from ${a.length} to ${b.length}`;
  const diffs: Change[] = [];
  for (let i = 0; i < a.length; i++) {
    const [pa, va] = a[i] as [string, string];
    const [pb, vb] = b[i] as [string, string];
    if (pa !== pb) return `path ${pa} became ${pb}`;
    if (va !== vb) diffs.push({ oldValue: va, newValue: vb, setter: pa });
  }
  const got = diffs.map((d) => `${d.oldValue} -> ${d.newValue}`);
  const want = changes.map((c) => `${c.oldValue} -> ${c.newValue}`);
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    return `data changes ${JSON.stringify(got)} differ from reported ${JSON.stringify(want)}`;
  }
  return undefined;
}
