// Property test: whatever the text, loading and cross-checking return diagnostics and never
// throw, and stay fast on large or hostile input.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadManifests } from './load.ts';
import { checkReferences } from './references.ts';

const root = join(import.meta.dirname, 'testdata', 'seeds');
const seeds = readdirSync(root).map((d) => readFileSync(join(root, d, 'input.yaml'), 'utf8'));
const NOISE = [
  ' ',
  '  ',
  '\n',
  ':',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '#',
  '&a ',
  '*a',
  '!!str ',
  '?',
  '|',
  '>',
  '\t',
  '---\n',
  'null',
  '~',
  '0x1F',
  'é',
];

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function mutate(text: string, r: () => number): string {
  let out = text;
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (out.length + 1));
    const op = r();
    if (op < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 8));
    else if (op < 0.7)
      out = out.slice(0, at) + NOISE[Math.floor(r() * NOISE.length)] + out.slice(at);
    else {
      // swap indentation of one line
      const lines = out.split('\n');
      const li = Math.floor(r() * lines.length);
      lines[li] = r() < 0.5 ? `  ${lines[li]}` : (lines[li] ?? '').replace(/^ {1,2}/, '');
      out = lines.join('\n');
    }
  }
  return out;
}

describe('loader robustness', () => {
  it('never throws on 1,000 mutated seed files', () => {
    const r = rng(42);
    let diagnostics = 0;
    let objects = 0;
    let processWarnings = 0;
    const onWarning = () => {
      processWarnings++;
    };
    process.on('warning', onWarning);
    for (let i = 0; i < 1000; i++) {
      const text = mutate(seeds[i % seeds.length] ?? '', r);
      const res = loadManifests(text, `fuzz-${i}.yaml`);
      checkReferences(res);
      diagnostics += res.diagnostics.length;
      objects += res.objects.length;
      for (const d of res.diagnostics) {
        assert.ok(d.message.length > 0 && d.file === `fuzz-${i}.yaml`, JSON.stringify(d));
        assert.ok(d.document >= 1, JSON.stringify(d));
      }
    }
    process.off('warning', onWarning);
    assert.equal(processWarnings, 0, 'the loader wrote process warnings');
    console.log(`loader fuzz: 1000 files, ${objects} valid objects, ${diagnostics} diagnostics`);
    assert.ok(objects > 0 && diagnostics > 0);
  });

  const large = [
    {
      name: '10 kB image name',
      text: `apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata: {name: x}\nspec: {interval: 1m, image: "${'a/'.repeat(5000)}b"}\n`,
    },
    {
      name: '10 kB range',
      text: `apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\nmetadata: {name: x}\nspec: {imageRepositoryRef: {name: x}, policy: {semver: {range: "${'>=1.0.0 '.repeat(1300)}"}}}\n`,
    },
    {
      name: 'pathological pattern',
      text: `apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\nmetadata: {name: x}\nspec: {imageRepositoryRef: {name: x}, policy: {alphabetical: {}}, filterTags: {pattern: "${'(a+)+'.repeat(200)}$"}}\n`,
    },
    { name: 'deep nesting', text: `${'['.repeat(2000)}${']'.repeat(2000)}\n` },
    {
      name: '10 kB interval',
      text: `apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata: {name: x}\nspec: {image: alpine, interval: "${'1m'.repeat(5000)}"}\n`,
    },
  ];
  for (const c of large) {
    it(`stays fast on ${c.name}`, () => {
      const start = performance.now();
      const res = loadManifests(c.text, 'big.yaml');
      const ms = performance.now() - start;
      assert.ok(ms < 2000, `${ms} ms`);
      assert.ok(res.objects.length + res.diagnostics.length >= 0);
    });
  }
});
