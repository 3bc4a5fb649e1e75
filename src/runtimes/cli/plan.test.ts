// `tagpilot plan` as a user runs it: a real child process over a real directory.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTagpilot } from '../../../test/support/cli.ts';

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps

spec:
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/org/web:1.0.0 # {"$imagepolicy": "flux-system:web"}
`;
const values = `image:
  tag: 1.0.0 # {"$imagepolicy": "flux-system:web:tag"}
  other: x # {"$imagepolicy": "flux-system:gone"}
`;

describe('tagpilot plan (CLI)', () => {
  let dir = '';
  let latest = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tagpilot-plan-'));
    await mkdir(join(dir, 'repo', 'apps'), { recursive: true });
    await writeFile(join(dir, 'repo', 'apps', 'deploy.yaml'), deploy);
    await writeFile(join(dir, 'repo', 'apps', 'values.yaml'), values);
    await writeFile(
      join(dir, 'repo', 'apps', 'broken.yaml'),
      'a: b # {"$imagepolicy": "x:y"}\n c: [\n',
    );
    latest = join(dir, 'latest.json');
    await writeFile(
      latest,
      JSON.stringify({ 'flux-system:web': { name: 'ghcr.io/org/web', tag: '1.10' } }),
    );
    await writeFile(
      join(dir, 'bad-latest.json'),
      JSON.stringify({ 'flux-system:web': { name: 'x' } }),
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases = [
    {
      name: 'prints a unified diff and a summary, writes nothing',
      args: () => ['plan', '--dir', join(dir, 'repo'), '--latest', latest],
      code: 0,
      stdout: [
        /--- a\/apps\/deploy\.yaml\n\+\+\+ b\/apps\/deploy\.yaml\n@@ -9,4 \+9,4 @@\n {5}spec:\n {7}containers:\n {9}- name: web\n- {10}image: ghcr\.io\/org\/web:1\.0\.0 # \{"\$imagepolicy": "flux-system:web"\}\n\+ {10}image: ghcr\.io\/org\/web:1\.10 # /,
        /\+ {2}tag: "1\.10" # /,
        /2 file\(s\), 2 object\(s\), 2 change\(s\)/,
        /Ignored markers:\n {2}apps\/values\.yaml:3:12 flux-system:gone \(policy-not-in-scope\)/,
        /Problems:\n {2}apps\/broken\.yaml:2:\d+: /,
      ],
      stderr: /✔ planned changes to 2 file\(s\) of 3 with markers/,
      unchanged: true,
    },
    {
      name: '--path limits the walk and paths are relative to it',
      args: () => [
        'plan',
        '--dir',
        join(dir, 'repo'),
        '--path',
        'apps/values.yaml',
        '--latest',
        latest,
        '-o',
        'json',
      ],
      code: 0,
      stdout: [/"file": "values\.yaml"/, /"newValue": "1\.10"/, /"written": false/],
      stderr: /planned changes to 1 file\(s\) of 1/,
      unchanged: true,
    },
    {
      name: 'a path escaping the repository is bad input',
      args: () => ['plan', '--dir', join(dir, 'repo'), '--path', '../', '--latest', latest],
      code: 2,
      stdout: [/^$/],
      stderr: /update\.path "\.\.\/": escapes the repository root/,
      unchanged: true,
    },
    {
      name: 'latest.json with a missing tag names the field',
      args: () => ['plan', '--dir', join(dir, 'repo'), '--latest', join(dir, 'bad-latest.json')],
      code: 2,
      stdout: [/^$/],
      stderr: /flux-system:web\.tag: must be a non-empty string, got undefined/,
      unchanged: true,
    },
    {
      name: 'missing --dir',
      args: () => ['plan', '--latest', latest],
      code: 2,
      stdout: [/^$/],
      stderr: /--dir <repo> is required/,
      unchanged: true,
    },
    // Last: it changes the repository.
    {
      name: '--write applies the changes',
      args: () => ['plan', '--dir', join(dir, 'repo'), '--latest', latest, '--write'],
      code: 0,
      stdout: [/2 change\(s\)/],
      stderr: /✔ wrote changes to 2 file\(s\)/,
      unchanged: false,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const res = await runTagpilot(c.args());
      assert.equal(res.code, c.code, res.stderr);
      for (const re of c.stdout) assert.match(res.stdout, re);
      assert.match(res.stderr, c.stderr);
      const now = await readFile(join(dir, 'repo', 'apps', 'deploy.yaml'), 'utf8');
      if (c.unchanged) assert.equal(now, deploy);
      else assert.equal(now, deploy.replace('web:1.0.0', 'web:1.10'));
    });
  }
});
