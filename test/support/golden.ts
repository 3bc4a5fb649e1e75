// Golden-directory comparison: a produced tree must equal testdata/<case>/expected byte for byte.
// Run with UPDATE_GOLDEN=1 to (re)write the expected tree from what was produced.

import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** updatingGolden is true when UPDATE_GOLDEN=1 asks tests to rewrite their expectations. */
export const updatingGolden = process.env.UPDATE_GOLDEN === '1';

/** readTree returns every regular file under dir (symlinks skipped) keyed by `/`-separated path. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const r = rel === '' ? name : `${rel}/${name}`;
      const info = lstatSync(abs);
      if (info.isDirectory()) walk(abs, r);
      else if (info.isFile()) out.set(r, readFileSync(abs));
    }
  };
  walk(dir, '');
  return out;
}

/** copyTree copies src to dest, keeping symlinks as symlinks. */
export function copyTree(src: string, dest: string): void {
  cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
}

/** assertGoldenTree checks that actualDir holds exactly the files of expectedDir (or rewrites it). */
export function assertGoldenTree(actualDir: string, expectedDir: string): void {
  const actual = readTree(actualDir);
  if (updatingGolden) {
    rmSync(expectedDir, { recursive: true, force: true });
    for (const [rel, bytes] of actual) {
      mkdirSync(dirname(join(expectedDir, rel)), { recursive: true });
      writeFileSync(join(expectedDir, rel), bytes);
    }
    return;
  }
  const expected = readTree(expectedDir);
  assert.deepEqual([...actual.keys()], [...expected.keys()], `files under ${expectedDir}`);
  for (const [rel, bytes] of expected) {
    const got = actual.get(rel);
    assert.equal(got?.toString('latin1'), bytes.toString('latin1'), `content of ${rel}`);
  }
}

/** assertGoldenJson checks a value against a JSON golden file (or rewrites it). */
export function assertGoldenJson(actual: unknown, file: string): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (updatingGolden) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  assert.deepEqual(actual, JSON.parse(readFileSync(file, 'utf8')), `golden ${file}`);
}

/** goldenCases lists the case directories (those with an input/ folder) under a testdata dir. */
export function goldenCases(testdata: string): string[] {
  return readdirSync(testdata)
    .filter((n) => existsSync(join(testdata, n, 'input')))
    .sort();
}

/** readJsonIfExists parses a JSON file, or returns fallback when it does not exist. */
export function readJsonIfExists<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}
