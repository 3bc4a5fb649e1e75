// Random semver tags and ranges for the Go differential and property tests. Biased towards the
// edges of the grammars: wildcards, `|`, leading zeros, uint64 limits, prereleases, odd spacing.
/** Rnd is a seeded random source returning numbers in [0, 1). */
export type Rnd = () => number;

const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const chance = (rnd: Rnd, p: number): boolean => rnd() < p;

const HUGE = [
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '18446744073709551615',
  '18446744073709551616',
  '99999999999999999999',
  '000000000000000000000000000001',
  '123456789012345678901234567890',
];

/** generateNumber returns a decimal part: mostly small, sometimes leading zeros or huge. */
export function generateNumber(rnd: Rnd): string {
  const r = rnd();
  if (r < 0.55) return pick(rnd, ['0', '1', '1', '2', '2', '3', '10']);
  if (r < 0.7) return String(Math.floor(rnd() * 30));
  if (r < 0.8) return pick(rnd, ['00', '01', '007', '010', '0000']);
  if (r < 0.9) return pick(rnd, HUGE);
  return String(Math.floor(rnd() * 3000));
}

const IDENTS = ['alpha', 'beta', 'rc', '0', '1', '2', '10', '01', '0a', 'a-b', '-', '--1', 'x', 'X', 'RC', 'b1', '18446744073709551616', '99999999999999999999999', '1a'];

/** generateIdents returns a dot-separated identifier list, occasionally with an empty one. */
export function generateIdents(rnd: Rnd): string {
  const n = 1 + Math.floor(rnd() * 3);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(chance(rnd, 0.03) ? '' : pick(rnd, IDENTS));
  return parts.join('.');
}

function generateTail(rnd: Rnd): string {
  let s = '';
  if (chance(rnd, 0.35)) s += `-${generateIdents(rnd)}`;
  if (chance(rnd, 0.12)) s += `+${generateIdents(rnd)}`;
  return s;
}

/** generateTag returns image-tag-like strings, mostly versions (strict or not), some garbage. */
export function generateTag(rnd: Rnd): string {
  const r = rnd();
  if (r < 0.06) {
    return pick(rnd, ['latest', '', 'v', '.', '..', 'main', 'sha-1a2b3c', '1..2', '1.2.', '.1.2', 'v.1.2', 'vv1.2.3', 'V1.2.3', ' 1.2.3', '1.2.3 ', '1.2.3\n', 'v1.2.3-', '1.2.3+', '1.2.3-+a', '１.2.3', 'v1.2.3-é', '1.0.0-alpha..1']);
  }
  if (r < 0.08) return `1.2.3-${'a'.repeat(240 + Math.floor(rnd() * 30))}`;
  const prefix = chance(rnd, 0.3) ? pick(rnd, ['v', 'v', 'v', 'V', 'vv', 'x', 'b']) : '';
  const parts = pick(rnd, [3, 3, 3, 3, 2, 1, 4]);
  const nums: string[] = [];
  for (let i = 0; i < parts; i++) nums.push(generateNumber(rnd));
  let s = prefix + nums.join('.') + generateTail(rnd);
  if (chance(rnd, 0.03)) s += pick(rnd, ['p', '.', '-', '_', '|', 'x', '*']);
  if (chance(rnd, 0.02)) s = s.replace('.', pick(rnd, ['-', '+', '..']));
  return s;
}

const OPS = ['', '', '', '=', '!=', '>', '<', '>=', '=>', '<=', '=<', '~', '~>', '^'];
const BAD_OPS = ['==', '!', '<>', '=~', '>>', '~=', '^^', '=!', '-'];
const WILDCARDS = ['x', 'X', '*'];
const CLEAN_IDENTS = ['alpha', 'beta', 'rc', '0', '1', '2', 'rc.1', 'beta.2', 'a-b', 'x'];

// Each range is generated either clean (mostly valid, small numbers: exercises Check) or nasty
// (every edge of the grammar: exercises parsing and error messages).
function generatePart(rnd: Rnd, nasty: boolean): string {
  const r = rnd();
  if (!nasty) return r < 0.8 ? pick(rnd, ['0', '1', '1', '2', '2', '3', '10']) : pick(rnd, WILDCARDS);
  if (r < 0.7) return generateNumber(rnd);
  if (r < 0.92) return pick(rnd, WILDCARDS);
  return pick(rnd, ['|', '1|', 'x|', '1x', 'x1', '**', '|2', '1|2']);
}

/** generateRangeVersion returns one range version: 1–4 parts, wildcards, `v`, prerelease, meta. */
export function generateRangeVersion(rnd: Rnd, nasty = true): string {
  const prefix = chance(rnd, 0.15) ? (nasty ? pick(rnd, ['v', 'v', 'V']) : 'v') : '';
  const n = nasty ? pick(rnd, [1, 2, 3, 3, 3, 4]) : pick(rnd, [1, 2, 3, 3, 3]);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(generatePart(rnd, nasty));
  if (nasty) return prefix + parts.join('.') + generateTail(rnd);
  let tail = chance(rnd, 0.25) ? `-${pick(rnd, CLEAN_IDENTS)}` : '';
  if (chance(rnd, 0.05)) tail += '+build.1';
  return prefix + parts.join('.') + tail;
}

const SPACES = ['', '', '', ' ', ' ', '  ', '\t', '\n', '\v', '\u00a0', '\r\n', '\f'];
const AND_SEPS = [' ', ' ', ',', ', ', ' , ', ',,', '', '\t', ' ,', '\v'];
const OR_SEPS = ['||', ' || ', '|| ', ' ||', '|', '|||', ' | '];

function generateComparison(rnd: Rnd, nasty: boolean): string {
  if (chance(rnd, 0.08)) {
    const dash = nasty ? pick(rnd, [' - ', ' - ', '  -\t', ' -', '- ', '-', ' -- ']) : ' - ';
    return generateRangeVersion(rnd, nasty) + dash + generateRangeVersion(rnd, nasty);
  }
  const op = nasty && chance(rnd, 0.04) ? pick(rnd, BAD_OPS) : pick(rnd, OPS);
  const space = nasty ? pick(rnd, SPACES) : pick(rnd, ['', '', ' ']);
  return op + space + generateRangeVersion(rnd, nasty);
}

/** generateRange returns range text from the whole Masterminds grammar plus near misses. */
export function generateRange(rnd: Rnd): string {
  const r = rnd();
  if (r < 0.04) {
    return pick(rnd, ['', ' ', '*', 'x', '*-*', 'a', '-1', '1.0.0p', '||', '>=1 || ', '1 -', 'é', '"1"', '\\1', '1.0.0 - ', 'latest', '\u00e91.0', '\u200b1.0', '1\u{1F600}']);
  }
  if (r < 0.05) return Array.from({ length: 32 + Math.floor(rnd() * 2) }, () => '1').join('||');
  if (r < 0.06) return `>=1.0.0-${'a'.repeat(240 + Math.floor(rnd() * 280))}`;
  const nasty = chance(rnd, 0.35);
  const groups = 1 + Math.floor(rnd() * (chance(rnd, 0.8) ? 2 : 4));
  const out: string[] = [];
  for (let g = 0; g < groups; g++) {
    const n = 1 + Math.floor(rnd() * 3);
    let s = nasty ? pick(rnd, SPACES) : '';
    for (let i = 0; i < n; i++) {
      if (i > 0) s += nasty ? pick(rnd, AND_SEPS) : pick(rnd, [' ', ',', ', ']);
      s += generateComparison(rnd, nasty);
    }
    out.push(s + (nasty ? pick(rnd, SPACES) : ''));
  }
  let s = out[0] as string;
  for (let g = 1; g < out.length; g++) s += (nasty ? pick(rnd, OR_SEPS) : ' || ') + out[g];
  if (nasty && chance(rnd, 0.05)) s += pick(rnd, ['p', '!', '@', 'é', '"']);
  return s;
}

/** generateNearbyTag returns a tag likely to sit near a range's boundaries (small numbers). */
export function generateNearbyTag(rnd: Rnd): string {
  if (chance(rnd, 0.2)) return generateTag(rnd);
  const n = () => pick(rnd, ['0', '1', '2', '3', '0', '1', '2', '10']);
  let s = `${chance(rnd, 0.2) ? 'v' : ''}${n()}.${n()}.${n()}`;
  if (chance(rnd, 0.4)) s += `-${pick(rnd, ['0', '1', 'alpha', 'beta.1', 'rc.1', 'a', 'x', 'alpha.beta', '-', 'z', 'rc', 'beta.2', 'a-b'])}`;
  if (chance(rnd, 0.05)) s += '+meta';
  return s;
}

const PRE_IDENTS = ['0', '1', '2', '9', '10', '11', '99', 'a', 'b', 'alpha', 'beta', 'rc', 'RC', 'A', 'z', '-', '--', 'a-1', '1a', '18446744073709551615', '18446744073709551616', '9007199254740993'];

/** generatePrereleaseSuffix returns '' or `-` plus 1–4 identifiers, to stress prerelease order. */
export function generatePrereleaseSuffix(rnd: Rnd): string {
  if (chance(rnd, 0.15)) return '';
  const n = 1 + Math.floor(rnd() * 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(pick(rnd, PRE_IDENTS));
  return `-${parts.join('.')}`;
}

const NOISE = [...'0019..--+vVxX*||,  \t=!<>~^aZ_', '\v', 'é', '||', ' - ', '1.2.3', '>=', '-0'];

/** generateNoise returns short random text over the grammar's alphabet, for scanner edge cases. */
export function generateNoise(rnd: Rnd): string {
  const n = Math.floor(rnd() * 16);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rnd, NOISE);
  return s;
}
