// Golden tests over manifests taken from real Flux users (/work/shared/seeds): every document
// loads, and the problems in them produce the expected, readable diagnostics.
// Regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatDiagnostic } from './diagnostic.ts';
import { loadManifests } from './load.ts';
import { checkReferences } from './references.ts';

const root = join(import.meta.dirname, 'testdata', 'seeds');
const update = process.env.UPDATE_GOLDEN === '1';

function render(dir: string): { text: string; lines: string[] } {
  const input = readFileSync(join(dir, 'input.yaml'), 'utf8');
  const r = loadManifests(input, 'input.yaml');
  const refs = checkReferences(r);
  const lines = [...r.diagnostics, ...refs].map(formatDiagnostic);
  const objects = r.objects.map((o) => ({
    kind: o.kind,
    apiVersion: o.apiVersion,
    metadata: o.metadata,
    origin: o.origin,
    ...('spec' in o ? { spec: o.spec } : {}),
  }));
  const text = `${lines.join('\n')}\n--- objects\n${JSON.stringify(objects, null, 2)}\n`;
  return { text, lines };
}

describe('seed manifests (golden)', () => {
  const cases = readdirSync(root).sort();
  it('has the seed cases', () => assert.ok(cases.length >= 6, cases.join(', ')));
  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name);
      const got = render(dir).text;
      const file = join(dir, 'expected.txt');
      if (update || !existsSync(file)) {
        if (!update) console.log(`writing missing golden ${file}`);
        writeFileSync(file, got);
      }
      assert.equal(got, readFileSync(file, 'utf8'));
    });
  }
});

// What the issue asks for explicitly, independent of the golden files.
describe('seed manifests: required diagnostics', () => {
  const required = [
    {
      seed: 'wac-hospital',
      want: [
        /input\.yaml:31:3: error \(document 3\): ImagePolicy wac-hospital\/ambulance-ufe spec\.policy: needs exactly one of semver, numerical or alphabetical/,
        /input\.yaml:32:3: warning \(document 3\): ImagePolicy wac-hospital\/ambulance-ufe spec\.alphabetical: unknown field/,
        /ImageRepository wac-hospital\/ambulance-ufe spec\.image "<docker-id>\/ambulance-ufe": could not parse reference/,
      ],
    },
    {
      seed: 'wac-hospital-raw-markup',
      want: [/error \(document 4\): invalid YAML: .* near "@_important_@"/],
    },
    {
      seed: 'lab-gitrepository-flattened',
      want: [
        /input\.yaml:14:1: error \(document 1\): invalid YAML: duplicate key "name" \(first at line 7\)/,
      ],
    },
    {
      seed: 'slides-image-automation',
      want: [
        /spec\.policy\.filterTags: unknown field.*did you mean spec\.filterTags\?/,
        /spec\.certSecretRef "nginxhello-auth": must be a mapping/,
        /spec\.interval: is required/,
      ],
    },
    {
      seed: 'lab-instavote',
      want: [
        /refers to GitRepository flux-system\/instavote, which is not among the given files; did you mean "instvote"\?/,
      ],
    },
    { seed: 'flux-ci-cd', want: [/messageTemplate: uses \.Updated, which Flux v1 removed/] },
  ];
  for (const c of required) {
    it(c.seed, () => {
      const { lines } = render(join(root, c.seed));
      for (const re of c.want)
        assert.ok(
          lines.some((l) => re.test(l)),
          `${re} not in:\n${lines.join('\n')}`,
        );
    });
  }
});
