// Which comment Flux reads as a scalar's marker. kyaml takes the yaml.v3 node's line comment
// when there is one, else its head comment; these rules reproduce yaml.v3's attachment for the
// places markers are written in practice (checked against the Go harness in test/go/setters).

import type { SourceLines } from './source-lines.ts';

/** ScalarPlace says where a scalar sits, in source offsets. */
export type ScalarPlace =
  | SeqItemPlace
  | { readonly kind: 'map-value'; readonly colon: number; readonly mapColumn: number }
  | { readonly kind: 'flow' };

/** FoundComment is the comment Flux would examine for a scalar. */
export interface FoundComment {
  readonly offset: number;
  /** text is the comment (several lines joined by `\n` for a multi-line head comment). */
  readonly text: string;
}

function collectBetween(lines: SourceLines, fromLine: number, toLine: number, out: number[]): void {
  for (let l = fromLine; l < toLine; l++) {
    const c = lines.commentOnlyLine(l);
    if (c !== undefined) out.push(c);
  }
}

// A line made of sequence dashes and then a comment (`  - - # c`): the comment's offset.
function dashesThenComment(lines: SourceLines, line: number): number | undefined {
  const end = lines.lineEnd(line);
  let i = lines.firstNonBlank(line);
  let dashes = 0;
  while (i >= 0 && i < end && lines.text[i] === '-') {
    const next = lines.text[i + 1];
    if (next !== ' ' && next !== '\t') return undefined;
    dashes++;
    i++;
    while (i < end && (lines.text[i] === ' ' || lines.text[i] === '\t')) i++;
  }
  return dashes > 0 && lines.isComment(i) ? i : undefined;
}

type RunLine = { readonly comment?: number; readonly column: number };

// Comments between a key line and what follows it. A comment block right below the key, left of
// the key's collection and followed by a blank line belongs to what precedes (a foot comment).
function pushBelowKey(run: readonly RunLine[], keyColumn: number, out: number[]): void {
  for (let j = 0; j < run.length; j++) {
    const r = run[j] as RunLine;
    if (r.comment === undefined) continue;
    let end = j;
    while (end + 1 < run.length && run[end + 1]?.comment !== undefined) end++;
    const blankAfter = end + 1 < run.length;
    if (!(j === 0 && blankAfter && r.column < keyColumn)) {
      for (let k = j; k <= end; k++) out.push((run[k] as RunLine).comment as number);
    }
    j = end;
  }
}

function runBetween(lines: SourceLines, fromLine: number, toLine: number): RunLine[] {
  const run: RunLine[] = [];
  for (let l = fromLine; l < toLine; l++) {
    const at = lines.firstNonBlank(l);
    if (at < 0) run.push({ column: -1 });
    else if (lines.isComment(at)) run.push({ comment: at, column: at - lines.lineStart(l) });
  }
  return run;
}

/** SeqItemPlace is where a block sequence item sits and what comes before it. */
export interface SeqItemPlace {
  readonly kind: 'seq-item';
  readonly dash: number;
  /** first is set for the sequence's first item. */
  readonly first: boolean;
  /** afterBlock is set when the previous item is a block mapping or sequence. */
  readonly afterBlock: boolean;
  /** parentColumn is the column of the collection holding the sequence. */
  readonly parentColumn: number;
}

// The comment lines above a sequence item that yaml.v3 makes its head comment. Between a previous
// sibling and the item: comments right after the sibling that are followed by a blank line, or
// that are followed by a less indented comment, are the sibling's foot comment; after a block
// mapping or sequence only comments at the item's own column count. The first item takes every
// comment above it except a block right below the key, left of the enclosing collection and
// followed by a blank line.
// (Rules read off yaml.v3's behaviour, checked against the Go harness.)
function collectAbove(lines: SourceLines, place: SeqItemPlace, out: number[]): void {
  const dash = place.dash;
  const dashLine = lines.lineOf(dash);
  if (lines.firstNonBlank(dashLine) !== dash) return;
  const dashColumn = dash - lines.lineStart(dashLine);
  const run: RunLine[] = [];
  let l = dashLine - 1;
  for (; l >= 0; l--) {
    const at = lines.firstNonBlank(l);
    if (at < 0) run.unshift({ column: -1 });
    else if (lines.isComment(at)) run.unshift({ comment: at, column: at - lines.lineStart(l) });
    else break;
  }
  // `- # marker` on an empty item directly above (a sibling or a parent item): yaml.v3 hands the
  // comment down to this item, with every comment in between.
  let first = place.first;
  const handed = l >= 0 ? dashesThenComment(lines, l) : undefined;
  if (handed !== undefined && lines.firstNonBlank(l) - lines.lineStart(l) <= dashColumn) {
    out.push(handed);
    first = true;
  }
  if (first || l < 0) {
    pushBelowKey(run, place.parentColumn, out);
    return;
  }
  let i = 0;
  while (i < run.length && run[i]?.comment !== undefined) i++;
  if (i === run.length) {
    // Adjacent to both the sibling and the item: a foot comment up to where indentation drops.
    i = 0;
    for (let j = 1; j < run.length; j++) {
      if ((run[j] as RunLine).column < (run[j - 1] as RunLine).column) {
        i = j;
        break;
      }
    }
  }
  for (const r of run.slice(i)) {
    if (r.comment === undefined) continue;
    if (place.afterBlock && r.column !== dashColumn) continue;
    out.push(r.comment);
  }
}

function headComments(lines: SourceLines, start: number, place: ScalarPlace): number[] {
  const out: number[] = [];
  const startLine = lines.lineOf(start);
  if (place.kind === 'seq-item') {
    const dashLine = lines.lineOf(place.dash);
    if (startLine > dashLine) {
      const after = lines.trailingComment(place.dash + 1, false);
      if (after !== undefined) out.push(after);
      collectBetween(lines, dashLine + 1, startLine, out);
    }
    collectAbove(lines, place, out);
  } else if (place.kind === 'map-value') {
    pushBelowKey(runBetween(lines, lines.lineOf(place.colon) + 1, startLine), place.mapColumn, out);
  }
  return out.sort((a, b) => a - b);
}

/**
 * markerComment returns the comment Flux examines for a scalar spanning [start, end): its line
 * comment if any, else its head comment. `end` is the end of a flow scalar or of a block scalar's
 * header indicator.
 */
export function markerComment(
  lines: SourceLines,
  start: number,
  end: number,
  place: ScalarPlace,
): FoundComment | undefined {
  const line = lines.trailingComment(end, place.kind === 'flow');
  if (line !== undefined) return { offset: line, text: lines.commentText(line) };
  if (place.kind === 'flow') return undefined;
  const heads = headComments(lines, start, place);
  const first = heads[0];
  if (first === undefined) return undefined;
  return { offset: first, text: heads.map((o) => lines.commentText(o)).join('\n') };
}
