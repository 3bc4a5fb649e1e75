// Finding every scalar that carries a `$imagepolicy` marker, in document order, with the exact
// source span to rewrite. Comments that look like markers but are not read by Flux are returned
// too, so they can be reported instead of silently ignored.

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
import { type FoundComment, markerComment, type ScalarPlace } from './comments.ts';
import { markerKey, parseMarkerComment, screenToken } from './marker.ts';
import type { ObjectIdentifier } from './result.ts';
import type { SourceLines } from './source-lines.ts';

/** MarkedScalar is one scalar with a marker, ready to be rewritten. */
export interface MarkedScalar {
  readonly setter: string;
  readonly comment: FoundComment;
  readonly oldValue: string;
  readonly style: Scalar.Type;
  /** start and end delimit the text to replace (for block scalars: header through body). */
  readonly start: number;
  readonly end: number;
  readonly inFlow: boolean;
  readonly object: ObjectIdentifier;
}

/** Misplaced is a marker comment Flux would not read, with what it sits on. */
export interface Misplaced {
  readonly setter: string;
  readonly offset: number;
  readonly onCollection: boolean;
  /** malformed is set when the comment mentions `"$imagepolicy"` but is not a valid marker. */
  readonly malformed: boolean;
}

// The setter a malformed marker meant, read from its first `{` to its last `}` ('' if none).
function intendedSetter(comment: string): string {
  const from = comment.indexOf('{');
  const to = comment.lastIndexOf('}');
  if (from < 0 || to <= from) return '';
  try {
    const v = (JSON.parse(comment.slice(from, to + 1)) as Record<string, unknown>)[markerKey];
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}

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

// A block (not flow) mapping or sequence.
function isBlock(node: unknown): boolean {
  if (!isMap(node) && !isSeq(node)) return false;
  return (node.srcToken as TokenLike | undefined)?.type !== 'flow-collection';
}

/** visitNodes calls fn for every node of a document in document order, with its place. */
export function visitNodes(
  doc: Document.Parsed,
  lines: SourceLines,
  fn: (node: Node, place: ScalarPlace | undefined) => void,
): void {
  const column = (node: Node): number => {
    const at = (node.srcToken as TokenLike | undefined)?.offset ?? node.range?.[0] ?? 0;
    return at - lines.lineStart(lines.lineOf(at));
  };
  // parentColumn is the column of the block collection that holds `node` (yaml.v3's indent).
  const walk = (node: unknown, place: ScalarPlace | undefined, parentColumn: number): void => {
    if (!node || typeof node !== 'object') return;
    fn(node as Node, place);
    if (isMap(node)) {
      const flow = (node.srcToken as TokenLike | undefined)?.type === 'flow-collection';
      const own = flow ? parentColumn : column(node);
      node.items.forEach((pair, i) => {
        walk(pair.key, undefined, own);
        const colon = itemStartToken(node, i, 'map-value-ind');
        const p: ScalarPlace | undefined = flow
          ? { kind: 'flow' }
          : colon !== undefined
            ? { kind: 'map-value', colon, mapColumn: own }
            : undefined;
        walk(pair.value, p, own);
      });
    } else if (isSeq(node)) {
      const flow = (node.srcToken as TokenLike | undefined)?.type === 'flow-collection';
      const own = flow ? parentColumn : column(node);
      node.items.forEach((item, i) => {
        if (isPair(item)) {
          walk(item.key, undefined, own);
          walk(item.value, { kind: 'flow' }, own);
          return;
        }
        const dash = itemStartToken(node, i, 'seq-item-ind');
        const place: ScalarPlace | undefined = flow
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
        walk(item, place, own);
      });
    }
  };
  walk(doc.contents, undefined, 0);
}

/** locateMarkers returns the marked scalars of every document and the marker comments left over. */
export function locateMarkers(
  documents: readonly Document.Parsed[],
  lines: SourceLines,
): { marked: MarkedScalar[]; misplaced: Misplaced[] } {
  const marked: MarkedScalar[] = [];
  const used = new Set<number>();
  const collectionLines = new Set<number>();
  for (const doc of documents) {
    const object = objectIdentifier(doc);
    visitNodes(doc, lines, (node, place) => {
      if ((isMap(node) || isSeq(node) || isAlias(node)) && place) {
        // A marker on the key's line, the dash's line, or after a flow collection's closing bracket.
        if (place.kind === 'map-value') collectionLines.add(lines.lineOf(place.colon));
        if (place.kind === 'seq-item') collectionLines.add(lines.lineOf(place.dash));
        const flow = (node.srcToken as TokenLike | undefined)?.type === 'flow-collection';
        if (flow && node.range) collectionLines.add(lines.lineOf(Math.max(0, node.range[1] - 1)));
        if (isAlias(node) && node.range) collectionLines.add(lines.lineOf(node.range[0]));
        return;
      }
      if (!isScalar(node) || !place) return;
      const span = scalarSpan(node);
      if (!span) return;
      const comment = markerComment(lines, span[0], span[1], place);
      if (!comment) return;
      const setter = parseMarkerComment(comment.text);
      if (setter === undefined) return;
      used.add(comment.offset);
      const resolved = CST.resolveAsScalar(node.srcToken as CST.FlowScalar | CST.BlockScalar);
      marked.push({
        setter,
        comment,
        oldValue: resolved.value,
        style: node.type ?? 'PLAIN',
        start: span[0],
        end: span[2],
        inFlow: place.kind === 'flow',
        object,
      });
    });
  }
  const misplaced: Misplaced[] = [];
  for (const at of lines.commentOffsets()) {
    if (used.has(at)) continue;
    const text = lines.commentText(at);
    const setter = parseMarkerComment(text);
    const onCollection = collectionLines.has(lines.lineOf(at));
    if (setter !== undefined)
      misplaced.push({ setter, offset: at, onCollection, malformed: false });
    else if (text.includes(screenToken)) {
      misplaced.push({ setter: intendedSetter(text), offset: at, onCollection, malformed: true });
    }
  }
  return { marked, misplaced };
}
