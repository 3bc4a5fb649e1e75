// A write-back "automation" as its own process, for race and crash tests:
//   node test/support/git-writer.ts '<json WriterJob>'
// Each update sets `file` to `content` (idempotent, like the setters); prints one JSON result line.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GitRemote } from '../../src/adapters/git/remote.ts';
import { GitWriteBack } from '../../src/reconcile/git-write-back.ts';

/** WriterUpdate is one file value to write and commit. */
export interface WriterUpdate {
  readonly file: string;
  readonly content: string;
}

/** WriterJob is what one writer process does. */
export interface WriterJob {
  readonly stateDir: string;
  readonly url: string;
  readonly branch: string;
  readonly pushBranch?: string;
  readonly updates: readonly WriterUpdate[];
}

/** applyUpdate writes one update into a worktree; unchanged content reports no change. */
export function applyUpdate(
  dir: string,
  u: WriterUpdate,
): { changed: boolean; message: string; files: string[] } {
  const p = join(dir, u.file);
  let old: string | undefined;
  try {
    old = readFileSync(p, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === u.content) return { changed: false, message: '', files: [] };
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, u.content);
  return { changed: true, message: `set ${u.file} to ${u.content.trim()}`, files: [u.file] };
}

/** runWriterJob performs a job in this process and returns the per-update results. */
export async function runWriterJob(job: WriterJob, wb = new GitWriteBack()): Promise<unknown[]> {
  const remote = await GitRemote.open({ stateDir: job.stateDir, url: job.url, timeoutMs: 30_000 });
  const results: unknown[] = [];
  try {
    for (const u of job.updates) {
      const r = await wb.run({
        remote,
        checkout: { branch: job.branch },
        ...(job.pushBranch === undefined ? {} : { push: { branch: job.pushBranch } }),
        identity: { name: 'tagpilot', email: 'tagpilot@example.com' },
        apply: async (dir) => applyUpdate(dir, u),
      });
      results.push(r);
    }
  } finally {
    await remote.close();
  }
  return results;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const job = JSON.parse(process.argv[2] ?? '{}') as WriterJob;
  const results = await runWriterJob(job);
  process.stdout.write(`${JSON.stringify(results)}\n`);
}
