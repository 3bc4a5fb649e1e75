// Generated differential cases for the template engine: printf verbs × values, trim markers,
// nested control structures with variables, sprig calls and broken templates. Deterministic
// (seeded), so a failure names a case that can be reproduced.
import type { OracleCase } from './oracle.ts';

/** sampleData is the JSON document generated templates run against. */
export const sampleData = {
  s: 'héllo wörld',
  e: '',
  n: 42,
  f: 3.14159,
  neg: -2.5,
  b: true,
  z: 0,
  l: [3, 'a', null, 1.5, true],
  sl: ['b', 'a', 'c'],
  m: { b: 2, a: 'x', c: [1, 2], 'k-1': { x: 1 } },
  em: {},
  el: [],
  nil: null,
  big: 1e21,
  tiny: 0.000001,
  nested: { a: { b: { c: 'deep' } } },
  imgs: ['ghcr.io/org/app:1.2.3', 'docker.io/library/nginx:1.25', 'quay.io/x/y@sha256:abc'],
};

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const verbs = [
  '%s', '%d', '%v', '%+v', '%q', '%x', '%X', '%t', '%f', '%e', '%g', '%c', '%U', '%5d', '%-6s|',
  '%05.2f', '%.3s', '%08b', '%o', '%#x', '%+.1e', '%10.4g', '%T', '% d', '%#v',
];
const values = ['.s', '.n', '.f', '.neg', '.b', '.l', '.m', '.nil', '42', '-7', '3.5', '"str"', 'true', "'x'", '.sl', '.missing'];

function printfCases(): OracleCase[] {
  const out: OracleCase[] = [];
  for (const v of verbs) for (const x of values) out.push({ template: `{{printf "${v}" ${x}}}` });
  out.push({ template: '{{printf "%d %d" 1}}' }, { template: '{{printf "%d" 1 2 "x"}}' });
  out.push({ template: '{{printf "%[2]d %[1]s" "a" 5}}' }, { template: '{{printf "%*d|%-*d|" 5 1 4 2}}' });
  out.push({ template: '{{printf "%.*f" 2 3.14159}}' }, { template: '{{printf "%!" 1}}' }, { template: '{{printf "%" }}' });
  return out;
}

function trimCases(r: () => number): OracleCase[] {
  const spaces = ['', ' ', '\n', ' \n\t ', '\n\n  '];
  const exprs = ['.s', '1', '"x"', '.l', '$', '-3'];
  const out: OracleCase[] = [];
  for (const left of ['{{', '{{- ']) {
    for (const right of ['}}', ' -}}']) {
      for (const e of exprs) {
        const a = spaces[Math.floor(r() * spaces.length)]!;
        const b = spaces[Math.floor(r() * spaces.length)]!;
        out.push({ template: `A${a}${left}${e}${right}${b}B` });
        out.push({ template: `A${a}${left}/* note */${right}${b}B` });
      }
    }
  }
  out.push({ template: '{{-3}}' }, { template: '{{- 3}}' }, { template: '{{3 -}}' }, { template: '{{3-}}' });
  out.push({ template: 'x {{- /* multi\nline */ -}}\n y' }, { template: '{{/* unclosed }}' }, { template: '{{ /* spaced */ }}' });
  return out;
}

const conds = ['.b', '.e', '.z', '.l', '.el', '.m', '.em', '.nil', '.missing', '(eq .n 42.0)', '(and .b .s)', '(or .e .z)', '(not .b)'];
const bodies = ['[{{.}}]', 'x', '{{$v}}', '{{len .}}', '{{$.s}}'];

function controlCase(r: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (depth === 0) return pick(['T', '{{ .s }}', '{{ $v }}', '{{ $.n }}', '-']);
  const inner = (): string => controlCase(r, depth - 1);
  switch (Math.floor(r() * 6)) {
    case 0:
      return `{{if ${pick(conds)}}}${inner()}{{else if ${pick(conds)}}}${inner()}{{else}}${inner()}{{end}}`;
    case 1:
      return `{{with ${pick(conds)}}}${pick(bodies)}{{else with ${pick(conds)}}}W{{else}}${inner()}{{end}}`;
    case 2:
      return `{{range $i, $e := ${pick(['.l', '.sl', '.m', '.el', '.em', '.nil', '3'])}}}{{$i}}:{{$e}}${inner()}{{else}}E{{end}}`;
    case 3:
      return `{{range ${pick(['.sl', '.m', '.l'])}}}{{if eq (printf "%v" .) "a"}}{{continue}}{{end}}{{.}}{{if eq (printf "%v" .) "c"}}{{break}}{{end}}{{end}}${inner()}`;
    case 4:
      return `{{$v = ${pick(['.s', '1', '.m', '(len .sl)'])}}}${inner()}{{$w := $v}}{{$w}}`;
    default:
      return `{{define "sub${depth}"}}<{{.}}>{{end}}{{template "sub${depth}" ${pick(['.s', '.l', '.nil', '$v'])}}}${inner()}`;
  }
}

function controlCases(r: () => number): OracleCase[] {
  const out: OracleCase[] = [];
  for (let i = 0; i < 120; i++) out.push({ template: `{{$v := "init"}}${controlCase(r, 1 + (i % 3))}` });
  return out;
}

const sprigCalls = [
  'upper .s', 'lower "ÀBC"', 'title .s', 'trunc 3 .s', 'substr 1 4 .s', 'repeat 2 .s', 'quote .s .n', 'squote .l',
  'join "," .sl', 'sortAlpha .sl', 'first .sl', 'last .l', 'rest .sl', 'initial .sl', 'reverse .sl', 'uniq (list 1 1 2)',
  'has "a" .sl', 'without .sl "a"', 'compact .l', 'slice .sl 1', 'concat .sl .l', 'keys .m | sortAlpha', 'pick .m "a" "b"',
  'omit .m "a" "b" "c" "k-1"', 'get .m "a"', 'hasKey .m "zz"', 'dig "k-1" "x" 0 .m', 'default "d" .e', 'default "d" .s',
  'empty .el', 'coalesce .e .z .s', 'ternary 1 2 .b', 'toJson .m', 'toJson .l', 'toPrettyJson .m', 'toRawJson .s',
  'add .n 1', 'sub .n 50', 'mul .n 2', 'div .n 5', 'mod .n 5', 'max .n 7 99', 'min .n 7', 'addf .f 1', 'mulf .f 2',
  'floor .f', 'ceil .f', 'round .f 2', 'int .f', 'int64 .s', 'float64 "2.5"', 'atoi "12"', 'toString .m', 'toStrings .l',
  'b64enc .s', 'b64dec (b64enc .s)', 'sha1sum .s', 'sha256sum .s', 'adler32sum .s', 'regexFind "[a-z]+" .s',
  'regexReplaceAll "l+" .s "L"', 'regexSplit "o" .s -1', 'regexMatch "^h" .s', 'splitList " " .s', 'split " " .s',
  'contains "llo" .s', 'replace "l" "L" .s', 'indent 2 .s', 'nindent 1 .s', 'cat .s .n .nil', 'plural "a" "b" .n',
  'semverCompare "^1.2" "1.4.0"', 'semver "1.2.3"', 'base "a/b.yaml"', 'ext "a/b.yaml"', 'dir "a/b/c"', 'clean "a/../b"',
  'typeOf .m', 'kindOf .l', 'typeOf .n', 'len .s', 'index .m "c" 1', 'index .sl 5', 'upper .n', 'until 4', 'seq 3',
  'list .s .n | toJson', 'dict "k" .s | toJson', 'fromJson "{\\"a\\":[1]}" | toJson', 'mustFromJson "{"', 'fail "no"',
];

function sprigCases(): OracleCase[] {
  return sprigCalls.map((c) => ({ template: `{{ ${c} }}` }));
}

const breakers: ((t: string, r: () => number) => string)[] = [
  (t, r) => t.slice(0, Math.max(1, Math.floor(r() * t.length))),
  (t, r) => {
    const i = Math.floor(r() * t.length);
    return t.slice(0, i) + t.slice(i + 1);
  },
  (t) => `${t}{{end}}`,
  (t) => `{{if .b}}${t}`,
  (t) => t.replace('{{', '{{ nosuchfunc '),
  (t) => t.replace('{{', '{{ $undefined '),
  (t) => `${t}{{ .s.x }}`,
  (t) => `${t}{{ .n | upper }}`,
  (t) => `${t}{{ index .sl "x" }}`,
  (t) => `${t}\n\n{{ template "missing" }}`,
];

function errorCases(r: () => number): OracleCase[] {
  const bases = ['{{ .s }}', 'a {{ range .sl }}{{ . }}{{ end }} b', '{{ if .b }}{{ printf "%d" .n }}{{ else }}x{{ end }}', 'x\ny {{ with .m }}{{ .a }}{{ end }}\nz'];
  const out: OracleCase[] = [];
  for (let i = 0; i < 80; i++) {
    const base = bases[i % bases.length]!;
    out.push({ template: breakers[Math.floor(r() * breakers.length)]!(base, r) });
  }
  return out;
}

const refused = new Set([
  'genPrivateKey', 'genCA', 'genCAWithKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert',
  'genSignedCertWithKey', 'buildCustomCert', 'derivePassword', 'bcrypt', 'htpasswd', 'encryptAES', 'decryptAES',
  'ago', 'toDate', 'mustToDate', 'unixEpoch', 'durationRound', 'mustDateModify', 'must_date_modify', 'randInt',
  'shuffle', 'deepCopy', 'mustDeepCopy', 'keys', 'values', 'omit',
  'merge', 'mergeOverwrite', 'mustMerge', 'mustMergeOverwrite',
  'urlParse', 'urlJoin', 'mustFromJson', 'b32dec', 'b64dec', 'set', 'unset', 'append', 'push', 'mustAppend', 'mustPush',
]);
const argPool = ['.s', '.n', '.l', '.m', '1', '"x"', 'nil', '(list 1 "b")', '(dict "a" 1)', 'true', '2.5', '.sl', '.missing', '-3', '"3"'];

/** sprigFuzzCases calls every deterministic function with random arguments (errors included). */
function sprigFuzzCases(r: () => number, names: readonly string[]): OracleCase[] {
  const out: OracleCase[] = [];
  for (const name of names) {
    if (refused.has(name)) continue;
    for (let k = 0; k < 3; k++) {
      const n = Math.floor(r() * 4);
      const args = Array.from({ length: n }, () => argPool[Math.floor(r() * argPool.length)]!);
      out.push({ template: `{{ ${[name, ...args].join(' ')} }}` });
    }
  }
  return out;
}

/** Signature is a function's Go arity: fixed parameters and whether it is variadic. */
export interface Signature {
  readonly params: readonly string[];
  readonly variadic: string | undefined;
}

const pipeAtoms = [
  '.s', '.n', '.f', '.neg', '.b', '.z', '.l', '.sl', '.m', '.m.a', '.m.c', '.em', '.el', '.nil', '.missing',
  '.nested.a.b', '.imgs', '1', '0', '-3', '2.5', '"x"', '"ab,c"', '""', 'true', 'nil', '$', '.', '$v',
  '(list 1 "a")', '(dict "k" 1)', "'z'",
];

/** pipelineFuzzCases nests random calls (mostly with the right number of arguments). */
function pipelineFuzzCases(r: () => number, funcs: ReadonlyMap<string, Signature>): OracleCase[] {
  const names = [...funcs.keys()].filter((n) => !refused.has(n)).sort();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const expr = (d: number): string => {
    if (d <= 0 || r() < 0.35) return pick(pipeAtoms);
    const name = pick(names);
    const sig = funcs.get(name)!;
    const n = r() < 0.85 ? sig.params.length + (sig.variadic ? Math.floor(r() * 2) : 0) : Math.floor(r() * 3);
    return `(${[name, ...Array.from({ length: n }, () => expr(d - 1))].join(' ')})`;
  };
  const out: OracleCase[] = [];
  for (let i = 0; i < 600; i++) {
    const body = r() < 0.2 ? `{{ range $i, $e := ${expr(1)} }}[{{ $i }}:{{ $e }}]{{ end }}` : `{{ ${expr(2)} }}`;
    out.push({ template: `{{ $v := .sl }}${body}` });
  }
  return out;
}

/** generatedCases returns every generated case, all run against sampleData. */
export function generatedCases(funcs: ReadonlyMap<string, Signature>, seed = 20261123): OracleCase[] {
  const r = rng(seed);
  const names = [...funcs.keys()].sort();
  return [
    ...printfCases(),
    ...trimCases(r),
    ...controlCases(r),
    ...sprigCases(),
    ...errorCases(r),
    ...sprigFuzzCases(r, names),
    ...pipelineFuzzCases(r, funcs),
  ].map((c) => ({
    ...c,
    data: sampleData,
  }));
}

const commitPaths = [
  '.AutomationObject', '.AutomationObject.Name', '.AutomationObject.Namespace', '.Changed', '.Changed.FileChanges',
  '.Changed.Objects', '.Changed.Changes', '.Values', '.Values.cluster', '.Values.nope', '.Updated', '.Updated.Files',
  '.Updated.Objects', '.Updated.Images', '.Nope', '.Changed.Nope', '.AutomationObject.String',
];
const commitFuncs = [
  '', 'len', 'toString', 'toJson', 'printf "%v"', 'printf "%+v"', 'printf "%#v"', 'printf "%T"', 'printf "%s"',
  'printf "%d"', 'typeOf', 'kindOf', 'empty', 'quote', 'upper', 'first', 'last', 'keys', 'html', 'not', 'print',
];

/** commitProbeCases pipes every data path through a set of functions (run on commit data). */
export function commitProbeCases(): string[] {
  const out: string[] = [];
  for (const p of commitPaths) for (const f of commitFuncs) out.push(f ? `{{ ${p} | ${f} }}` : `{{ ${p} }}`);
  for (const p of commitPaths) {
    out.push(`{{ range $k, $v := ${p} }}[{{ $k }}={{ $v }}]{{ else }}empty{{ end }}`);
    out.push(`{{ with ${p} }}W:{{ . }}{{ else }}none{{ end }}`);
  }
  return out;
}
