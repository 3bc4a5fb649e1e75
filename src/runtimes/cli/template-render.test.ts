import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { commitFixture } from '../../../test/go/template/commit-fixtures.ts';
import { runTagpilot } from '../../../test/support/cli.ts';
import { runCli } from './main.ts';

/** inProcess runs the CLI in this process with captured streams (same code path, no spawn cost). */
async function inProcess(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        add(String(chunk));
        done();
      },
    });
  const io = {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    stdin: Readable.from([]),
    env: {},
    cwd,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describe('tagpilot template render', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tagpilot-template-'));
    await writeFile(join(dir, 'list.tmpl'), '{{ range .items }}- {{ . | upper }}\n{{ end }}done');
    await writeFile(join(dir, 'data.json'), JSON.stringify({ items: ['a', 'b'] }));
    await writeFile(join(dir, 'bad.tmpl'), 'ok\n{{ if .x }}');
    await writeFile(join(dir, 'exec.tmpl'), '{{ .items.nope }}');
    await writeFile(
      join(dir, 'seed.tmpl'),
      '{{range .Updated.Images}}{{println .}}{{end}}{{ .AutomationObject }}',
    );
    await writeFile(join(dir, 'commit.json'), JSON.stringify(commitFixture(1, 1).json));
    await writeFile(join(dir, 'broken.json'), '{"items": [');
    await writeFile(
      join(dir, 'badcommit.json'),
      JSON.stringify({ files: [{ file: 'a.yaml', objects: [{}] }] }),
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases: {
    spawn?: boolean;
    name: string;
    args: string[];
    code: number;
    stdout: string;
    stderr: string | RegExp;
  }[] = [
    {
      name: 'renders exactly, no added newline',
      args: ['--template', 'list.tmpl', '--data', 'data.json'],
      code: 0,
      stdout: '- A\n- B\ndone',
      stderr: '',
    },
    {
      name: 'no data renders against nil',
      args: ['--template', 'list.tmpl'],
      code: 0,
      stdout: 'done',
      stderr: '',
    },
    {
      name: 'commit data model',
      args: ['--template', 'seed.tmpl', '--data', 'commit.json', '--commit'],
      code: 0,
      stdout: 'ghcr.io/acme/app-0:1.0.0\nflux-system/update-all',
      stderr: '',
    },
    {
      name: 'parse error exits 2 with Go message',
      args: ['--template', 'bad.tmpl'],
      code: 2,
      stdout: '',
      stderr: '✗ template: commit message:2: unexpected EOF\n',
    },
    {
      name: 'exec error exits 2 with Go message',
      args: ['--template', 'exec.tmpl', '--data', 'data.json'],
      code: 2,
      stdout: '',
      stderr:
        '✗ template: commit message:1:9: executing "commit message" at <.items.nope>: can\'t evaluate field nope in type interface {}\n',
    },
    {
      name: 'missing --template is a usage error',
      args: ['--data', 'data.json'],
      code: 2,
      stdout: '',
      stderr: /--template is required/,
    },
    {
      name: 'unreadable template',
      args: ['--template', 'nope.tmpl'],
      code: 2,
      stdout: '',
      stderr: /nope\.tmpl/,
    },
    {
      name: 'invalid JSON data',
      args: ['--template', 'list.tmpl', '--data', 'broken.json'],
      code: 2,
      stdout: '',
      stderr: /--data broken\.json: invalid JSON/,
    },
    {
      name: 'malformed commit result names the bad field',
      args: ['--template', 'seed.tmpl', '--data', 'badcommit.json', '--commit'],
      code: 2,
      stdout: '',
      stderr: /files\[0\]\.objects\[0\] needs an "object" and a "changes" array/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const args = ['template', 'render', ...c.args];
      // A few cases run as a real child process; the rest in-process to keep the suite fast.
      const r = c.spawn ? await runTagpilot(args, { cwd: dir }) : await inProcess(args, dir);
      assert.equal(r.code, c.code, r.stderr);
      assert.equal(r.stdout, c.stdout);
      if (typeof c.stderr === 'string') assert.equal(r.stderr, c.stderr);
      else assert.match(r.stderr, c.stderr);
    });
  }
});
