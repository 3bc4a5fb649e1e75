import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTagpilot } from '../../../test/support/cli.ts';

const policyYaml = (policy: string, extra = '') => `apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata:
  name: podinfo
  namespace: flux-system
spec:
  imageRepositoryRef:
    name: podinfo
  policy:
${policy}
${extra}`;

describe('tagpilot policy select', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tagpilot-select-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the selected tag', async () => {
    const policy = file('semver.yaml', policyYaml('    semver:\n      range: 1.0.x'));
    const tags = file('tags.txt', '1.2.0\n1.0.1\n1.0.0\n');

    const r = await runTagpilot(['policy', 'select', '--policy', policy, '--tags', tags]);

    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '1.0.1\n');
  });

  it('reads tags from stdin and explains as JSON', async () => {
    const policy = file(
      'num.yaml',
      policyYaml(
        '    numerical:\n      order: asc',
        `  filterTags:\n    pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)'\n    extract: '$ts'\n`,
      ),
    );

    const r = await runTagpilot(
      ['policy', 'select', '--policy', policy, '--tags', '-', '-o', 'json'],
      {
        stdin: 'main-bbb-200\nmain-aaa-300\nlatest\n',
      },
    );

    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      tag: string;
      explain: { filter: { rejected: { count: number } }; runnerUp: { tag: string } };
    };
    assert.equal(out.tag, 'main-aaa-300');
    assert.equal(out.explain.filter.rejected.count, 1);
    assert.equal(out.explain.runnerUp.tag, 'main-bbb-200');
  });

  it('applies the exclusionList of the ImageRepository in the same file', async () => {
    const repo = `apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata:
  name: podinfo
  namespace: flux-system
spec:
  image: ghcr.io/stefanprodan/podinfo
  interval: 1m
  exclusionList: ['^6\\.7\\.1$']
---
`;
    const policy = file('with-repo.yaml', repo + policyYaml('    semver:\n      range: 6.7.x'));
    const tags = file('tags2.txt', '6.7.1\n6.7.0\n');

    const r = await runTagpilot(['policy', 'select', '--policy', policy, '--tags', tags]);

    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '6.7.0\n');
  });

  it('exits 1 with a one-line reason when nothing matches', async () => {
    const policy = file('nomatch.yaml', policyYaml('    semver:\n      range: ^2.0'));
    const tags = file('tags3.txt', '1.0.0\nlatest\n');

    const r = await runTagpilot(['policy', 'select', '--policy', policy, '--tags', tags]);

    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^✗ ImagePolicy flux-system\/podinfo: unable to determine latest version from provided list/,
    );
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  const invalid: { name: string; policy: string; extra?: string; want: RegExp }[] = [
    {
      name: 'unparsable range',
      policy: '    semver:\n      range: "*-*"',
      want: /spec\.policy\.semver\.range.*improper constraint/,
    },
    {
      name: 'bad filter pattern',
      policy: '    semver:\n      range: ">=0.x"',
      extra: "  filterTags:\n    pattern: '^test-(.*'\n",
      want: /spec\.filterTags\.pattern.*invalid regular expression pattern '\^test-\(\.\*': error parsing regexp: missing closing \)/,
    },
    {
      name: 'alphabetical mis-indented next to policy',
      policy: '    {}\n  alphabetical:\n    order: asc',
      want: /spec\.policy/,
    },
  ];
  for (const c of invalid) {
    it(`exits 2 for an invalid policy: ${c.name}`, async () => {
      const policy = file(
        `invalid-${c.name.replaceAll(' ', '-')}.yaml`,
        policyYaml(c.policy, c.extra),
      );
      const tags = file('tags4.txt', '1.0.0\n');

      const r = await runTagpilot(['policy', 'select', '--policy', policy, '--tags', tags]);

      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, c.want);
      assert.ok(r.stderr.includes(policy), 'names the file');
    });
  }

  it('exits 2 on missing flags', async () => {
    const r = await runTagpilot(['policy', 'select', '--policy', 'x.yaml']);

    assert.equal(r.code, 2);
    assert.match(r.stderr, /--policy and --tags are required/);
  });
});
