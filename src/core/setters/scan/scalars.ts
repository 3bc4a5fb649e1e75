// One-line scalars and keys as the fast scanner reads them. Each reader answers only for the
// simple forms it fully understands and returns undefined for everything else, so the caller can
// hand the file to the general parser instead of guessing.

import type { ScalarStyle } from '../outline.ts';

const SPACE = 0x20;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const HASH = 0x23;
const COLON = 0x3a;
const BACKSLASH = 0x5c;

/** InlineScalar is a scalar that ends on the line it starts on. */
export interface InlineScalar {
  readonly style: ScalarStyle;
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** readQuoted reads a quoted scalar closed on its own line; escapes and line breaks are not handled. */
export function readQuoted(text: string, at: number, eol: number): InlineScalar | undefined {
  if (text.charCodeAt(at) === DQUOTE) {
    for (let i = at + 1; i < eol; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) return undefined;
      if (c === DQUOTE) {
        return { style: 'QUOTE_DOUBLE', start: at, end: i + 1, value: text.slice(at + 1, i) };
      }
    }
    return undefined;
  }
  let value = '';
  let from = at + 1;
  for (let i = at + 1; i < eol; i++) {
    if (text.charCodeAt(i) !== SQUOTE) continue;
    if (i + 1 < eol && text.charCodeAt(i + 1) === SQUOTE) {
      value += text.slice(from, i + 1);
      i++;
      from = i + 1;
      continue;
    }
    return { style: 'QUOTE_SINGLE', start: at, end: i + 1, value: value + text.slice(from, i) };
  }
  return undefined;
}

// Characters that start something other than a plain scalar (1), or do so when a space or the
// line end follows them (2): `-`, `?` and `:`.
const startClass = new Uint8Array(128);
for (const c of ',[]{}#&*!|>\'"%@`') startClass[c.charCodeAt(0)] = 1;
for (const c of '-?:') startClass[c.charCodeAt(0)] = 2;

function plainStart(text: string, at: number, eol: number): boolean {
  const c = text.charCodeAt(at);
  const k = c < 128 ? startClass[c] : 0;
  if (k === 1) return false;
  if (k === 2) return at + 1 < eol && text.charCodeAt(at + 1) !== SPACE;
  return true;
}

/** PlainRun is a plain scalar's text [start, end) and where a comment may follow. */
export interface PlainRun {
  readonly end: number;
  /** colon is the offset of a `: ` (or final `:`) inside the run, or -1. */
  readonly colon: number;
}

/** readPlainRun reads plain text up to a comment or the line end; undefined if it is not plain. */
export function readPlainRun(text: string, at: number, eol: number): PlainRun | undefined {
  if (!plainStart(text, at, eol)) return undefined;
  let colon = -1;
  let stop = eol;
  for (let i = at; i < eol; i++) {
    const c = text.charCodeAt(i);
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
      stop = i;
      break;
    }
    if (c === COLON && colon < 0 && (i + 1 === eol || text.charCodeAt(i + 1) === SPACE)) colon = i;
  }
  let end = stop;
  while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
  return { end, colon };
}

/** KeyAt is a simple mapping key: its value and the offset of its `:`. */
export interface KeyAt {
  readonly key: string;
  readonly colon: number;
}

/**
 * readKey reads `key:` at `at`. It returns the key, 'scalar' when the line holds a scalar and no
 * key, or undefined when the line is beyond what the scanner handles.
 */
export function readKey(text: string, at: number, eol: number): KeyAt | 'scalar' | undefined {
  const c = text.charCodeAt(at);
  if (c === DQUOTE || c === SQUOTE) {
    const q = readQuoted(text, at, eol);
    if (!q) return undefined;
    let i = q.end;
    while (i < eol && text.charCodeAt(i) === SPACE) i++;
    if (i < eol && text.charCodeAt(i) === COLON) {
      if (i + 1 < eol && text.charCodeAt(i + 1) !== SPACE) return undefined;
      return { key: q.value, colon: i };
    }
    return 'scalar';
  }
  if (!plainStart(text, at, eol)) return undefined;
  // The first `: ` (or final `:`) ends the key; a comment or the line end first means no key.
  let colon = -1;
  for (let i = at; i < eol; i++) {
    const ch = text.charCodeAt(i);
    if (ch === COLON && (i + 1 === eol || text.charCodeAt(i + 1) === SPACE)) {
      colon = i;
      break;
    }
    if (ch === HASH && text.charCodeAt(i - 1) === SPACE) return 'scalar';
  }
  if (colon < 0) return 'scalar';
  let end = colon;
  while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
  // Longer implicit keys are an error in YAML.
  if (end - at > 1000) return undefined;
  return { key: text.slice(at, end), colon };
}

// A plain scalar that might resolve to something other than a string (null, bool, number) under
// any YAML schema; such identifiers are left to the general parser.
const notPlainString = /^[-+.~0-9]|^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** plainMayNotBeString reports a plain scalar that may not resolve to its own text. */
export function plainMayNotBeString(value: string): boolean {
  return notPlainString.test(value);
}

const COMMA = 0x2c;
const CLOSE = 0x5d; // ]
const flowStop = new Set([...',[]{}'].map((c) => c.charCodeAt(0)));

// A plain scalar inside a flow collection: up to a comma or the closing bracket. Undefined when
// it holds a flow indicator, a `: ` (a pair), or a comment.
function readFlowPlain(text: string, at: number, eol: number): InlineScalar | undefined {
  if (!plainStart(text, at, eol)) return undefined;
  let i = at;
  for (; i < eol; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === CLOSE) break;
    if (flowStop.has(c)) return undefined;
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) return undefined;
    if (c === COLON) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 === eol || next === SPACE || flowStop.has(next)) return undefined;
    }
  }
  let end = i;
  while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
  return { style: 'PLAIN', start: at, end, value: text.slice(at, end) };
}

/** FlowSequence is a one-line flow sequence of scalars and the offset after its `]`. */
export interface FlowSequence {
  readonly items: readonly InlineScalar[];
  readonly end: number;
}

/** readFlowSequence reads `[a, "b", 'c']` on one line; undefined for anything else. */
export function readFlowSequence(text: string, at: number, eol: number): FlowSequence | undefined {
  const items: InlineScalar[] = [];
  let i = at + 1;
  for (;;) {
    while (i < eol && text.charCodeAt(i) === SPACE) i++;
    if (i >= eol) return undefined;
    if (items.length === 0 && text.charCodeAt(i) === CLOSE) return { items, end: i + 1 };
    const c = text.charCodeAt(i);
    const item =
      c === DQUOTE || c === SQUOTE ? readQuoted(text, i, eol) : readFlowPlain(text, i, eol);
    if (!item) return undefined;
    items.push(item);
    i = item.end;
    while (i < eol && text.charCodeAt(i) === SPACE) i++;
    const sep = text.charCodeAt(i);
    if (sep === CLOSE) return { items, end: i + 1 };
    if (sep !== COMMA) return undefined;
    i++;
    // A trailing comma before `]` is left to the general parser.
    while (i < eol && text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) === CLOSE) return undefined;
  }
}
