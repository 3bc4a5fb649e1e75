// The safety net after splicing: re-parse the new text and check that every marked scalar now
// reads back as its intended string and that every other node (keys, values, tags, anchors,
// aliases, document count) is exactly as before. A file that fails this is not written.

import { CST, type Document, isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { visitNodes } from './locate.ts';
import { parseFile } from './parse.ts';
import { isYaml11NonStringScalar } from './yaml11.ts';

function describe(node: Node): string {
  const tag = node.tag ?? '';
  const anchor = node.anchor ?? '';
  if (isAlias(node)) return `alias *${node.source}`;
  if (isScalar(node)) {
    const tok = node.srcToken as CST.FlowScalar | CST.BlockScalar | undefined;
    const text = tok ? CST.resolveAsScalar(tok).value : '';
    return `scalar ${tag} &${anchor} ${JSON.stringify(text)}`;
  }
  if (isMap(node)) return `map ${tag} &${anchor} ${node.items.length}`;
  if (isSeq(node)) return `seq ${tag} &${anchor} ${node.items.length}`;
  return 'pair';
}

function flatten(doc: Document.Parsed): Node[] {
  const out: Node[] = [];
  visitNodes(doc, (node) => out.push(node));
  return out;
}

/** Intended is one value a document ordinal must read back as. */
export interface Intended {
  readonly document: number;
  readonly ordinal: number;
  readonly value: string;
}

/** verifyEdit returns undefined when after differs from before only by the intended values. */
export function verifyEdit(
  before: readonly Document.Parsed[],
  after: string,
  intended: readonly Intended[],
): string | undefined {
  const parsed = parseFile(after);
  if ('error' in parsed) {
    return `the edited file does not parse (line ${parsed.error.line}): ${parsed.error.message}`;
  }
  if (parsed.documents.length !== before.length)
    return 'the edited file has a different number of documents';
  const want = new Map(intended.map((i) => [`${i.document}:${i.ordinal}`, i.value]));
  for (let d = 0; d < before.length; d++) {
    const a = flatten(before[d] as Document.Parsed);
    const b = flatten(parsed.documents[d] as Document.Parsed);
    if (a.length !== b.length) return `document ${d + 1} changed shape after editing`;
    for (let i = 0; i < a.length; i++) {
      const na = a[i] as Node;
      const nb = b[i] as Node;
      const value = want.get(`${d}:${i}`);
      if (value === undefined) {
        if (describe(na) !== describe(nb))
          return `document ${d + 1} changed beyond the marked values`;
        continue;
      }
      if (
        !isScalar(nb) ||
        (na.tag ?? '') !== (nb.tag ?? '') ||
        (na.anchor ?? '') !== (nb.anchor ?? '')
      ) {
        return `a marked value in document ${d + 1} is no longer the same scalar`;
      }
      const tok = nb.srcToken as CST.FlowScalar | CST.BlockScalar | undefined;
      const text = tok ? CST.resolveAsScalar(tok).value : undefined;
      const plainOk =
        nb.type !== 'PLAIN' || (!isYaml11NonStringScalar(value) && nb.value === value);
      if (text !== value || !plainOk) {
        return `a marked value in document ${d + 1} would read back as ${JSON.stringify(nb.value)}, not ${JSON.stringify(value)}`;
      }
    }
  }
  return undefined;
}
