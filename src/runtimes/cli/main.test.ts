// The CLI process as users run it: help without loading the commands, and a reader that stops
// early (`| head`) ends the process quietly.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runTagpilot } from '../../../test/support/cli.ts';

const mainTs = join(import.meta.dirname, 'main.ts');

describe('tagpilot process', () => {
  it('prints every command in --help', async () => {
    const r = await runTagpilot(['--help']);
    assert.equal(r.code, 0);
    for (const line of ['plan', 'get images all', 'policy select', 'template render']) {
      assert.match(r.stdout, new RegExp(`\\n  ${line} `), line);
    }
  });

  it('exits 0 without an EPIPE trace when its reader has gone', async () => {
    const child = spawn(process.execPath, [mainTs, '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Close the read end before the child writes: its writes then fail with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
