// Ranges as Masterminds/semver v3.5 NewConstraint parses them and Check evaluates them, which is
// what Flux's ImagePolicy semver policy uses (docs/semver.md explains the syntax for users).
import { goQuote } from './go-quote.ts';
import { type CvSpan, rewriteHyphenRanges, scanAndGroup } from './range-grammar.ts';
import { utf8Length } from './scan.ts';
import {
  comparePrerelease,
  compareVersions,
  parseLooseVersion,
  type Segment,
  type Version,
} from './version.ts';

/** MAX_RANGE_BYTES is Masterminds v3.5's MaxConstraintLen (bytes of UTF-8). */
export const MAX_RANGE_BYTES = 512;
/** MAX_RANGE_GROUPS is Masterminds v3.5's MaxConstraintGroups (`||` alternatives). */
export const MAX_RANGE_GROUPS = 32;

/** ConstraintError is thrown for a range Masterminds/semver rejects; message is its exact text. */
export class ConstraintError extends Error {
  override readonly name = 'ConstraintError';
  /** range is the whole range text that was rejected. */
  readonly range: string;
  constructor(range: string, message: string) {
    super(message);
    this.range = range;
  }
}

// Operator codes; `=`/"" behave like `~` when the version has wildcards or missing parts.
const EQ = 0;
const NE = 1;
const GT = 2;
const LT = 3;
const GE = 4;
const LE = 5;
const TILDE = 6;
const CARET = 7;

const OP_CODES: Readonly<Record<string, number>> = {
  '': EQ,
  '=': EQ,
  '!=': NE,
  '>': GT,
  '<': LT,
  '>=': GE,
  '=>': GE,
  '<=': LE,
  '=<': LE,
  '~': TILDE,
  '~>': TILDE,
  '^': CARET,
};

/** Comparator is one parsed comparison; dirty flags record wildcard or missing parts. */
export interface Comparator {
  readonly op: string;
  readonly code: number;
  readonly version: Version;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

/** AndGroup is one `||` alternative; a prerelease in any comparator admits prerelease tags. */
export interface AndGroup {
  readonly comparators: readonly Comparator[];
  readonly admitsPrerelease: boolean;
}

/** Constraint is a parsed Masterminds range; check tells whether a version satisfies it. */
export class Constraint {
  /** range is the text the constraint was parsed from. */
  readonly range: string;
  readonly groups: readonly AndGroup[];
  constructor(range: string, groups: readonly AndGroup[]) {
    this.range = range;
    this.groups = groups;
  }

  /** check reports whether the version satisfies any AND group (Masterminds Constraints.Check). */
  check(version: Version): boolean {
    const pre = version.prerelease !== '';
    for (const g of this.groups) {
      if (pre && !g.admitsPrerelease) continue;
      let ok = true;
      for (const c of g.comparators) {
        if (!checkComparator(c, version)) {
          ok = false;
          break;
        }
      }
      if (ok) return true;
    }
    return false;
  }
}

const isX = (t: string): boolean => t === 'x' || t === 'X' || t === '*';

// buildComparator mirrors Masterminds parseConstraint: wildcard or missing parts become zeros and
// set the dirty flags; the resulting text must parse as a (lenient) version.
function buildComparator(g: string, op: string, cv: CvSpan): Comparator | undefined {
  const major = g.slice(cv.majorStart, cv.majorEnd);
  const minor = g.slice(cv.minorStart, cv.minorEnd);
  const patch = g.slice(cv.patchStart, cv.patchEnd);
  const pre = g.slice(cv.preStart, cv.preEnd);
  let text: string;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = true;
  if (isX(major)) text = `0.0.0${pre}`;
  else if (minor === '' || isX(minor)) {
    minorDirty = true;
    text = `${major}.0.0${pre}`;
  } else if (patch === '' || isX(patch)) {
    patchDirty = true;
    text = `${major}.${minor}.0${pre}`;
  } else {
    dirty = false;
    text = g.slice(cv.start, cv.end);
  }
  const version = parseLooseVersion(text);
  if (version === undefined) return undefined;
  return { op, code: OP_CODES[op] ?? EQ, version, dirty, minorDirty, patchDirty };
}

/**
 * parseConstraint parses a range like Masterminds/semver v3.5 NewConstraint, or throws a
 * ConstraintError whose message is the one Masterminds (and so Flux) reports.
 */
export function parseConstraint(range: string): Constraint {
  // Every character is at least one byte, so long text is rejected without counting.
  if (range.length > MAX_RANGE_BYTES || utf8Length(range) > MAX_RANGE_BYTES) {
    throw new ConstraintError(
      range,
      `constraint string is too long (max ${MAX_RANGE_BYTES} bytes)`,
    );
  }
  const alternatives = rewriteHyphenRanges(range).split('||');
  if (alternatives.length > MAX_RANGE_GROUPS) {
    throw new ConstraintError(range, `too many constraint groups (max ${MAX_RANGE_GROUPS})`);
  }
  const groups: AndGroup[] = [];
  for (const alt of alternatives) {
    const comparisons = scanAndGroup(alt);
    if (comparisons === undefined) {
      throw new ConstraintError(range, `improper constraint: ${goQuote(alt)}`);
    }
    const comparators: Comparator[] = [];
    let admitsPrerelease = false;
    for (const { op, cv } of comparisons) {
      const c = buildComparator(alt, op, cv);
      // Masterminds' own wording: the range matched its grammar but a version in it did not
      // parse (e.g. `1x`, a part above 2^64-1, a prerelease `01`).
      if (c === undefined) throw new ConstraintError(range, 'constraint parser error');
      if (c.version.prerelease !== '') admitsPrerelease = true;
      comparators.push(c);
    }
    groups.push({ comparators, admitsPrerelease });
  }
  return new Constraint(range, groups);
}

const segEq = (a: Segment, b: Segment): boolean => a === b;

/** checkComparator applies one comparison to a version (prerelease admission already decided). */
export function checkComparator(c: Comparator, v: Version): boolean {
  const con = c.version;
  switch (c.code) {
    case EQ:
      return c.dirty ? tilde(c, v) : compareVersions(v, con) === 0;
    case NE:
      return notEqual(c, v);
    case GT:
      if (!c.dirty) return compareVersions(v, con) > 0;
      if (v.major > con.major) return true;
      if (v.major < con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return compareVersions(v, con) > 0;
    case LT:
      return compareVersions(v, con) < 0;
    case GE:
      return compareVersions(v, con) >= 0;
    case LE:
      if (!c.dirty) return compareVersions(v, con) <= 0;
      if (v.major > con.major) return false;
      return !(segEq(v.major, con.major) && v.minor > con.minor && !c.minorDirty);
    case TILDE:
      return tilde(c, v);
    default:
      return caret(c, v);
  }
}

function notEqual(c: Comparator, v: Version): boolean {
  const con = c.version;
  if (c.dirty) {
    if (!segEq(con.major, v.major)) return true;
    if (!segEq(con.minor, v.minor) && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (!segEq(con.patch, v.patch) && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.prerelease === '' && con.prerelease === '') return false;
      return comparePrerelease(v.prerelease, con.prerelease) !== 0;
    }
  }
  return compareVersions(v, con) !== 0;
}

// tilde: `~1.2.3` is >=1.2.3 <1.3.0, `~1` is >=1.0.0 <2.0.0, `~0.0.0`/`~*` admit everything.
function tilde(c: Comparator, v: Version): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major === 0 && con.minor === 0 && con.patch === 0 && !c.minorDirty && !c.patchDirty) {
    return true;
  }
  if (!segEq(v.major, con.major)) return false;
  return segEq(v.minor, con.minor) || c.minorDirty;
}

// caret: `^1.2.3` is >=1.2.3 <2, `^0.2.3` is >=0.2.3 <0.3, `^0.0.3` is =0.0.3, `^0` is <1.
function caret(c: Comparator, v: Version): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major > 0 || c.minorDirty) return segEq(v.major, con.major);
  if (v.major > 0) return false;
  if (con.minor > 0 || c.patchDirty) return segEq(v.minor, con.minor);
  if (v.minor > 0) return false;
  return segEq(con.patch, v.patch);
}
