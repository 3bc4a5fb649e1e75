// Durations as Flux manifests write them: the CRD pattern first, then Go's time.ParseDuration.

/** DURATION_PATTERN is the CRD pattern of `interval` fields (units ms, s, m, h). */
export const DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$';
/** TIMEOUT_PATTERN is the CRD pattern of `timeout` fields: like intervals but without `h`. */
export const TIMEOUT_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$';

/** Duration is a parsed duration with its original text. */
export interface Duration {
  readonly text: string;
  /** ms is the duration in milliseconds (fractional below 1ms). */
  readonly ms: number;
}

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const LIMIT = 1n << 63n;

/**
 * parseGoDuration parses like Go's time.ParseDuration (non-negative forms as the CRD patterns
 * allow), including its int64 overflow errors; returns nanoseconds or undefined when invalid.
 */
export function parseGoDuration(text: string): bigint | undefined {
  if (text === '0') return 0n;
  if (text === '') return undefined;
  let s = text;
  let total = 0n;
  while (s !== '') {
    // One component: digits, an optional fraction, a unit (scanned by hand: no RegExp on input).
    let i = 0;
    while (i < s.length && isDigit(s[i])) i++;
    const intPart = s.slice(0, i);
    let fracPart: string | undefined;
    if (s[i] === '.') {
      const start = ++i;
      while (i < s.length && isDigit(s[i])) i++;
      fracPart = s.slice(start, i);
    }
    const unitStart = i;
    while (i < s.length && !isDigit(s[i]) && s[i] !== '.') i++;
    const unit = s.slice(unitStart, i);
    const whole = s.slice(0, i);
    if (intPart === '' && (fracPart ?? '') === '') return undefined;
    const ns = UNIT_NS[unit];
    if (ns === undefined) return undefined;
    let v = 0n;
    for (const c of intPart) {
      if (v > LIMIT / 10n) return undefined;
      v = v * 10n + BigInt(c.charCodeAt(0) - 48);
      if (v > LIMIT) return undefined;
    }
    let f = 0n;
    let scale = 1;
    let overflow = false;
    for (const c of fracPart ?? '') {
      if (overflow) continue;
      if (f > (LIMIT - 1n) / 10n) {
        overflow = true;
        continue;
      }
      const y = f * 10n + BigInt(c.charCodeAt(0) - 48);
      if (y > LIMIT) {
        overflow = true;
        continue;
      }
      f = y;
      scale *= 10;
    }
    if (v > LIMIT / ns) return undefined;
    v *= ns;
    if (f > 0n) {
      // Go computes the fraction in float64, truncating toward zero.
      v += BigInt(Math.trunc(Number(f) * (Number(ns) / scale)));
      if (v > LIMIT) return undefined;
    }
    total += v;
    if (total > LIMIT) return undefined;
    s = s.slice(whole.length);
  }
  return total > LIMIT - 1n ? undefined : total;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** toDuration turns text already checked against a CRD pattern into a Duration, or undefined. */
export function toDuration(text: string): Duration | undefined {
  const ns = parseGoDuration(text);
  return ns === undefined ? undefined : { text, ms: Number(ns) / 1e6 };
}
