// How Go's yaml.v2 emitter (used by sigs.k8s.io/yaml, hence by `flux … --export`) writes one
// string: plain, 'single', "double" or a |literal block, with its 80-column folding.
import { RE2JS } from 're2js';

const BEST_WIDTH = 80;

const BOOLS_AND_NULLS = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'],
  ...['', '~', 'null', 'Null', 'NULL', '<<'],
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'],
  ...['-.inf', '-.Inf', '-.INF'],
]);

// Fixed patterns (never user-supplied) for the YAML 1.1 number and timestamp forms Go resolves.
const goInt = RE2JS.compile(
  '^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$',
);
const dotFloat = RE2JS.compile('^\\.[0-9]+([eE][-+]?[0-9]+)?$');
const yamlStyleFloat = RE2JS.compile('^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$');
const base60Float = RE2JS.compile('^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$');
const date = '([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})';
const clock = '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\\.[0-9]+)?';
const timestamps = [
  RE2JS.compile(`^${date}$`),
  RE2JS.compile(`^${date}[Tt]${clock}(Z|[-+][0-9]{2}:[0-9]{2})$`),
  RE2JS.compile(`^${date} ${clock}$`),
];

/** resolvesToNonString reports whether Go's yaml.v2 would read the plain text as a non-string. */
export function resolvesToNonString(s: string): boolean {
  if (BOOLS_AND_NULLS.has(s)) return true;
  const c = s[0] ?? '';
  if (c === '.') return dotFloat.matches(s);
  if (c !== '+' && c !== '-' && !(c >= '0' && c <= '9')) return false;
  if (isTimestamp(s)) return true;
  const plain = s.replaceAll('_', '');
  return goInt.matches(plain) || yamlStyleFloat.matches(plain);
}

function isTimestamp(s: string): boolean {
  for (const re of timestamps) {
    const m = re.matcher(s);
    if (!m.matches()) continue;
    const [y, mo, d] = [1, 2, 3].map((g) => Number(m.group(g)));
    const [h, mi, se] = [4, 5, 6].map((g) => (g <= m.groupCount() ? Number(m.group(g) ?? 0) : 0));
    if ((mo as number) < 1 || (mo as number) > 12 || (d as number) < 1) return false;
    if ((d as number) > new Date(Date.UTC(y as number, mo as number, 0)).getUTCDate()) return false;
    return (h as number) < 24 && (mi as number) < 60 && (se as number) < 60;
  }
  return false;
}

function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

function analyze(value: string): Analysis {
  const cps = [...value].map((c) => c.codePointAt(0) as number);
  if (cps.length === 0) return { multiline: false, blockPlain: true, single: true, block: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  cps.forEach((cp, i) => {
    const next = cps[i + 1];
    const followedByWs = next === undefined || next === 0x20 || next === 0x09 || isBreak(next);
    const ch = String.fromCodePoint(cp);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWs) blockIndicators = true;
    } else if ((ch === ':' && followedByWs) || (ch === '#' && precededByWs)) {
      blockIndicators = true;
    }
    if (!isPrintable(cp)) special = true;
    if (cp === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = cp === 0x20 || cp === 0x09 || isBreak(cp) || cp === 0;
  });
  const a: Analysis = { multiline: lineBreaks, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.blockPlain = a.single = false;
  if (spaceBreak || special) a.blockPlain = a.single = a.block = false;
  if (lineBreaks || blockIndicators) a.blockPlain = false;
  return a;
}

/** ScalarWriter appends text and tracks the emitter's column, as yaml.v2 does for folding. */
export interface ScalarWriter {
  out: string[];
  column: number;
}

function put(w: ScalarWriter, text: string): void {
  w.out.push(text);
  const nl = text.lastIndexOf('\n');
  w.column = nl >= 0 ? [...text.slice(nl + 1)].length : w.column + [...text].length;
}

function indent(w: ScalarWriter, n: number): void {
  put(w, `\n${' '.repeat(n)}`);
}

function hex(cp: number): string {
  const [p, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
  return `\\${p}${cp
    .toString(16)
    .toUpperCase()
    .padStart(width as number, '0')}`;
}

const ESCAPES: Record<number, string> = {
  0: '0',
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  27: 'e',
  34: '"',
  92: '\\',
  133: 'N',
  160: '_',
  8232: 'L',
  8233: 'P',
};

function writeDouble(
  w: ScalarWriter,
  lead: string,
  value: string,
  ind: number,
  allowBreaks: boolean,
): void {
  const cps = [...value];
  const bom = value.startsWith('\ufeff');
  put(w, `${lead}"`);
  let spaces = false;
  cps.forEach((ch, i) => {
    const cp = ch.codePointAt(0) as number;
    if (!isPrintable(cp) || bom || isBreak(cp) || ch === '"' || ch === '\\') {
      const e = ESCAPES[cp];
      put(w, e === undefined ? hex(cp) : `\\${e}`);
      spaces = false;
    } else if (cp === 0x20) {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
        indent(w, ind);
        if (cps[i + 1] === ' ') put(w, '\\');
      } else {
        put(w, ch);
      }
      spaces = true;
    } else {
      put(w, ch);
      spaces = false;
    }
  });
  put(w, '"');
}

function writeFolding(
  w: ScalarWriter,
  lead: string,
  value: string,
  ind: number,
  quote: boolean,
  allowBreaks: boolean,
): void {
  const cps = [...value];
  put(w, quote ? `${lead}'` : lead);
  let spaces = false;
  cps.forEach((ch, i) => {
    if (ch === ' ') {
      const inside = !quote || (i > 0 && i < cps.length - 1);
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && inside && cps[i + 1] !== ' ') {
        indent(w, ind);
      } else put(w, ch);
      spaces = true;
    } else {
      put(w, quote && ch === "'" ? "''" : ch);
      spaces = false;
    }
  });
  if (quote) put(w, "'");
}

function writeLiteral(w: ScalarWriter, value: string, ind: number): void {
  const cps = [...value];
  let hints = '';
  if (cps[0] === ' ' || isBreak(cps[0]?.codePointAt(0) ?? 0)) hints += '2';
  const last = cps.at(-1)?.codePointAt(0) ?? 0;
  const beforeLast = cps.at(-2)?.codePointAt(0);
  if (!isBreak(last)) hints += '-';
  else if (cps.length === 1 || (beforeLast !== undefined && isBreak(beforeLast))) hints += '+';
  put(w, ` |${hints}`);
  let breaks = true;
  put(w, '\n');
  for (const ch of cps) {
    if (isBreak(ch.codePointAt(0) as number)) {
      put(w, ch === '\n' ? '\n' : ch);
      if (ch !== '\n') w.column = 0;
      breaks = true;
    } else {
      if (breaks) put(w, ' '.repeat(Math.max(ind - w.column, 0)));
      put(w, ch);
      breaks = false;
    }
  }
}

/**
 * writeScalar writes a string the way yaml.v2 does: after `key:` or `-` (lead adds the separating
 * space), with continuation lines at ind; isKey marks a mapping key (no folding, no blocks).
 */
export function writeScalar(w: ScalarWriter, value: string, ind: number, isKey = false): void {
  const a = analyze(value);
  const plainOk = !resolvesToNonString(value) && !isBase60(value);
  let style: 'plain' | 'single' | 'double' | 'literal' = value.includes('\n')
    ? 'literal'
    : plainOk
      ? 'plain'
      : 'double';
  if (isKey && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlain || (value === '' && isKey))) style = 'single';
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'literal' && (!a.block || isKey)) style = 'double';
  const lead = isKey ? '' : ' ';
  if (style === 'plain') writeFolding(w, lead, value, ind, false, !isKey);
  else if (style === 'single') writeFolding(w, lead, value, ind, true, !isKey);
  else if (style === 'double') writeDouble(w, lead, value, ind, !isKey);
  else writeLiteral(w, value, ind);
}

function isBase60(s: string): boolean {
  const c = s[0] ?? '';
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return base60Float.matches(s);
}
