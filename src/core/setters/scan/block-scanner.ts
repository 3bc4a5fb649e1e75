// The fast path of the setters: a one-pass, line-based scanner for the block YAML that GitOps
// repositories are made of (mappings, sequences, one-line plain and quoted scalars, block
// scalars, empty flow collections, comments, `---`). It builds the same outline as the general
// parser at a small fraction of its cost, and gives up (returns undefined) on anything else:
// tabs, CR, BOM, escapes, anchors, tags, non-empty flow collections, multi-line flow scalars,
// head-comment markers, unusual documents. The general parser then handles that file.

import { markerKey } from '../marker.ts';
import type { Outline, OutlineDocument, Slot } from '../outline.ts';
import { SourceLines } from '../source-lines.ts';
import { Documents, type Frame, type Pending } from './documents.ts';
import {
  plainMayNotBeString,
  readFlowSequence,
  readKey,
  readPlainRun,
  readQuoted,
} from './scalars.ts';

const SPACE = 0x20;
const valueOnlyStart = new Set([...'#[{|>'].map((c) => c.charCodeAt(0)));
const HASH = 0x23;
const DASH = 0x2d;

// Characters the scanner never handles: controls (tab included), a CR not ending a line, NEL,
// line/paragraph separators, BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const unsupported = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]/;
const loneCR = /\r(?!\n)/;

interface BlockBody {
  readonly slot: Omit<Slot, 'end' | 'value'>;
  readonly ownerColumn: number;
  bodyIndent: number;
  end: number;
}

/** FastOutline is an outline plus what the edit check compares: every key, every comment. */
export interface FastOutline extends Outline {
  readonly keys: readonly string[];
  readonly commentTexts: readonly string[];
}

class Scanner {
  readonly text: string;
  readonly lineStarts: number[] = [];
  readonly comments = new Set<number>();
  readonly commentTexts: string[] = [];
  readonly docs: Documents;
  line = 0;
  /** nextStart is where the line after the current one starts (a block scalar body ends there). */
  nextStart = 0;
  block: BlockBody | undefined;

  constructor(text: string) {
    this.text = text;
    this.docs = new Documents();
  }

  run(): FastOutline | undefined {
    const { text } = this;
    // Two searches: one character class is a fast scan, an alternation in it is not.
    if (unsupported.test(text) || (text.includes('\r') && loneCR.test(text))) return undefined;
    let pos = 0;
    for (;;) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = text.length;
      this.nextStart = nl < text.length ? nl + 1 : nl;
      // A line's content ends before a CRLF's CR.
      const eol = nl > pos && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
      this.lineStarts.push(pos);
      if (!this.scanLine(pos, eol)) return undefined;
      if (nl >= text.length) break;
      pos = nl + 1;
      this.line++;
    }
    if (!this.endBlock() || !this.docs.finish()) return undefined;
    const lines = new SourceLines(text, this.lineStarts, this.comments);
    return {
      documents: this.docs.documents as OutlineDocument[],
      lines,
      collectionLines: this.docs.collectionLines,
      keys: this.docs.keys,
      commentTexts: this.commentTexts,
    };
  }

  scanLine(start: number, eol: number): boolean {
    const { text } = this;
    let i = start;
    while (i < eol && text.charCodeAt(i) === SPACE) i++;
    const indent = i - start;
    if (this.block) {
      if (i === eol) return i === start || this.block.bodyIndent >= 0;
      if (indent > this.block.ownerColumn) {
        if (this.block.bodyIndent < 0) this.block.bodyIndent = indent;
        else if (indent < this.block.bodyIndent) return false;
        this.block.end = this.nextStart;
        return true;
      }
      if (!this.endBlock()) return false;
    }
    if (i === eol) return true;
    const c = text.charCodeAt(i);
    if (c === HASH) return this.comment(i, eol, false);
    if (indent === 0) {
      if (text.startsWith('---', i) && (i + 3 === eol || text.charCodeAt(i + 3) === SPACE)) {
        this.docs.separator();
        let j = i + 3;
        while (j < eol && text.charCodeAt(j) === SPACE) j++;
        return j === eol || (text.charCodeAt(j) === HASH && this.comment(j, eol, false));
      }
      if (text.startsWith('...', i) || c === 0x25 /* % */) return false;
    }
    return this.content(i, eol, indent);
  }

  // A comment token; markers are accepted only where the caller knows it is a scalar's line comment.
  comment(at: number, eol: number, markerAllowed: boolean): boolean {
    const idx = this.text.indexOf(markerKey, at);
    if (!markerAllowed && idx >= 0 && idx < eol) return false;
    this.comments.add(at);
    this.commentTexts.push(this.text.slice(at, eol));
    return true;
  }

  content(at: number, eol: number, column: number): boolean {
    const { docs, text } = this;
    const dash =
      text.charCodeAt(at) === DASH && (at + 1 === eol || text.charCodeAt(at + 1) === SPACE);
    // A pending entry gets the block collection that starts here as its value, or else none
    // (an empty scalar, which is not a slot).
    const p = docs.takePending();
    if (p) {
      const owner = p.frame.column;
      if (column > owner || (column === owner && dash && p.place.kind === 'map-value')) {
        const frame = docs.openNested(p, dash ? 'seq' : 'map', column);
        if (!frame) return false;
        return dash ? this.seqEntry(frame, at, eol) : this.keyEntry(frame, at, eol);
      }
    }
    const top = docs.frameFor(column, dash);
    if (!top) return false;
    if (top.kind === 'map') return !dash && this.keyEntry(top, at, eol);
    return dash && this.seqEntry(top, at, eol);
  }

  keyEntry(frame: Frame, at: number, eol: number): boolean {
    const k = readKey(this.text, at, eol);
    if (k === undefined || k === 'scalar') return false;
    const field = this.docs.addKey(frame, k.key);
    if (field === false) return false;
    const shadowed = this.docs.repeatedKey(frame, k.key) || frame.shadowed;
    const place = { kind: 'map-value', colon: k.colon, mapColumn: frame.column } as const;
    const p: Pending = { place, line: this.line, field, frame, shadowed };
    return this.value(frame, p, k.colon + 1, eol);
  }

  seqEntry(frame: Frame, dashAt: number, eol: number): boolean {
    const { text } = this;
    const place = this.docs.seqItemPlace(frame, dashAt);
    let v = dashAt + 1;
    while (v < eol && text.charCodeAt(v) === SPACE) v++;
    if (
      v < eol &&
      text.charCodeAt(v) === DASH &&
      (v + 1 === eol || text.charCodeAt(v + 1) === SPACE)
    ) {
      return false;
    }
    const pending: Pending = {
      place,
      line: this.line,
      field: undefined,
      frame,
      shadowed: frame.shadowed,
    };
    // A flow collection or block scalar item is a value; anything else may be a compact mapping.
    if (v < eol && !valueOnlyStart.has(text.charCodeAt(v))) {
      const k = readKey(text, v, eol);
      if (k === undefined) return false;
      if (k !== 'scalar') {
        const column = v - (this.lineStarts[this.line] ?? 0);
        const map = this.docs.openNested(pending, 'map', column);
        return map !== undefined && this.keyEntry(map, v, eol);
      }
    }
    return this.value(frame, pending, dashAt + 1, eol);
  }

  // The value after `key:` or `- `, starting at or after `from`.
  value(frame: Frame, p: Pending, from: number, eol: number): boolean {
    const { text, docs } = this;
    let v = from;
    while (v < eol && text.charCodeAt(v) === SPACE) v++;
    if (v === eol || text.charCodeAt(v) === HASH) {
      docs.setPending(p);
      return v === eol || (v > from && this.comment(v, eol, false));
    }
    if (v === from) return false;
    const c = text[v];
    if (c === '"' || c === "'") {
      const q = readQuoted(text, v, eol);
      if (!q) return false;
      const slot: Slot = {
        place: p.place,
        style: q.style,
        start: q.start,
        headerEnd: q.end,
        end: q.end,
        value: q.value,
      };
      return docs.addScalar(p, slot, false) && this.trailing(q.end, eol, true);
    }
    if (c === '|' || c === '>') return this.blockHeader(frame, p, v, eol);
    if (c === '{') {
      if (text[v + 1] !== '}') return false;
      return docs.flowCollection(p, this.line, []) && this.trailing(v + 2, eol, false);
    }
    if (c === '[') {
      const seq = readFlowSequence(text, v, eol);
      if (!seq) return false;
      const slots = seq.items.map(
        (q): Slot => ({
          place: { kind: 'flow' },
          style: q.style,
          start: q.start,
          headerEnd: q.end,
          end: q.end,
          value: q.value,
        }),
      );
      return docs.flowCollection(p, this.line, slots) && this.trailing(seq.end, eol, false);
    }
    const run = readPlainRun(text, v, eol);
    if (!run || run.colon >= 0) return false;
    const value = text.slice(v, run.end);
    const slot: Slot = {
      place: p.place,
      style: 'PLAIN',
      start: v,
      headerEnd: run.end,
      end: run.end,
      value,
    };
    return docs.addScalar(p, slot, plainMayNotBeString(value)) && this.trailing(run.end, eol, true);
  }

  blockHeader(frame: Frame, p: Pending, at: number, eol: number): boolean {
    const { text } = this;
    let h = at + 1;
    // Keep chomping (`+`) makes trailing blank lines part of the token; not handled here.
    if (text[h] === '-') h++;
    if (h < eol && text.charCodeAt(h) !== SPACE) return false;
    // A block scalar never names the object here (identifier fields go to the general parser).
    if (!this.trailing(h, eol, false) || p.field !== undefined) return false;
    const style = text[at] === '|' ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED';
    this.block = {
      slot: {
        place: p.place,
        style,
        start: at,
        headerEnd: h,
        ...(p.shadowed ? { shadowed: true } : {}),
      },
      ownerColumn: frame.column,
      bodyIndent: -1,
      end: this.nextStart,
    };
    return true;
  }

  // Ends the open block scalar; false for one without content (its token's extent varies).
  endBlock(): boolean {
    const b = this.block;
    if (!b) return true;
    this.block = undefined;
    if (b.bodyIndent < 0) return false;
    // The body's raw text stands in for its value: the edit check compares it before and after.
    const value = this.text.slice(b.slot.headerEnd, b.end);
    this.docs.addBlockSlot({ ...b.slot, end: b.end, value });
    return true;
  }

  // Spaces, then the line end or a comment (a scalar's line comment may be a marker).
  trailing(from: number, eol: number, markerAllowed: boolean): boolean {
    const { text } = this;
    let i = from;
    while (i < eol && text.charCodeAt(i) === SPACE) i++;
    if (i === eol) return true;
    return i > from && text.charCodeAt(i) === HASH && this.comment(i, eol, markerAllowed);
  }
}

/** scanBlockYaml outlines plain block YAML quickly, or returns undefined for anything else. */
export function scanBlockYaml(text: string): FastOutline | undefined {
  return new Scanner(text).run();
}
