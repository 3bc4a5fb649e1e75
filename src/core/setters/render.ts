// Writing a new value into a scalar's existing style. A plain scalar stays plain only when the
// value reads back as the same string under YAML 1.1 (kyaml, Kubernetes) and YAML 1.2; otherwise
// it is double-quoted, as Flux does for number-like values.

import { parse } from 'yaml';
import { isPlainWordString, isYaml11NonStringScalar } from './yaml11.ts';

const indicators = '-?:,[]{}#&*!|>\'"%@`';
const flowIndicators = ',[]{}';

/** hasControlChar reports characters that cannot appear in a plain or single-quoted scalar. */
export function hasControlChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff)
      return true;
  }
  return false;
}

function readsBackAsString(value: string, version: '1.1' | '1.2'): boolean {
  try {
    const data = parse(`k: ${value}\n`, { version, uniqueKeys: false }) as unknown;
    return typeof data === 'object' && data !== null && (data as { k?: unknown }).k === value;
  } catch {
    return false;
  }
}

/** plainSafe reports whether value can be written as a plain scalar and read back unchanged. */
export function plainSafe(value: string, inFlow: boolean): boolean {
  if (value === '' || value.trim() !== value) return false;
  if (hasControlChar(value)) return false;
  if (indicators.includes(value[0] ?? '')) return false;
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  if (inFlow && [...flowIndicators].some((c) => value.includes(c))) return false;
  if (isYaml11NonStringScalar(value)) return false;
  if (isPlainWordString(value)) return true;
  return readsBackAsString(value, '1.2') && readsBackAsString(value, '1.1');
}

/** doubleQuoted renders value as a YAML double-quoted scalar. */
export function doubleQuoted(value: string): string {
  // JSON string syntax is a subset of YAML's double-quoted style.
  return JSON.stringify(value);
}

/** singleQuoted renders value as a single-quoted scalar, or undefined when it cannot be. */
export function singleQuoted(value: string): string | undefined {
  if (hasControlChar(value)) return undefined;
  return `'${value.replaceAll("'", "''")}'`;
}

/** Splice replaces the text in [start, end) with text. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** ScalarToRewrite is what render needs to know about the scalar being set. */
export interface ScalarToRewrite {
  readonly style: string;
  readonly start: number;
  /** headerEnd is the end of a block scalar's header indicator (else equal to end). */
  readonly headerEnd: number;
  /** bodyStart is where a block scalar's body begins (else equal to end). */
  readonly bodyStart: number;
  readonly end: number;
  readonly inFlow: boolean;
  /** bodyIndent is the indentation a block scalar body uses. */
  readonly bodyIndent: string;
  readonly eol: string;
}

/** renderSplices returns the edits that make a scalar hold value, keeping its style. */
export function renderSplices(s: ScalarToRewrite, value: string): Splice[] {
  switch (s.style) {
    case 'QUOTE_DOUBLE':
      return [{ start: s.start, end: s.end, text: doubleQuoted(value) }];
    case 'QUOTE_SINGLE':
      return [{ start: s.start, end: s.end, text: singleQuoted(value) ?? doubleQuoted(value) }];
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const ind = s.style === 'BLOCK_LITERAL' ? '|' : '>';
      if (
        isYaml11NonStringScalar(value) ||
        value === '' ||
        value.trim() !== value ||
        /[\r\n]/.test(value)
      ) {
        return [
          { start: s.start, end: s.headerEnd, text: doubleQuoted(value) },
          { start: s.bodyStart, end: s.end, text: '' },
        ];
      }
      return [
        { start: s.start, end: s.headerEnd, text: `${ind}-` },
        { start: s.bodyStart, end: s.end, text: `${s.bodyIndent}${value}${s.eol}` },
      ];
    }
    default:
      return [
        {
          start: s.start,
          end: s.end,
          text: plainSafe(value, s.inFlow) ? value : doubleQuoted(value),
        },
      ];
  }
}
