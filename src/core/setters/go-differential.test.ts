// Differential test against Flux's own Setters update (Go harness in test/go/setters, calling
// image-automation-controller v0.41.2 pkg/update.UpdateV2WithSetters): on every golden input, the
// set of changes (file, object, setter, old, new) must be equal and the written files must parse
// to the same data. Intentional differences are listed in `knownDifferences`,
// `refusedLatestByFlux` and docs/compatibility.md.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { goBinary } from '../../../test/support/go.ts';
import { copyTree, goldenCases, readJsonIfExists } from '../../../test/support/golden.ts';
import { updateTree } from '../../adapters/files/update-tree.ts';
import type { FileChanges, ImageRef } from './result.ts';

interface GoResult {
  files: FileChanges[];
  problemFiles: string[];
  error?: string;
}

const testdata = join(import.meta.dirname, 'testdata');

/** knownDifferences maps a golden case to why tagpilot deliberately differs from Flux there. */
const knownDifferences: Record<string, string> = {
  'symlink-escape':
    'Flux v0.41 fails the whole run on a dangling symlink; tagpilot skips it with a problem',
  'col0-comment-before-value':
    'the yaml package rejects `#comment` (no space after #) at or left of the key column between a key and its value when more keys follow; yaml.v3 reads it',
  'old-plain-number':
    'Flux keeps the !!int/!!float tag of an old plain number and writes `!!int v124`; tagpilot writes a plain string',
};

/**
 * Flux aborts the whole update when a latest reference fails go-containerregistry's weak parsing
 * ("The latest image is not re-validated" in docs/compatibility.md). These cases use the
 * placeholder repository `r`, which it refuses (a repository needs two characters): the test
 * checks that Flux refuses it, then runs both sides with the name `rr` instead.
 */
const refusedLatestByFlux = new Set([
  'col0-comment-before-value',
  'exotic-layouts',
  'odd-indent-head-comments',
  'parse-problems',
  'seq-head-comment-blank-lines',
]);
const invalidRef = /^encountered invalid image ref /;

function tuples(files: readonly FileChanges[]): string[] {
  return files
    .flatMap((f) =>
      f.objects.flatMap((o) =>
        o.changes.map((c) =>
          JSON.stringify([
            f.file,
            o.object.apiVersion,
            o.object.kind,
            o.object.name,
            o.object.namespace,
            c.setter,
            c.oldValue,
            c.newValue,
          ]),
        ),
      ),
    )
    .sort();
}

// The data of a YAML text as a YAML 1.1 reader sees it; a tag that does not fit its value
// (e.g. `!!int v124`) makes the text invalid rather than silently a string.
function data(text: string): unknown[] {
  return parseAllDocuments(text.replaceAll('\r\n', '\n'), { version: '1.1', uniqueKeys: false })
    .map((d) => {
      if (d.errors.length > 0 || d.warnings.length > 0) {
        return `invalid: ${[...d.errors, ...d.warnings].map((e) => e.message).join('; ')}`;
      }
      // kyaml deletes a `metadata` left empty after removing its own annotations (documented).
      const js = d.toJS({ maxAliasCount: -1 }) as unknown;
      if (js && typeof js === 'object' && 'metadata' in js) {
        const meta = (js as { metadata: unknown }).metadata;
        if (
          meta === null ||
          (typeof meta === 'object' && Object.keys(meta as object).length === 0)
        ) {
          delete (js as { metadata?: unknown }).metadata;
        }
      }
      return js;
    })
    .filter((d) => d !== null && d !== undefined);
}

/** runFlux runs the Go harness over dir (updated in place) with the given latest images. */
export function runFlux(dir: string, latestFile: string): GoResult {
  const out = execFileSync(goBinary('setters'), ['update', dir, latestFile, '--problem-files'], {
    maxBuffer: 1 << 28,
  });
  return JSON.parse(out.toString()) as GoResult;
}

describe('setters agree with Flux (pkg/update v0.41.2) on the golden inputs', () => {
  for (const name of goldenCases(testdata)) {
    it(name, async (t) => {
      const dir = join(testdata, name);
      const opts = readJsonIfExists<{ updatePath?: string }>(join(dir, 'case.json'), {});
      let latestFile = join(dir, 'latest.json');
      let latestRefs = readJsonIfExists<Record<string, ImageRef>>(latestFile, {});
      const ours = mkdtempSync(join(tmpdir(), 'tagpilot-ours-'));
      const flux = mkdtempSync(join(tmpdir(), 'tagpilot-flux-'));
      const scratch = mkdtempSync(join(tmpdir(), 'tagpilot-scratch-'));
      try {
        if (refusedLatestByFlux.has(name)) {
          copyTree(join(dir, 'input'), scratch);
          const refused = runFlux(join(scratch, opts.updatePath ?? '.'), latestFile);
          assert.match(refused.error ?? '', invalidRef, `Flux now accepts the latest of ${name}`);
          latestRefs = Object.fromEntries(
            Object.entries(latestRefs).map(([k, r]) => [
              k,
              r.name === 'r' ? { ...r, name: 'rr' } : r,
            ]),
          );
          latestFile = join(scratch, 'latest.json');
          writeFileSync(latestFile, JSON.stringify(latestRefs));
        }
        const latest = new Map(Object.entries(latestRefs));
        copyTree(join(dir, 'input'), ours);
        copyTree(join(dir, 'input'), flux);
        const run = await updateTree(ours, opts.updatePath ?? '.', latest);
        const got = runFlux(join(flux, opts.updatePath ?? '.'), latestFile);
        const known = knownDifferences[name];
        if (known) {
          t.diagnostic(`known difference: ${known}`);
          assert.doesNotMatch(got.error ?? '', invalidRef, 'Flux refused the latest images');
          const same =
            got.error === undefined &&
            JSON.stringify(tuples(got.files)) === JSON.stringify(tuples(run.result.fileChanges));
          const sameData = run.changed.every((c) => {
            try {
              return (
                JSON.stringify(data(c.after)) ===
                JSON.stringify(
                  data(readFileSync(join(flux, relative(realpathSync(ours), c.realPath)), 'utf8')),
                )
              );
            } catch {
              return false;
            }
          });
          assert.ok(
            !(same && sameData),
            `case ${name} is listed as a known difference but now agrees with Flux`,
          );
          return;
        }
        assert.equal(got.error, undefined, `Flux failed: ${got.error}`);
        assert.deepEqual(tuples(run.result.fileChanges), tuples(got.files), 'change sets');
        const ourProblems = new Set(run.result.problems.map((p) => p.file));
        for (const f of got.problemFiles)
          assert.ok(ourProblems.has(f), `Flux problem file ${f} not reported`);
        for (const c of run.changed) {
          const fluxText = readFileSync(
            join(flux, relative(realpathSync(ours), c.realPath)),
            'utf8',
          );
          assert.deepEqual(data(c.after), data(fluxText), `${c.path}: written data`);
        }
      } finally {
        rmSync(ours, { recursive: true, force: true });
        rmSync(flux, { recursive: true, force: true });
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  }
});
