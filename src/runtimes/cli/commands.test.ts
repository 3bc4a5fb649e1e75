// The lazy command table must name exactly the commands its modules define: each entry loads the
// command with its path and summary, and no command of a CLI module is missing from the table.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Command } from './command.ts';
import { commands } from './commands.ts';

const isCommand = (v: unknown): v is Command =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as Command).path) &&
  typeof (v as Command).run === 'function';

describe('command table', () => {
  it('every entry loads the command it names, with the same summary', async () => {
    const seen = new Set<string>();
    for (const e of commands) {
      const name = e.path.join(' ');
      assert.ok(!seen.has(name), `${name} is listed twice`);
      seen.add(name);
      const c = await e.load();
      assert.deepEqual(c.path, e.path, name);
      assert.equal(c.summary, e.summary, name);
      assert.ok(c.usage.length > 0, `${name} has a usage text`);
    }
  });

  it('lists every command the CLI modules define', async () => {
    const listed = new Set(commands.map((e) => e.path.join(' ')));
    const modules = readdirSync(import.meta.dirname).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'commands.ts',
    );
    let defined = 0;
    for (const f of modules) {
      const m = (await import(`./${f}`)) as Record<string, unknown>;
      for (const v of Object.values(m)) {
        for (const c of Array.isArray(v) ? v : [v]) {
          if (!isCommand(c)) continue;
          defined++;
          assert.ok(
            listed.has(c.path.join(' ')),
            `${f}: "${c.path.join(' ')}" is not in the table`,
          );
        }
      }
    }
    assert.equal(defined, commands.length);
  });
});
