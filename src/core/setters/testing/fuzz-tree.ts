// Seeded generator of YAML files with `$imagepolicy` markers in many placements, quoting styles,
// comment shapes and value kinds, for differential tests against Flux's kyaml setters.

/** Random returns a number in [0, 1). */
export type Random = () => number;

const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

// biome-ignore format: a table reads better than one value per line
const tags = [
  '1.10', '123', '1e3', 'true', 'on', 'yes', 'y', 'NO', 'null', '~', 'v1.2.3', 'latest', '0x1F',
  '1_000', '2021-01-01', '08', '.5', '-1', '+1', '1.0-rc1', 'main-abc123-1700000000', '0o17',
  '0b101', '1.5e+3', 'Off', 'TRUE', 'nan', '.inf', '-.inf', '1:20', '12.0', '0', '00', '1.0.0',
];
const names = ['ghcr.io/acme/app', 'localhost:5000/acme/app', 'nginx', 'docker.io/library/redis'];
const digests = [`sha256:${'a'.repeat(64)}`, ''];
// Old values that are strings when plain: kyaml keeps the resolved tag of an old plain number or
// boolean (a documented Flux bug), so those are only generated quoted.
const oldValues = ['old', 'v0.9', "it's", 'a b', 'ghcr.io/acme/app:1.0', 'x-1'];
const oldNumbers = ['1.0', '123', 'true'];

/** fuzzLatest is the policies in scope for the generated tree. */
export function fuzzLatest(
  rnd: Random,
): Record<string, { name: string; tag: string; digest?: string }> {
  const out: Record<string, { name: string; tag: string; digest?: string }> = {};
  for (let p = 0; p < 6; p++) {
    const digest = pick(rnd, digests);
    out[`ns:p${p}`] = {
      name: pick(rnd, names),
      tag: pick(rnd, tags),
      ...(digest ? { digest } : {}),
    };
  }
  return out;
}

function scalar(rnd: Random, inFlow: boolean): string {
  if (rnd() < 0.15) return `"${pick(rnd, oldNumbers)}"`;
  const v = pick(rnd, oldValues);
  const style = rnd();
  if (style < 0.2 || (inFlow && v.includes(' '))) return JSON.stringify(v);
  if (style < 0.4) return `'${v.replaceAll("'", "''")}'`;
  if (v.includes("'") || v.includes(' ')) return JSON.stringify(v);
  return v;
}

function marker(rnd: Random): string {
  const policy = `ns:p${Math.floor(rnd() * 8)}`;
  const suffix = pick(rnd, ['', '', ':tag', ':tag', ':name', ':digest', ':bogus']);
  const json = pick(rnd, [
    `{"$imagepolicy": "${policy}${suffix}"}`,
    `{"$imagepolicy":"${policy}${suffix}"}`,
    `{"$imagepolicy":  "${policy}${suffix}"}`,
    `{"$imagepolicy": "${policy}${suffix}", "x": "y"}`,
  ]);
  return pick(rnd, ['# ', '#', '## ', '# ']) + json;
}

// One `key: ...` entry at two-space indentation under `data:`, in one of many placements.
function entry(rnd: Random, i: number): string {
  const k = `k${i}`;
  switch (Math.floor(rnd() * 15)) {
    case 0:
      return `  ${k}: ${scalar(rnd, false)} ${marker(rnd)}\n`;
    case 1:
      return `  ${k}:\n    - ${scalar(rnd, false)} ${marker(rnd)}\n    - other\n`;
    case 2:
      return `  ${k}:\n    - first\n    ${marker(rnd)}\n    - ${scalar(rnd, false)}\n`;
    case 3:
      return `  ${k}:\n    ${marker(rnd)}\n\n    - ${scalar(rnd, false)}\n`;
    case 4:
      return `  ${k}:\n    # note\n    ${marker(rnd)}\n    - ${scalar(rnd, false)}\n`;
    case 5: {
      // A comment between a key and its value on the next line, maybe blank lines. (At or left of
      // the key's column the yaml package rejects `#comment` without a space when more keys
      // follow: golden case col0-comment-before-value.)
      const ind = ' '.repeat(pick(rnd, [3, 4, 4, 6]));
      const gap = rnd() < 0.3 ? '\n' : '';
      return `  ${k}:\n${gap}${ind}${marker(rnd)}\n${rnd() < 0.3 ? '\n' : ''}    ${scalar(rnd, false)}\n`;
    }
    case 6:
      return `  ${k}: ${marker(rnd)}\n    ${scalar(rnd, false)}\n`;
    case 7:
      return `  ${k}: [${scalar(rnd, true)}, ${marker(rnd)}\n    ${scalar(rnd, true)}]\n`;
    case 8:
      return `  ${k}:\n    - ${marker(rnd)}\n      ${scalar(rnd, false)}\n`;
    case 9:
      return `  ${k}: ${scalar(rnd, false)} ${marker(rnd)} trailing\n`;
    case 12: {
      // A head comment at any indentation, with or without blank lines around it.
      const ind = ' '.repeat(pick(rnd, [0, 2, 4, 4, 4, 6, 8]));
      const gapA = rnd() < 0.3 ? '\n' : '';
      const gapB = rnd() < 0.3 ? '\n' : '';
      const before = pick(rnd, ['    - first\n', '    - name: a\n      image: b\n', '']);
      return `  ${k}:\n${before}${gapA}${ind}${marker(rnd)}\n${gapB}    - ${scalar(rnd, false)}\n`;
    }
    case 13: {
      // Sequences of mappings, like a containers list.
      const ind = ' '.repeat(pick(rnd, [4, 6]));
      return `  ${k}:\n    - name: a\n      image: ${scalar(rnd, false)} ${marker(rnd)}\n${ind}# between\n    - name: b\n      image: ${scalar(rnd, false)} ${marker(rnd)}\n`;
    }
    case 10:
      return `  ${k}:\n    - ${marker(rnd)}\n    - ${scalar(rnd, false)}\n`;
    case 11:
      return `  ${k}:\n    - a\n    ${marker(rnd)}\n    # second line\n    - ${scalar(rnd, false)}\n`;
    default:
      return `  ${k}:\n    nested: ${scalar(rnd, false)} ${marker(rnd)}\n`;
  }
}

/** fuzzFiles returns `count` generated files keyed by path. */
export function fuzzFiles(rnd: Random, count: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let f = 0; f < count; f++) {
    let text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: f${f}\n  namespace: ns${f % 3}\ndata:\n`;
    const n = 1 + Math.floor(rnd() * 6);
    for (let i = 0; i < n; i++) text += entry(rnd, i);
    if (rnd() < 0.2) text += `---\nkind: Second\nimage: ${scalar(rnd, false)} ${marker(rnd)}\n`;
    if (rnd() < 0.1) text = text.replaceAll('\n', '\r\n');
    files.set(`dir${f % 4}/file-${String(f).padStart(3, '0')}.yaml`, text);
  }
  return files;
}
