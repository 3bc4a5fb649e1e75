// Golden cases: testdata/<case>/{input/,latest.json,expected/,result.json[,case.json]}. Each case
// runs the full setters path (discovery, pure edit, atomic write) over a temporary copy of
// input/, compares the tree with expected/ and the result model with result.json, and checks
// independently that only scalar tokens changed and the data differs exactly by the changes.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  assertGoldenJson,
  assertGoldenTree,
  copyTree,
  goldenCases,
  readJsonIfExists,
} from '../../../test/support/golden.ts';
import { updateTree } from '../../adapters/files/update-tree.ts';
import type { ImageRef } from './result.ts';
import { bytesOutsideScalarsError, dataChangeError } from './testing/invariants.ts';

const testdata = join(import.meta.dirname, 'testdata');

interface CaseOptions {
  readonly updatePath?: string;
  readonly outOfScope?: Record<string, string>;
}

function loadCase(name: string): { latest: Map<string, ImageRef>; options: CaseOptions } {
  const dir = join(testdata, name);
  const latest = readJsonIfExists<Record<string, ImageRef>>(join(dir, 'latest.json'), {});
  return {
    latest: new Map(Object.entries(latest)),
    options: readJsonIfExists(join(dir, 'case.json'), {}),
  };
}

describe('setters golden cases', () => {
  const cases = goldenCases(testdata);
  it('has at least 40 cases', () => {
    assert.ok(cases.length >= 40, `only ${cases.length} golden cases`);
  });
  for (const name of cases) {
    it(name, async () => {
      const dir = join(testdata, name);
      const { latest, options } = loadCase(name);
      const work = mkdtempSync(join(tmpdir(), 'tagpilot-golden-'));
      try {
        copyTree(join(dir, 'input'), work);
        const outOfScope = new Map(Object.entries(options.outOfScope ?? {}));
        const run = await updateTree(work, options.updatePath ?? '.', latest, { outOfScope });
        assertGoldenTree(work, join(dir, 'expected'));
        assertGoldenJson(run.result, join(dir, 'result.json'));
        for (const file of run.changed) {
          const changes = run.result.fileChanges
            .find((f) => f.file === file.path)
            ?.objects.flatMap((o) => o.changes);
          assert.ok(
            changes && changes.length > 0,
            `${file.path} changed without a recorded change`,
          );
          assert.equal(
            bytesOutsideScalarsError(file.before, file.after),
            undefined,
            `${file.path}: bytes`,
          );
          assert.equal(
            dataChangeError(file.before, file.after, changes),
            undefined,
            `${file.path}: data`,
          );
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  }
});
