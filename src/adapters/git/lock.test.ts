import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/git-servers.ts';
import { FileLocks } from './lock.ts';
import { selfIdentity } from './process-identity.ts';

const lockTs = join(import.meta.dirname, 'lock.ts');

// Starts a process that takes the lock, prints "held", waits `holdMs` (or forever), writes the
// file `<dir>/releasing` and only then releases the lock.
function holder(dir: string, name: string, holdMs: number) {
  const code = `import { FileLocks } from ${JSON.stringify(lockTs)};
    import { writeFileSync } from 'node:fs';
    const l = await new FileLocks(${JSON.stringify(dir)}).acquire(${JSON.stringify(name)});
    process.stdout.write('held\\n');
    await new Promise((r) => setTimeout(r, ${holdMs}));
    writeFileSync(${JSON.stringify(join(dir, 'releasing'))}, '');
    await l.release();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const held = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
    child.on('exit', (c) => reject(new Error(`holder exited ${c}`)));
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return { child, held, exited };
}

describe('FileLocks', () => {
  it('serialises writers inside one process', async () => {
    const locks = new FileLocks(tempDir('tagpilot-lock-'));
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const l = await locks.acquire('k');
        inside++;
        maxInside = Math.max(maxInside, inside);
        await new Promise((r) => setTimeout(r, 2));
        inside--;
        await l.release();
      }),
    );
    assert.equal(maxInside, 1);
  });

  it('lets different keys run in parallel', async () => {
    const locks = new FileLocks(tempDir('tagpilot-lock-'));
    const a = await locks.acquire('a');
    const b = await locks.acquire('b');
    await a.release();
    await b.release();
  });

  it('waits for a live holder in another process', async () => {
    const dir = tempDir('tagpilot-lock-');
    const h = holder(dir, 'k', 300);
    await h.held;
    const l = await new FileLocks(dir).acquire('k');
    assert.ok(existsSync(join(dir, 'releasing')), 'acquired only after the holder let go');
    await l.release();
    await h.exited;
  });

  it('breaks the lock of a SIGKILLed holder at once', async () => {
    const dir = tempDir('tagpilot-lock-');
    const h = holder(dir, 'k', 60_000);
    await h.held;
    h.child.kill('SIGKILL');
    await h.exited;
    const t0 = performance.now();
    const l = await new FileLocks(dir).acquire('k', { timeoutMs: 5000 });
    assert.ok(await l.stillHeld());
    await l.release();
    assert.ok(performance.now() - t0 < 3000, 'broken at once, not after the 5 s timeout');
    assert.deepEqual(readdirSync(dir), [], 'no lock or temp files left');
  });

  it('sweeps temp files left by a process killed while creating its lock', async () => {
    const dir = tempDir('tagpilot-lock-');
    writeFileSync(join(dir, '.k.999999-12345-00ff.tmp'), '');
    writeFileSync(join(dir, 'k.lock.stale.999999-12345-00aa'), '{}');
    const l = await new FileLocks(dir).acquire('k');
    await l.release();
    assert.deepEqual(readdirSync(dir), []);
  });

  it('treats a reused pid (other start time) as stale', async () => {
    const dir = tempDir('tagpilot-lock-');
    const me = selfIdentity();
    writeFileSync(
      join(dir, 'k.lock'),
      JSON.stringify({ ...me, start: '1', token: 'old', key: 'k', since: '' }),
    );
    const l = await new FileLocks(dir).acquire('k', { timeoutMs: 2000 });
    assert.ok(await l.stillHeld());
    await l.release();
  });

  it('times out with the holder named', async () => {
    const dir = tempDir('tagpilot-lock-');
    const h = holder(dir, 'k', 2000);
    await h.held;
    await assert.rejects(
      new FileLocks(dir).acquire('k', { timeoutMs: 100 }),
      /still held by pid \d+/,
    );
    h.child.kill('SIGKILL');
    await h.exited;
  });
});
