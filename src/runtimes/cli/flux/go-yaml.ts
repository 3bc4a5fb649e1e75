// Block-style YAML exactly as sigs.k8s.io/yaml (JSON → yaml.v2) prints it: keys in yaml.v2's
// natural order, two-space mappings, sequences not indented under their key.
import { RE2JS } from 're2js';
import { type ScalarWriter, writeScalar } from './go-yaml-scalar.ts';

/** JsonValue is any value that can go through JSON, which is all sigs.k8s.io/yaml ever sees. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

const letter = RE2JS.compile('^\\p{L}$');
const digit = RE2JS.compile('^\\p{Nd}$');

function isLetter(c: string): boolean {
  return letter.matches(c);
}

function isDigit(c: string): boolean {
  return digit.matches(c);
}

function digitValue(c: string): number {
  return (c.codePointAt(0) as number) - 48;
}

/** goKeyLess orders string keys like yaml.v2's keyList: letters by code point, digit runs by value. */
export function goKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] as string;
    const y = br[i] as string;
    if (x === y) continue;
    const al = isLetter(x);
    const bl = isLetter(y);
    if (al && bl) return (x.codePointAt(0) as number) < (y.codePointAt(0) as number);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++)
      an = an * 10 + digitValue(ar[ai] as string);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as string); bi++)
      bn = bn * 10 + digitValue(br[bi] as string);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (x.codePointAt(0) as number) < (y.codePointAt(0) as number);
  }
  return ar.length < br.length;
}

function sortedKeys(m: { [k: string]: JsonValue }): string[] {
  return Object.keys(m).sort((a, b) => (goKeyLess(a, b) ? -1 : goKeyLess(b, a) ? 1 : 0));
}

function isMap(v: JsonValue): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function put(w: ScalarWriter, text: string): void {
  w.out.push(text);
  const nl = text.lastIndexOf('\n');
  w.column = nl >= 0 ? [...text.slice(nl + 1)].length : w.column + [...text].length;
}

function endsLine(w: ScalarWriter): boolean {
  return w.out.length === 0 || (w.out.at(-1) as string).endsWith('\n');
}

function newLine(w: ScalarWriter, indent: number): void {
  // A literal block ending in a line break has already ended the line.
  if (!endsLine(w)) put(w, '\n');
  put(w, ' '.repeat(indent));
}

// Only integers reach us (generation, counts); Go's float formatting is not reproduced.
function number(v: number): string {
  return String(v);
}

/** writeValue writes a value after `key:` or `-`, whose line is at indent. */
function writeValue(w: ScalarWriter, v: JsonValue, indent: number, inMapping: boolean): void {
  if (v === null) put(w, ' null');
  else if (typeof v === 'boolean') put(w, v ? ' true' : ' false');
  else if (typeof v === 'number') put(w, ` ${number(v)}`);
  else if (typeof v === 'string') writeScalar(w, v, indent + 2);
  else if (Array.isArray(v)) {
    if (v.length === 0) put(w, ' []');
    else writeSequence(w, v, inMapping ? indent : indent + 2, false);
  } else if (Object.keys(v).length === 0) put(w, ' {}');
  else writeMapping(w, v, indent + 2, false);
}

function writeMapping(
  w: ScalarWriter,
  m: { [k: string]: JsonValue },
  indent: number,
  inline: boolean,
): void {
  sortedKeys(m).forEach((k, i) => {
    if (i > 0 || !inline) newLine(w, indent);
    writeScalar(w, k, indent, true);
    put(w, ':');
    writeValue(w, m[k] as JsonValue, indent, true);
  });
}

function writeSequence(w: ScalarWriter, items: JsonValue[], indent: number, inline: boolean): void {
  items.forEach((item, i) => {
    if (i > 0 || !inline) newLine(w, indent);
    put(w, '-');
    if (isMap(item) && Object.keys(item).length > 0) {
      put(w, ' ');
      writeMapping(w, item, indent + 2, true);
    } else if (Array.isArray(item) && item.length > 0) {
      put(w, ' ');
      writeSequence(w, item, indent + 2, true);
    } else {
      writeValue(w, item, indent, false);
    }
  });
}

/** marshalGoYaml returns the YAML text sigs.k8s.io/yaml.Marshal produces for a JSON value. */
export function marshalGoYaml(value: JsonValue): string {
  const w: ScalarWriter = { out: [], column: 0 };
  if (isMap(value) && Object.keys(value).length > 0) writeMapping(w, value, 0, false);
  else if (Array.isArray(value) && value.length > 0) writeSequence(w, value, 0, false);
  else {
    writeValue(w, value, -2, false);
    return `${w.out.join('').slice(1)}\n`;
  }
  return endsLine(w) ? w.out.join('') : `${w.out.join('')}\n`;
}
