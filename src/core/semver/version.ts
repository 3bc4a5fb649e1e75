// Versions as Masterminds/semver v3.5 parses and orders them, and image tags as Flux's
// image-reflector-controller v1.x turns them into versions (docs/semver.md).
import { compareDigitRuns, isDigit, isIdentChar, isUint64Digits } from './scan.ts';

/** Segment is a uint64 version number: a number while it is a safe integer, a bigint above 2^53. */
export type Segment = number | bigint;

/** Version is a parsed semantic version; `original` is the text exactly as it was given. */
export interface Version {
  readonly original: string;
  readonly major: Segment;
  readonly minor: Segment;
  readonly patch: Segment;
  /** prerelease is the text after `-` (without it), or '' when there is none. */
  readonly prerelease: string;
  /** metadata is the text after `+` (without it), or '' when there is none. */
  readonly metadata: string;
}

/** MAX_VERSION_LENGTH is Masterminds v3.5's MaxVersionLen: longer strings are never versions. */
export const MAX_VERSION_LENGTH = 256;

const MAX_UINT64 = 18446744073709551615n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// bigSegment reads a digit run too long for exact float accumulation like strconv.ParseUint(…,
// 10, 64): leading zeros are fine, values above 2^64-1 are not (undefined). The result is
// canonical: a number when it is a safe integer, else a bigint, so === compares values.
function bigSegment(s: string, start: number, end: number): Segment | undefined {
  while (start < end - 1 && s.charCodeAt(start) === 48) start++;
  if (end - start <= 15) {
    let n = 0;
    for (let i = start; i < end; i++) n = n * 10 + (s.charCodeAt(i) - 48);
    return n;
  }
  if (end - start > 20) return undefined;
  const big = BigInt(s.slice(start, end));
  if (big > MAX_UINT64) return undefined;
  return big <= MAX_SAFE ? Number(big) : big;
}

// scanIdentList returns the end of `[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*` at i (first character known
// to be valid), or -1 when checkZeros is set and a numeric identifier has a leading zero (`01`).
function scanIdentList(s: string, i: number, checkZeros: boolean): number {
  let idStart = i;
  let numeric = true;
  for (;;) {
    const c = s.charCodeAt(i);
    if (isIdentChar(c)) {
      if (c < 48 || c > 57) numeric = false;
      i++;
    } else if (c === 46 && isIdentChar(s.charCodeAt(i + 1))) {
      if (checkZeros && numeric && i - idStart > 1 && s.charCodeAt(idStart) === 48) return -1;
      idStart = ++i;
      numeric = true;
    } else break;
  }
  return checkZeros && numeric && i - idStart > 1 && s.charCodeAt(idStart) === 48 ? -1 : i;
}

// parseVersionText is Masterminds NewVersion (coercing) in one pass without intermediate
// strings; minDots adds fluxcd/pkg/version's rule that the text splits on `.` into 3 parts.
function parseVersionText(s: string, minDots: number): Version | undefined {
  const n = s.length;
  if (n === 0 || n > MAX_VERSION_LENGTH) return undefined;
  let i = s.charCodeAt(0) === 118 /* v */ ? 1 : 0;
  let start = i;
  let c = s.charCodeAt(i);
  let major: Segment | undefined = 0;
  while (c >= 48 && c <= 57) {
    major = (major as number) * 10 + (c - 48);
    c = s.charCodeAt(++i);
  }
  if (i === start) return undefined;
  if (i - start > 15) major = bigSegment(s, start, i);
  let minor: Segment | undefined = 0;
  let patch: Segment | undefined = 0;
  let dots = 0;
  if (c === 46 && isDigit(s.charCodeAt(i + 1))) {
    dots = 1;
    start = ++i;
    c = s.charCodeAt(i);
    while (c >= 48 && c <= 57) {
      minor = (minor as number) * 10 + (c - 48);
      c = s.charCodeAt(++i);
    }
    if (i - start > 15) minor = bigSegment(s, start, i);
    if (c === 46 && isDigit(s.charCodeAt(i + 1))) {
      dots = 2;
      start = ++i;
      c = s.charCodeAt(i);
      while (c >= 48 && c <= 57) {
        patch = (patch as number) * 10 + (c - 48);
        c = s.charCodeAt(++i);
      }
      if (i - start > 15) patch = bigSegment(s, start, i);
    }
  }
  const coreEnd = i;
  let prerelease = '';
  if (c === 45 /* - */ && isIdentChar(s.charCodeAt(i + 1))) {
    start = i + 1;
    i = scanIdentList(s, start, true);
    if (i < 0) return undefined;
    prerelease = s.slice(start, i);
    c = s.charCodeAt(i);
  }
  let metadata = '';
  if (c === 43 /* + */ && isIdentChar(s.charCodeAt(i + 1))) {
    start = i + 1;
    i = scanIdentList(s, start, false);
    metadata = s.slice(start, i);
  }
  if (i !== n || major === undefined || minor === undefined || patch === undefined) {
    return undefined;
  }
  // Dots after the numbers can only be inside the prerelease and metadata.
  if (dots < minDots) {
    const more = s.indexOf('.', coreEnd);
    if (more < 0 || (dots === 0 && s.indexOf('.', more + 1) < 0)) return undefined;
  }
  return { original: s, major, minor, patch, prerelease, metadata };
}

/**
 * parseLooseVersion parses like Masterminds NewVersion with its default coercion: optional
 * lowercase `v`, `X(.Y(.Z)?)?` with leading zeros allowed, `-prerelease`, `+metadata`.
 */
export function parseLooseVersion(s: string): Version | undefined {
  return parseVersionText(s, 0);
}

/**
 * parseTagVersion parses an image tag the way Flux's image-reflector-controller v1.x does
 * (fluxcd/pkg/version v0.10+ ParseVersion): the tag must split on `.` into at least three parts
 * and then parse as parseLooseVersion. It returns undefined when the tag is not a candidate.
 */
export function parseTagVersion(tag: string): Version | undefined {
  return parseVersionText(tag, 2);
}

// comparePart orders two prerelease identifiers like Masterminds comparePrePart: numeric (all
// digits, fits uint64) before alphanumeric, numbers by value, text by bytes, "" lowest.
function comparePart(a: string, as: number, ae: number, b: string, bs: number, be: number): number {
  const la = ae - as;
  const lb = be - bs;
  if (la === lb) {
    let same = true;
    for (let k = 0; k < la; k++) {
      if (a.charCodeAt(as + k) !== b.charCodeAt(bs + k)) {
        same = false;
        break;
      }
    }
    if (same) return 0;
  }
  if (la === 0) return -1;
  if (lb === 0) return 1;
  const an = isUint64Digits(a, as, ae);
  const bn = isUint64Digits(b, bs, be);
  if (an && bn) return compareDigitRuns(a, as, ae, b, bs, be) > 0 ? 1 : -1;
  if (an) return -1;
  if (bn) return 1;
  for (let k = 0; k < la && k < lb; k++) {
    const x = a.charCodeAt(as + k);
    const y = b.charCodeAt(bs + k);
    if (x !== y) return x < y ? -1 : 1;
  }
  return la < lb ? -1 : 1;
}

/**
 * comparePrerelease orders two prerelease strings identifier by identifier (split on `.`), a
 * missing identifier being lower, exactly as Masterminds comparePrerelease does.
 */
export function comparePrerelease(a: string, b: string): -1 | 0 | 1 {
  // Positions of the current identifier; -1 once a side has no identifiers left. An empty
  // string still has one (empty) identifier, as strings.Split("", ".") does.
  let pa = 0;
  let pb = 0;
  while (pa >= 0 || pb >= 0) {
    let ea = pa;
    let eb = pb;
    if (pa >= 0) {
      ea = a.indexOf('.', pa);
      if (ea < 0) ea = a.length;
    }
    if (pb >= 0) {
      eb = b.indexOf('.', pb);
      if (eb < 0) eb = b.length;
    }
    const d = comparePart(a, Math.max(pa, 0), pa < 0 ? 0 : ea, b, Math.max(pb, 0), pb < 0 ? 0 : eb);
    if (d !== 0) return d < 0 ? -1 : 1;
    pa = pa < 0 || ea >= a.length ? -1 : ea + 1;
    pb = pb < 0 || eb >= b.length ? -1 : eb + 1;
  }
  return 0;
}

/** compareSegments orders two uint64 segments (number and bigint compare exactly in JS). */
export function compareSegments(a: Segment, b: Segment): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** compareVersions orders two versions by semver precedence (metadata ignored): -1, 0 or 1. */
export function compareVersions(a: Version, b: Version): -1 | 0 | 1 {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  const ap = a.prerelease;
  const bp = b.prerelease;
  if (ap === '') return bp === '' ? 0 : 1;
  if (bp === '') return -1;
  return comparePrerelease(ap, bp);
}

/** formatVersion renders a version canonically (no `v`, no leading zeros), like Go's String(). */
export function formatVersion(v: Version): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease !== '') s += `-${v.prerelease}`;
  if (v.metadata !== '') s += `+${v.metadata}`;
  return s;
}
