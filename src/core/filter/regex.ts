// The one place user-supplied regular expressions are compiled: Go RE2 syntax and semantics
// (linear time, leftmost-first, unanchored), via re2js. Never JavaScript RegExp on user input.
import { RE2JS } from 're2js';
import { parseClassRun, runEnd } from './class-run.ts';
import { digitCaptureOf, matchDigitCapture } from './digit-capture.ts';
import { renameDuplicateGroups } from './group-names.ts';
import { literalPrefix } from './literal-prefix.ts';
import { suffixCapturePrefix } from './suffix-capture.ts';

/** GoRegex is a compiled Go-syntax regular expression. */
export interface GoRegex {
  readonly source: string;
  /** subexpNames[i] is the name of group i ('' when unnamed; index 0 is the whole match). */
  readonly subexpNames: readonly string[];
  /** mayMatch is a cheap necessary condition: false means the pattern cannot match s. */
  mayMatch(s: string): boolean;
  /** test reports whether the pattern matches anywhere in s (Go MatchString). */
  test(s: string): boolean;
  /** findSubmatchIndex is Go FindStringSubmatchIndex: [start0, end0, start1, end1, …], -1 if unset. */
  findSubmatchIndex(s: string): number[] | undefined;
}

/** RegexSyntaxError is a pattern Go's regexp.Compile would reject, with Go's message. */
export class RegexSyntaxError extends Error {
  override readonly name = 'RegexSyntaxError';
  readonly pattern: string;
  constructor(pattern: string, message: string) {
    super(message);
    this.pattern = pattern;
  }
}

/** compileGoRegex compiles pattern with Go's regexp.Compile rules or throws RegexSyntaxError. */
export function compileGoRegex(pattern: string): GoRegex {
  let re: RE2JS;
  let names: string[];
  try {
    re = RE2JS.compile(pattern);
    names = new Array<string>(re.groupCount() + 1).fill('');
    for (const [name, index] of Object.entries(re.namedGroups())) names[index] = name;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!message.includes('duplicate capture group name')) {
      throw new RegexSyntaxError(pattern, message);
    }
    ({ re, names } = compileWithDuplicateNames(pattern));
  }
  const groups = re.groupCount();
  const prefix = literalPrefix(pattern);
  const matcher = re.matcher('');
  const digits = digitCaptureOf(pattern, groups);
  const head = suffixCapturePrefix(pattern, groups);
  const headRun = head === undefined ? undefined : parseClassRun(head);
  const headMatcher = head === undefined || headRun ? undefined : RE2JS.compile(head).matcher('');
  return {
    source: pattern,
    subexpNames: names,
    mayMatch: (s) => s.startsWith(prefix),
    test: (s) => s.startsWith(prefix) && re.test(s),
    findSubmatchIndex(s) {
      if (!s.startsWith(prefix)) return undefined;
      if (digits) return matchDigitCapture(digits, s);
      if (headRun && !s.includes('\n')) {
        const end = runEnd(headRun, s);
        return end < 0 ? undefined : [0, s.length, end, s.length];
      }
      if (headMatcher && !s.includes('\n')) {
        const m = headMatcher.resetMatcherInput(s);
        return m.lookingAt() ? [0, s.length, m.end(0), s.length] : undefined;
      }
      // One matcher per compiled pattern, reset per input: constructing a Matcher costs more
      // than matching a short tag. Safe because matching is synchronous.
      const m = matcher.resetMatcherInput(s);
      if (!m.find()) return undefined;
      const out: number[] = [];
      for (let g = 0; g <= groups; g++) out.push(m.start(g), m.end(g));
      return out;
    },
  };
}

function compileWithDuplicateNames(pattern: string): { re: RE2JS; names: string[] } {
  const renamed = renameDuplicateGroups(pattern);
  try {
    const re = RE2JS.compile(renamed.pattern);
    if (re.groupCount() + 1 !== renamed.names.length) throw new Error('group count changed');
    return { re, names: [...renamed.names] };
  } catch (err) {
    let message = err instanceof Error ? err.message : String(err);
    for (const [placeholder, name] of renamed.placeholders) {
      message = message.replaceAll(placeholder, name);
    }
    throw new RegexSyntaxError(pattern, message);
  }
}
