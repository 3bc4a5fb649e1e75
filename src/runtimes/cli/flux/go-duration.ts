// Go's time.Duration on the command line: parse like flag.Duration, print like Duration.String().
import { parseGoDuration } from '../../../api/duration.ts';
import { UsageError } from '../command.ts';

const NS_PER = { h: 3_600_000_000_000n, m: 60_000_000_000n, s: 1_000_000_000n } as const;

function fraction(v: bigint, digits: number): string {
  const text = v.toString().padStart(digits, '0').replace(/0+$/, '');
  return text === '' ? '' : `.${text}`;
}

/** formatGoDuration prints nanoseconds as Go's Duration.String (`1m0s`, `1.5s`, `300ms`). */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < NS_PER.s) {
    if (u < 1_000n) return `${sign}${u}ns`;
    if (u < 1_000_000n) return `${sign}${u / 1_000n}${fraction(u % 1_000n, 3)}µs`;
    return `${sign}${u / 1_000_000n}${fraction(u % 1_000_000n, 6)}ms`;
  }
  const h = u / NS_PER.h;
  const m = (u % NS_PER.h) / NS_PER.m;
  const s = (u % NS_PER.m) / NS_PER.s;
  const sec = `${s}${fraction(u % NS_PER.s, 9)}s`;
  if (h > 0n) return `${sign}${h}h${m}m${sec}`;
  if (m > 0n) return `${sign}${m}m${sec}`;
  return `${sign}${sec}`;
}

/** parseDurationFlag parses a --flag value with Go's duration syntax; negatives are refused. */
export function parseDurationFlag(flag: string, text: string): bigint {
  const ns = parseGoDuration(text);
  if (ns === undefined) {
    throw new UsageError(
      `invalid argument "${text}" for "--${flag}" flag: time: invalid duration "${text}"`,
    );
  }
  return ns;
}
