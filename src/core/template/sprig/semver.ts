// sprig's semver / semverCompare: Masterminds/semver v3 versions and constraints (the common
// operators =, !=, >, <, >=, <=, ~, ^, wildcards, hyphen ranges, `,` / space AND, `||` OR).
import { compareStrings } from '../map-order.ts';
import { GoFunc, GoNum, GoStruct, type GoValue } from '../values.ts';
import { fail } from './cast.ts';
import { type Def, def } from './def.ts';

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  meta: string;
  original: string;
}

const versionRe =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

function parseVersion(s: string): Version {
  const m = versionRe.exec(s);
  if (!m) return fail('Invalid Semantic Version');
  const pre = m[5] ?? '';
  for (const part of pre ? pre.split('.') : []) {
    if (/^\d+$/.test(part) && part.length > 1 && part[0] === '0')
      fail('Version segment starts with 0');
  }
  return {
    major: BigInt(m[1]!),
    minor: BigInt(m[2]?.slice(1) ?? 0),
    patch: BigInt(m[3]?.slice(1) ?? 0),
    pre,
    meta: m[8] ?? '',
    original: s,
  };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) {
      const d = BigInt(p) - BigInt(q);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (pn !== qn) return pn ? -1 : 1;
    else if (p !== q) return compareStrings(p, q);
  }
  return 0;
}

function compare(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return comparePre(a.pre, b.pre);
}

const versionString = (v: Version): string =>
  `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.meta ? `+${v.meta}` : ''}`;

type Check = (v: Version) => boolean;

function parseOne(text: string): Check {
  const m =
    /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+(?:\.[0-9xX*]+)?(?:\.[0-9xX*]+)?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s*$/.exec(
      text,
    );
  if (!m) return fail(`improper constraint: ${text}`);
  const op = m[1] ?? '';
  const raw = m[2]!;
  const [core, ...rest] = raw.split(/(?=[-+])/);
  const parts = core!.split('.');
  const wild = (p: string | undefined): boolean => p === undefined || /^[xX*]$/.test(p);
  const dirtyAt = parts.findIndex((p) => wild(p));
  const nums = parts.map((p) => (wild(p) ? '0' : p));
  while (nums.length < 3) nums.push('0');
  const c = parseVersion(nums.join('.') + rest.join(''));
  const dirty = dirtyAt >= 0 || parts.length < 3;
  const level = dirtyAt >= 0 ? dirtyAt : parts.length;
  const preOK = (v: Version): boolean => v.pre === '' || c.pre !== '';
  const upper = (lvl: number): Version => {
    if (lvl <= 0) return { ...c, major: c.major + 1000000n, minor: 0n, patch: 0n, pre: '' };
    if (lvl === 1) return { ...c, major: c.major + 1n, minor: 0n, patch: 0n, pre: '' };
    return { ...c, minor: c.minor + 1n, patch: 0n, pre: '' };
  };
  switch (op) {
    case '':
    case '=':
      if (dirty) return (v) => preOK(v) && compare(v, c) >= 0 && compare(v, upper(level)) < 0;
      return (v) => compare(v, c) === 0;
    case '!=':
      if (dirty) return (v) => !(compare(v, c) >= 0 && compare(v, upper(level)) < 0);
      return (v) => compare(v, c) !== 0;
    case '>':
      if (dirty) return (v) => preOK(v) && compare(v, upper(level)) >= 0;
      return (v) => preOK(v) && compare(v, c) > 0;
    case '>=':
    case '=>':
      return (v) => preOK(v) && compare(v, c) >= 0;
    case '<':
      return (v) => preOK(v) && compare(v, c) < 0;
    case '<=':
    case '=<':
      if (dirty) return (v) => preOK(v) && compare(v, upper(level)) < 0;
      return (v) => preOK(v) && compare(v, c) <= 0;
    case '~':
    case '~>':
      return (v) => preOK(v) && compare(v, c) >= 0 && compare(v, upper(level === 1 ? 1 : 2)) < 0;
    default: {
      const lvl = c.major > 0n || level <= 1 ? 1 : c.minor > 0n || level === 2 ? 2 : 3;
      const hi = lvl === 3 ? { ...c, patch: c.patch + 1n, pre: '' } : upper(lvl);
      return (v) => preOK(v) && compare(v, c) >= 0 && compare(v, hi) < 0;
    }
  }
}

function parseConstraint(text: string): Check {
  const ors = text.split('||').map((group) => {
    const hy = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(group);
    const ands = hy
      ? [parseOne(`>= ${hy[1]}`), parseOne(`<= ${hy[2]}`)]
      : group
          .trim()
          .replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, '$1')
          .split(/\s*,\s*|\s+/)
          .filter(Boolean)
          .map(parseOne);
    if (ands.length === 0) fail(`improper constraint: ${text}`);
    return ands;
  });
  return (v) => ors.some((ands) => ands.every((c) => c(v)));
}

function versionValue(v: Version): GoValue {
  const m = (name: string, f: () => GoValue): [string, GoFunc] => [
    name,
    new GoFunc(name, [], undefined, f),
  ];
  return new GoStruct(
    '*semver.Version',
    [],
    Object.fromEntries([
      m('String', () => versionString(v)),
      m('Major', () => new GoNum('uint64', v.major)),
      m('Minor', () => new GoNum('uint64', v.minor)),
      m('Patch', () => new GoNum('uint64', v.patch)),
      m('Prerelease', () => v.pre),
      m('Metadata', () => v.meta),
      m('Original', () => v.original),
    ]),
  );
}

/** semverFuncs are sprig's semver functions. */
export const semverFuncs: Def[] = [
  def('semver', ['string'], undefined, (s: string) => versionValue(parseVersion(s))),
  def('semverCompare', ['string', 'string'], undefined, (c: string, s: string) => {
    const check = parseConstraint(c);
    return check(parseVersion(s));
  }),
];
