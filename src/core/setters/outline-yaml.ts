// The general outline: built from the `yaml` package's documents and CST, for any YAML Flux reads.

import {
  CST,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Scalar,
} from 'yaml';
import type { ScalarPlace } from './comments.ts';
import type { Outline, OutlineDocument, ScalarStyle, Slot } from './outline.ts';
import type { ParsedFile } from './parse.ts';
import type { ObjectIdentifier } from './result.ts';
import type { SourceLines } from './source-lines.ts';

type TokenLike = { type?: string; offset: number; source?: string; props?: TokenLike[] };

function stringField(node: unknown, key: string): string {
  if (!isMap(node)) return '';
  const v = node.get(key, true);
  return isScalar(v) && v.value !== null ? String(v.value) : '';
}

/** objectIdentifier reads apiVersion, kind, metadata.name and metadata.namespace of a document. */
export function objectIdentifier(doc: Document.Parsed): ObjectIdentifier {
  const root = doc.contents;
  const meta = isMap(root) ? root.get('metadata', true) : undefined;
  return {
    apiVersion: stringField(root, 'apiVersion'),
    kind: stringField(root, 'kind'),
    name: stringField(meta, 'name'),
    namespace: stringField(meta, 'namespace'),
  };
}

/** scalarSpan returns [start, headerEnd, end) of a scalar's own text, or undefined when it has none. */
export function scalarSpan(node: Scalar): [number, number, number] | undefined {
  const tok = node.srcToken as TokenLike | undefined;
  if (!tok || tok.source === undefined) return undefined;
  if (tok.type === 'block-scalar') {
    const header = tok.props?.find((p) => p.type === 'block-scalar-header');
    const last = tok.props?.[tok.props.length - 1];
    if (!header || !last) return undefined;
    const bodyStart = last.offset + (last.source ?? '').length;
    return [
      header.offset,
      header.offset + (header.source ?? '').length,
      bodyStart + tok.source.length,
    ];
  }
  return [tok.offset, tok.offset + tok.source.length, tok.offset + tok.source.length];
}

function itemStartToken(coll: Node, index: number, type: string): number | undefined {
  const tok = coll.srcToken as { items?: { start?: TokenLike[]; sep?: TokenLike[] }[] } | undefined;
  const item = tok?.items?.[index];
  const found = [...(item?.start ?? []), ...(item?.sep ?? [])].find((t) => t.type === type);
  return found?.offset;
}

const isFlow = (node: Node): boolean =>
  (node.srcToken as TokenLike | undefined)?.type === 'flow-collection';

// A block (not flow) mapping or sequence.
function isBlock(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && !isFlow(node);
}

// The string kyaml compares a key by: the scalar's value as written (so `1.0` is not `1`).
function keyName(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const tok = key.srcToken as CST.FlowScalar | CST.BlockScalar | undefined;
  return tok && 'source' in tok ? CST.resolveAsScalar(tok).value : String(key.value);
}

/**
 * visitNodes calls fn for every node of a document in document order, with its place, and
 * whether it sits under a later duplicate of a mapping key (which Flux never visits).
 */
export function visitNodes(
  doc: Document.Parsed,
  lines: SourceLines,
  fn: (node: Node, place: ScalarPlace | undefined, shadowed: boolean) => void,
): void {
  const column = (node: Node): number => {
    const at = (node.srcToken as TokenLike | undefined)?.offset ?? node.range?.[0] ?? 0;
    return at - lines.lineStart(lines.lineOf(at));
  };
  // parentColumn is the column of the block collection that holds `node` (yaml.v3's indent).
  const walk = (
    node: unknown,
    place: ScalarPlace | undefined,
    parentColumn: number,
    shadowed: boolean,
  ): void => {
    if (!node || typeof node !== 'object') return;
    fn(node as Node, place, shadowed);
    if (isMap(node)) {
      const flow = isFlow(node);
      const own = flow ? parentColumn : column(node);
      const seen = new Set<string>();
      node.items.forEach((pair, i) => {
        const name = keyName(pair.key);
        const again = name !== undefined && seen.has(name);
        if (name !== undefined) seen.add(name);
        walk(pair.key, undefined, own, shadowed);
        const colon = itemStartToken(node, i, 'map-value-ind');
        const p: ScalarPlace | undefined = flow
          ? { kind: 'flow' }
          : colon !== undefined
            ? { kind: 'map-value', colon, mapColumn: own }
            : undefined;
        walk(pair.value, p, own, shadowed || again);
      });
    } else if (isSeq(node)) {
      const flow = isFlow(node);
      const own = flow ? parentColumn : column(node);
      node.items.forEach((item, i) => {
        if (isPair(item)) {
          walk(item.key, undefined, own, shadowed);
          walk(item.value, { kind: 'flow' }, own, shadowed);
          return;
        }
        const dash = itemStartToken(node, i, 'seq-item-ind');
        const p: ScalarPlace | undefined = flow
          ? { kind: 'flow' }
          : dash !== undefined
            ? {
                kind: 'seq-item',
                dash,
                first: i === 0,
                afterBlock: isBlock(node.items[i - 1]),
                parentColumn,
              }
            : undefined;
        walk(item, p, own, shadowed);
      });
    }
  };
  walk(doc.contents, undefined, 0, false);
}

/** outlineFromYaml reduces the `yaml` package's documents to an outline. */
export function outlineFromYaml(parsed: ParsedFile): Outline {
  const { lines } = parsed;
  const collectionLines = new Set<number>();
  const documents: OutlineDocument[] = parsed.documents.map((doc) => {
    const slots: Slot[] = [];
    visitNodes(doc, lines, (node, place, shadowed) => {
      if (!place) return;
      if (isMap(node) || isSeq(node) || isAlias(node)) {
        // A marker on the key's line, the dash's line, or after a flow collection's closing bracket.
        if (place.kind === 'map-value') collectionLines.add(lines.lineOf(place.colon));
        if (place.kind === 'seq-item') collectionLines.add(lines.lineOf(place.dash));
        if (isFlow(node) && node.range)
          collectionLines.add(lines.lineOf(Math.max(0, node.range[1] - 1)));
        if (isAlias(node) && node.range) collectionLines.add(lines.lineOf(node.range[0]));
        return;
      }
      if (!isScalar(node)) return;
      const span = scalarSpan(node);
      if (!span) return;
      const token = node.srcToken as CST.FlowScalar | CST.BlockScalar;
      slots.push({
        place,
        style: (node.type ?? 'PLAIN') as ScalarStyle,
        start: span[0],
        headerEnd: span[1],
        end: span[2],
        value: CST.resolveAsScalar(token).value,
        ...(shadowed ? { shadowed } : {}),
      });
    });
    return { object: objectIdentifier(doc), slots };
  });
  return { documents, lines, collectionLines };
}
