// Random input generators for the Go differential test: biased towards the edges of each grammar.
type Rnd = () => number;

const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const times = (rnd: Rnd, max: number, f: () => string): string => {
  let s = '';
  const n = Math.floor(rnd() * (max + 1));
  for (let i = 0; i < n; i++) s += f();
  return s;
};

/** generateFloat builds strings around Go's float literal grammar, valid and not. */
export function generateFloat(rnd: Rnd): string {
  if (rnd() < 0.1) {
    return pick(rnd, ['inf', 'Inf', '+infinity', '-INF', 'nan', 'NaN', '+nan', '-nan', 'infinit', 'in', '', '.', '_', 'e1', '0x', '0x.p1', '0x1', '0b101', '0o17', '1e400', '-1e400', '1e-400', '4.9e-324', '2.4703282292062328e-324', '1.7976931348623157e308', '1.7976931348623158e308', '1.7976931348623159e308', '9007199254740993', '0x1.fffffffffffffp1023', '0x1.fffffffffffff8p1023', '0x1p-1074', '0x1.8p-1074', '0x3p-1075']);
  }
  const hex = rnd() < 0.2;
  const digit = () => (hex ? pick(rnd, [...'0123456789abcdefABCDEF']) : pick(rnd, [...'0123456789']));
  const sep = () => (rnd() < 0.12 ? '_' : '');
  let s = pick(rnd, ['', '', '', '+', '-']);
  if (hex) s += pick(rnd, ['0x', '0X', '0x_']);
  s += times(rnd, 6, () => sep() + digit());
  if (rnd() < 0.4) s += `.${times(rnd, 5, () => digit() + sep())}`;
  if (rnd() < (hex ? 0.85 : 0.4)) {
    s += hex ? pick(rnd, ['p', 'P']) : pick(rnd, ['e', 'E']);
    s += pick(rnd, ['', '+', '-']) + times(rnd, 3, () => pick(rnd, [...'0123456789', '_']));
  }
  if (rnd() < 0.05) s += pick(rnd, [' ', 'a', '.', 'x', '١', 'e']);
  return s;
}

const atoms = ['a', 'b', '1', '\\d', '\\w', '.', '[0-9]', '[a-z]', '[^-]', '\\.', '-', 'v', 'rc', '[[:digit:]]', '\\pL', '\\Q.\\E', 'x*', '$', '^'];

/** generatePattern builds Go regexps from atoms, groups (named and not), alternation, flags. */
export function generatePattern(rnd: Rnd): string {
  if (rnd() < 0.06) return pick(rnd, ['(', '[', 'a**', '(?=a)', '(a)\\1', '(?P<n>a)(?P<n>b)', '(?P<>a)', 'a{1001}', '\\8', '(?i', '[z-a]', '(?<n>a)', '']);
  const part = (depth: number): string => {
    let s = '';
    const n = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.2 && depth < 2) s += `(${part(depth + 1)})`;
      else if (r < 0.32 && depth < 2) s += `(?P<${pick(rnd, ['n', 'tag', 'num', 'x1', '1x'])}>${part(depth + 1)})`;
      else if (r < 0.37 && depth < 2) s += `(?:${part(depth + 1)}|${part(depth + 1)})`;
      else s += pick(rnd, atoms);
      if (rnd() < 0.25) s += pick(rnd, ['*', '+', '?', '{1,2}', '*?', '+?']);
    }
    return s;
  };
  if (rnd() < 0.1) {
    // The digit-capture shape with its own fast path (src/core/filter/digit-capture.ts).
    const lit = () => pick(rnd, ['', 'v', 'release-', '1.', 'rc\\.', 'a-']);
    return `^${lit()}(${pick(rnd, ['', '?P<n>'])}${pick(rnd, ['\\d', '[0-9]'])}+)${lit()}${pick(rnd, ['', '$'])}`;
  }
  if (rnd() < 0.15) {
    // The suffix-capture shape that has its own fast path (src/core/filter/suffix-capture.ts).
    const tail = pick(rnd, ['(.*)', '(?P<n>.*)', '(?<tag>.*)', '(.*)$', '(.+)', '(.*?)']);
    return `^${part(1).replaceAll('(', '(?:')}${tail}`;
  }
  return pick(rnd, ['', '', '^', '(?i)']) + part(0) + (rnd() < 0.3 ? '$' : '');
}

/** generateTag builds tag-like strings. */
export function generateTag(rnd: Rnd): string {
  const pieces = ['v', '1', '2', '0', '10', '.', '-', 'rc', 'a', 'b', 'main', 'main-', 'x', '_', 'É', '9', 'f'];
  return times(rnd, 8, () => pick(rnd, pieces));
}

/** generateTemplate builds Expand templates with every kind of reference. */
export function generateTemplate(rnd: Rnd): string {
  const pieces = ['$1', '$0', '$2', '${1}', '${n}', '$n', '$tag', '$num', '$$', '$', '${', '${1', '$1x', '$01', '$x1', 'v', '-', '.', '$-', '${tag}x', '$é'];
  return times(rnd, 4, () => pick(rnd, pieces));
}

const semverTags = ['1.0.0', 'v1.0.0', '1.0.1', '1.2.0', '2.0.0', '2.0.0-rc.1', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-0', '0.1.0', '0.0.3', 'v2.1.3', 'V1.0.0', 'vv1.0.0', '1.0', '1', '01.0.0', '1.0.0.1', '1.0.0+build', '1.2.3-01', '1.2.3-0a', '10.20.30', 'latest', 'main-abc-1', '1.9.0', '1.10.0', '3.0.0-beta.2', '18446744073709551615.0.0', '18446744073709551616.0.0', '2022.04.1', '2022.4.1'];
const ranges = ['1.0.x', '^1.0', '=1.0.0', '~1.0', '>=1.0', '>0,<2.0', '*', '>=0.x', '1.x', '^0', '^0.0.3', '~1.2.3', '>=1.0.0-0', '>=1.0.0-0 <2.0.0', '1.0.0 - 2.0.0', '<=2', '!=1.0.0', '>1', '<2.0.0 || >=3', 'v1.x', '>= 1.0, < 2', '*-*', '', ' ', '1.0.0p', 'x1', '>=1 ||', '~>1.2', '>=2022.04.0', '^2.x', '>1.0.x'];

/** SelectCase is one full ImagePolicy evaluation. */
export interface SelectCase {
  policy: 'semver' | 'numerical' | 'alphabetical';
  arg: string;
  filter: boolean;
  pattern: string;
  extract: string;
  tags: string[];
}

/** generateSelectCase builds a policy, an optional filter and a tag list in stored order. */
export function generateSelectCase(rnd: Rnd): SelectCase {
  const policy = pick(rnd, ['semver', 'semver', 'numerical', 'alphabetical'] as const);
  const n = Math.floor(rnd() * 12);
  const tags = new Set<string>();
  for (let i = 0; i < n; i++) {
    tags.add(
      policy === 'semver' || rnd() < 0.3
        ? pick(rnd, semverTags)
        : policy === 'numerical'
          ? generateFloat(rnd)
          : generateTag(rnd),
    );
  }
  const filter = rnd() < 0.5;
  const patterns = ['^v?(?P<v>[0-9.]+)$', '^(.*)$', '(\\d+)', '^main-(?P<ts>\\d+)', 'rc\\.(\\d+)', '^1', '[', '(?P<n>\\d)(\\d)?', '^main-[a-fA-F0-9]+-(?P<ts>.*)', '^v(.*)', '^[0-9]*(.*)', '^v(?P<n>\\d+)\\.', '^(\\d+)\\.\\d', '^1\\.(\\d+)$', '^v([0-9]+)'];
  return {
    policy,
    arg: policy === 'semver' ? pick(rnd, ranges) : pick(rnd, ['asc', 'desc']),
    filter,
    pattern: filter ? pick(rnd, patterns) : '',
    extract: filter ? pick(rnd, ['', '$1', '$v', '${n}${2}', '$ts', 'x$1']) : '',
    // Stored order is descending by bytes (reflector.md §3.5).
    tags: [...tags].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)),
  };
}

/** generateShapedCase builds a fast-path-shaped pattern and a tag likely to (nearly) match it. */
export function generateShapedCase(rnd: Rnd): { pattern: string; tag: string } {
  const lits = ['', 'v', 'release-', 'rc.', 'a-', 'main-'];
  const esc = (l: string) => l.replaceAll('.', '\\.');
  const head = pick(rnd, lits);
  const tail = pick(rnd, ['', '.', '-rc', '.x']);
  const digits = () => times(rnd, 4, () => pick(rnd, [...'0123456789']));
  const pattern =
    rnd() < 0.5
      ? `^${esc(head)}(${pick(rnd, ['', '?P<n>'])}${pick(rnd, ['\\d', '[0-9]'])}+)${esc(tail)}${pick(rnd, ['', '$'])}`
      : `^${esc(head)}${pick(rnd, ['', '[a-f0-9]+-', '\\d*'])}(${pick(rnd, ['', '?P<n>'])}.*)${pick(rnd, ['', '$'])}`;
  const tag =
    (rnd() < 0.9 ? head : pick(rnd, lits)) +
    digits() +
    (rnd() < 0.7 ? tail : pick(rnd, ['', '.', 'x', '1', '\n2'])) +
    times(rnd, 2, () => pick(rnd, ['1', 'a', '.', '-']));
  return { pattern, tag };
}
