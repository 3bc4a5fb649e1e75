import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runTagpilot } from '../../../test/support/cli.ts';
import { goBinary } from '../../../test/support/go.ts';
import { askGo } from '../../../test/support/go-lines.ts';
import { memoryIO } from './flux/memory-io.test-support.ts';
import { runCli } from './main.ts';

const root = join(import.meta.dirname, 'testdata', 'create-image');
const cases = readdirSync(root).map((name) => {
  const dir = join(root, name);
  const read = (f: string) =>
    existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined;
  return {
    name,
    args: (read('args') as string).replace(/\n$/, '').split('\n'),
    yaml: read('expected.yaml'),
    error: read('expected-error')?.trim(),
  };
});

describe('tagpilot create image … (golden cases)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const io = memoryIO();
      const code = await runCli(['create', ...c.args], io);
      if (c.yaml !== undefined) {
        assert.equal(code, 0, io.err());
        assert.equal(io.out(), c.yaml);
      } else {
        assert.equal(code, 2, `expected a usage error, got stdout:\n${io.out()}`);
        assert.equal(io.out(), '');
        assert.ok(io.err().includes(c.error as string), `stderr was:\n${io.err()}`);
      }
    });
  }
});

describe('golden YAML is what sigs.k8s.io/yaml prints for the same object', () => {
  let bin = '';
  before(() => {
    bin = goBinary('flux-export');
  });
  it('matches the Go serialisation for every golden file', async () => {
    const withYaml = cases.filter((c) => c.yaml !== undefined);
    const answers = await askGo<{ object: unknown }, { yaml: string }>(
      bin,
      withYaml.map((c) => ({ object: parse(c.yaml as string) })),
    );
    withYaml.forEach((c, i) => {
      assert.equal(answers[i]?.yaml, c.yaml, c.name);
    });
  });
});

describe('create image as a real process', () => {
  it('prints YAML on stdout and the .Updated and no-cluster notes on stderr', async () => {
    const res = await runTagpilot([
      'create',
      'image',
      'update',
      'app',
      '--git-repo-ref=repo',
      '--checkout-branch=main',
      '--author-name=a',
      '--author-email=a@example.com',
      '--commit-template={{range .Updated.Images}}{{println .}}{{end}}',
    ]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(
      res.stdout,
      /^---\napiVersion: image.toolkit.fluxcd.io\/v1\nkind: ImageUpdateAutomation\n/,
    );
    assert.match(res.stderr, /⚠️ the commit template uses '\.Updated'/);
    assert.match(res.stderr, /✚ generating ImageUpdateAutomation/);
  });

  it('honours FLUX_SYSTEM_NAMESPACE and warns about an invalid one', async () => {
    const io = memoryIO({ FLUX_SYSTEM_NAMESPACE: 'apps' });
    assert.equal(
      await runCli(['create', 'image', 'repository', 'a1', '--image', 'x/y', '--export'], io),
      0,
    );
    assert.match(io.out(), /namespace: apps\n/);
    const bad = memoryIO({ FLUX_SYSTEM_NAMESPACE: 'Not_Valid' });
    assert.equal(
      await runCli(['create', 'image', 'repository', 'a1', '--image', 'x/y', '--export'], bad),
      0,
    );
    assert.match(bad.out(), /namespace: flux-system\n/);
    assert.match(bad.err(), /ignoring invalid FLUX_SYSTEM_NAMESPACE/);
  });
});
