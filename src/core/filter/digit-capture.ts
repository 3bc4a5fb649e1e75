// A fast path for numeric captures such as `^release-(?P<n>\d+)\.` or `^build-(\d+)$`: a literal
// prefix, one capture of a greedy digit run, then literal text that cannot start with a digit
// (optionally followed by `$`). A greedy run can only end where the next character is not a
// digit, so the only possible match takes the whole run: the submatches follow without a regex
// engine, exactly as Go computes them.
import { unescapeLiteral } from './class-run.ts';

/** DigitCapture is the parsed shape: prefix, digit group, literal suffix, end anchor. */
export interface DigitCapture {
  readonly prefix: string;
  readonly suffix: string;
  readonly anchoredEnd: boolean;
}

const shape =
  /^(?<head>.*)\((?:\?P?<[A-Za-z_][A-Za-z0-9_]*>)?(?:\\d|\[0-9\])\+\)(?<tail>.*?)(?<end>\$?)$/s;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** digitCaptureOf returns the shape when pattern has it (one capture group), else undefined. */
export function digitCaptureOf(pattern: string, groupCount: number): DigitCapture | undefined {
  if (groupCount !== 1) return undefined;
  const m = shape.exec(pattern);
  const head = m?.groups?.head;
  const tail = m?.groups?.tail;
  if (head === undefined || tail === undefined) return undefined;
  // The head must be `^` plus plain literal text.
  const prefix = head.startsWith('^') ? unescapeLiteral(head.slice(1)) : undefined;
  if (prefix === undefined) return undefined;
  const suffix = unescapeLiteral(tail);
  if (suffix === undefined || (suffix !== '' && isDigit(suffix.charCodeAt(0)))) return undefined;
  return { prefix, suffix, anchoredEnd: m?.groups?.end === '$' };
}

/** matchDigitCapture returns Go's submatch indexes for s, or undefined when s does not match. */
export function matchDigitCapture(d: DigitCapture, s: string): number[] | undefined {
  if (!s.startsWith(d.prefix)) return undefined;
  const start = d.prefix.length;
  let end = start;
  while (end < s.length && isDigit(s.charCodeAt(end))) end++;
  if (end === start || !s.startsWith(d.suffix, end)) return undefined;
  const whole = end + d.suffix.length;
  if (d.anchoredEnd && whole !== s.length) return undefined;
  return [0, whole, start, end];
}
