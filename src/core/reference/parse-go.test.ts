// Differential test: every generated reference must parse exactly as go-containerregistry
// v0.21.6 (the version Flux pins) parses it, including Flux's spec.image rules.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { goBinary } from '../../../test/support/go.ts';
import { ImageReferenceError, parseImageReference, parseRepositoryImage } from './parse.ts';

interface GoResult {
  ok: boolean;
  registry?: string;
  repository?: string;
  tag?: string;
  digest?: string;
  canonical?: string;
  scheme?: string;
  error?: string;
  repoImage: string;
}

const HEX = '0123456789abcdef';
const REGISTRIES = [
  '',
  '',
  '',
  'docker.io/',
  'index.docker.io/',
  'registry-1.docker.io/',
  'ghcr.io/',
  'localhost/',
  'localhost:5000/',
  '127.0.0.1:5000/',
  '10.1.2.3:5000/',
  'my.localhost:80/',
  '[::1]:5000/',
  '[fe80::1]/',
  '[1.2.3.4]/',
  '[::ffff:1.2.3.4]/',
  '[2001:db8::1:2:3:4:5:6]/',
  '[1:2:3:4:5:6:7:8]:/',
  '[::1/',
  'a:b:80/',
  'ex ample.com/',
  'exa%41.com/',
  'x.y:port/',
  'user@host.com/',
  'HOST.io/',
  'h_st.io:/',
  'a]b.io/',
  'é.io/',
  'x[y.io/',
  'a.io?q/',
  'a.io#f/',
  "we!rd$&'()*+,;=.io/",
  'a<b>.io/',
  'tab\t.io/',
  'x.io:65536/',
  ':5000/',
  './',
];
const REPO_CHARS = 'abcxyz0189_-./';
const ODD = 'AZé:@/ .%#?';
const TAG_CHARS = 'abcXYZ019_-.';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(count: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const word = (chars: string, max: number): string => {
    let w = '';
    const n = Math.floor(r() * max);
    for (let i = 0; i < n; i++) w += r() < 0.05 ? pick([...ODD]) : pick([...chars]);
    return w;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (r() < 0.1) {
      out.push(word(`${REPO_CHARS}${ODD}:@[]`, 12));
      continue;
    }
    let s = r() < 0.05 ? pick(['https://', 'oci://', 'http:/']) : '';
    s += pick(REGISTRIES);
    const segments = 1 + Math.floor(r() * 3);
    s += Array.from({ length: segments }, () => word(REPO_CHARS, 8) || 'a').join('/');
    if (r() < 0.4) s += `:${word(TAG_CHARS, r() < 0.02 ? 140 : 10)}`;
    if (r() < 0.25) {
      const len = r() < 0.8 ? 64 : pick([63, 65]);
      const hex = Array.from({ length: len }, () => pick([...HEX])).join('');
      s += `@${pick(['sha256:', 'sha256:', 'sha512:', 'sha256'])}${r() < 0.05 ? hex.toUpperCase() : hex}`;
    }
    out.push(s);
  }
  return out;
}

function tsResult(input: string): GoResult {
  let repoImage = '';
  try {
    parseRepositoryImage(input);
  } catch (err) {
    assert.ok(err instanceof ImageReferenceError, `untyped error for ${JSON.stringify(input)}`);
    repoImage = err.message;
  }
  try {
    const ref = parseImageReference(input);
    return {
      ok: true,
      registry: ref.registry,
      repository: ref.repository,
      canonical: ref.canonicalName,
      scheme: ref.scheme,
      // go-containerregistry reports a digest reference without its tag, and `latest` by default.
      ...(ref.digest === undefined ? { tag: ref.tag ?? 'latest' } : { digest: ref.digest }),
      repoImage,
    };
  } catch (err) {
    assert.ok(err instanceof ImageReferenceError, `untyped error for ${JSON.stringify(input)}`);
    return { ok: false, error: err.message, repoImage };
  }
}

describe('parseImageReference agrees with go-containerregistry v0.21.6', () => {
  it('on 12,000 generated references', () => {
    const inputs = generate(12_000, 20261123);
    const bin = goBinary('reference');
    const stdout = execFileSync(bin, [], {
      input: `${inputs.map((s) => JSON.stringify(s)).join('\n')}\n`,
      maxBuffer: 64 << 20,
    }).toString('utf8');
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, inputs.length);
    let accepted = 0;
    const mismatches: string[] = [];
    inputs.forEach((input, i) => {
      const want = JSON.parse(lines[i] ?? '') as GoResult;
      const got = tsResult(input);
      if (want.ok) accepted++;
      try {
        assert.deepEqual(got, want);
      } catch {
        mismatches.push(`${JSON.stringify(input)}: go=${lines[i]} ts=${JSON.stringify(got)}`);
      }
    });
    console.log(`reference differential: ${inputs.length} cases, ${accepted} accepted by Go`);
    assert.deepEqual(mismatches.slice(0, 20), []);
    assert.ok(accepted > inputs.length / 4, `too few valid cases (${accepted})`);
  });
});
