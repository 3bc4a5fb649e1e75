// Finding every scalar that carries a `$imagepolicy` marker, in document order, with the exact
// source span to rewrite. Comments that look like markers but are not read by Flux are returned
// too, so they can be reported instead of silently ignored.

import { type FoundComment, markerComment } from './comments.ts';
import { markerKey, parseMarkerComment, screenToken } from './marker.ts';
import type { Outline, ScalarStyle } from './outline.ts';
import type { ObjectIdentifier } from './result.ts';

/** MarkedScalar is one scalar with a marker, ready to be rewritten. */
export interface MarkedScalar {
  readonly setter: string;
  readonly comment: FoundComment;
  readonly oldValue: string;
  readonly style: ScalarStyle;
  /** start and end delimit the text to replace (for block scalars: header through body). */
  readonly start: number;
  readonly end: number;
  readonly inFlow: boolean;
  readonly object: ObjectIdentifier;
  /** slot indexes the scalar in its document's slots. */
  readonly document: number;
  readonly slot: number;
  /** shadowed marks a value under a later duplicate key, which Flux does not visit. */
  readonly shadowed: boolean;
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

/** locateMarkers returns the marked scalars of every document and the marker comments left over. */
export function locateMarkers(outline: Outline): {
  marked: MarkedScalar[];
  misplaced: Misplaced[];
} {
  const { lines } = outline;
  const marked: MarkedScalar[] = [];
  const used = new Set<number>();
  const comments = lines.commentOffsets();
  // A scalar's marker is its line comment or comments between the content before it and it, so
  // a scalar needs a comment naming the key after the previous scalar and by its own line's end;
  // the others are skipped without working out their comments.
  const withKey = comments.filter((at) => lines.commentText(at).includes(markerKey));
  let k = 0;
  let previous = -1;
  outline.documents.forEach((doc, d) => {
    doc.slots.forEach((s, i) => {
      while (k < withKey.length && (withKey[k] as number) <= previous) k++;
      previous = s.start;
      const near = withKey[k];
      if (near === undefined || near > lines.lineEnd(lines.lineOf(s.headerEnd))) return;
      const comment = markerComment(lines, s.start, s.headerEnd, s.place);
      if (!comment) return;
      const setter = parseMarkerComment(comment.text);
      if (setter === undefined) return;
      used.add(comment.offset);
      marked.push({
        setter,
        comment,
        oldValue: s.value,
        style: s.style,
        start: s.start,
        end: s.end,
        inFlow: s.place.kind === 'flow',
        object: doc.object,
        document: d,
        slot: i,
        shadowed: s.shadowed === true,
      });
    });
  });
  const misplaced: Misplaced[] = [];
  for (const at of comments) {
    if (used.has(at)) continue;
    const text = lines.commentText(at);
    const setter = parseMarkerComment(text);
    const onCollection = outline.collectionLines.has(lines.lineOf(at));
    if (setter !== undefined)
      misplaced.push({ setter, offset: at, onCollection, malformed: false });
    else if (text.includes(screenToken)) {
      misplaced.push({ setter: intendedSetter(text), offset: at, onCollection, malformed: true });
    }
  }
  return { marked, misplaced };
}
