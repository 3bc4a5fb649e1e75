// The edit check for files the fast scanner handled. Each edit there replaces a one-line scalar
// inside one line, and block YAML is read line by line: the other lines keep their bytes and
// their reading. So each edited line is read again on its own, before and after: same key or
// dash, same comment, one scalar that now reads back as the new value. Anything beyond the fast
// scanner (say a value that had to be written with escapes) goes to the general check.

import { parse } from 'yaml';
import type { MarkedScalar } from '../locate.ts';
import type { Outline } from '../outline.ts';
import type { Rewritten } from '../verify.ts';
import { isPlainWordString, isYaml11NonStringScalar } from '../yaml11.ts';
import { scanBlockYaml } from './block-scanner.ts';

/** Edited is one marked scalar, the value written into it and the splices that wrote it. */
export interface Edited extends Rewritten {
  readonly marked: MarkedScalar;
}

// A plain scalar must read back as the same string in YAML 1.2 and must not be one of YAML
// 1.1's non-strings, which Kubernetes tooling still reads. Words that are known strings skip the
// parser; other values are parsed.
function plainReadsBack(value: string): boolean {
  if (isYaml11NonStringScalar(value)) return false;
  if (isPlainWordString(value)) return true;
  try {
    return (parse(`k: ${value}\n`) as { k?: unknown } | null)?.k === value;
  } catch {
    return false;
  }
}

// One line on its own as a small document: a mapping entry from its key, or a sequence item as
// the single item of a sequence under a key.
function standalone(line: string, column: number, kind: string): string {
  return kind === 'seq-item' ? `k:\n${line.slice(column)}\n` : `${line.slice(column)}\n`;
}

function readLine(text: string) {
  const o = scanBlockYaml(text);
  const slots = o?.documents[0]?.slots;
  if (o?.documents.length !== 1 || slots?.length !== 1) return undefined;
  return { keys: o.keys.join('\n'), comments: o.commentTexts.join('\n'), slot: slots[0] };
}

/** verifyEditedLines returns undefined when after is before with exactly the edited scalars changed. */
export function verifyEditedLines(
  outline: Outline,
  after: string,
  edited: readonly Edited[],
  general: () => string | undefined,
): string | undefined {
  const { lines } = outline;
  const before = lines.text;
  const ordered = [...edited].sort((a, b) => a.marked.start - b.marked.start);
  const changed = 'the file changed outside the marked values';
  let shift = 0;
  let previousLine = -1;
  let previousEnd = 0;
  for (const e of ordered) {
    const place = outline.documents[e.marked.document]?.slots[e.marked.slot]?.place;
    const line = lines.lineOf(e.marked.start);
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const grown = e.splices.reduce((n, s) => n + s.text.length - (s.end - s.start), 0);
    const oneLine = e.splices.every(
      (s) => s.start >= start && s.end <= end && !/[\r\n]/.test(s.text),
    );
    // Two edits on one line, or a place without a column, are left to the general check.
    if (!place || place.kind === 'flow' || !oneLine || line === previousLine) return general();
    previousLine = line;
    // Every byte between the edited lines is as before.
    if (before.slice(previousEnd, start) !== after.slice(previousEnd + shift, start + shift)) {
      return changed;
    }
    previousEnd = end;
    const column = (place.kind === 'seq-item' ? place.dash : start + place.mapColumn) - start;
    const was = readLine(standalone(before.slice(start, end), column, place.kind));
    const now = readLine(
      standalone(after.slice(start + shift, end + shift + grown), column, place.kind),
    );
    shift += grown;
    if (!was || !now) return general();
    if (
      was.keys !== now.keys ||
      was.comments !== now.comments ||
      was.slot?.value !== e.marked.oldValue
    ) {
      return changed;
    }
    const back = now.slot;
    if (!back || back.value !== e.value || (back.style === 'PLAIN' && !plainReadsBack(e.value))) {
      return `the new value ${JSON.stringify(e.value)} would read back as ${JSON.stringify(back?.value)}`;
    }
  }
  if (before.slice(previousEnd) !== after.slice(previousEnd + shift)) return changed;
  return undefined;
}
