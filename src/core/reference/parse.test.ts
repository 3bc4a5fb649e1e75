import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImageReferenceError, parseImageReference, parseRepositoryImage } from './parse.ts';

const D = `sha256:${'a1'.repeat(32)}`;

describe('parseImageReference', () => {
  const cases = [
    { in: 'alpine', canonical: 'index.docker.io/library/alpine', tag: undefined },
    { in: 'fluxcd/flux', canonical: 'index.docker.io/fluxcd/flux' },
    { in: 'docker.io/alpine:3.20', canonical: 'index.docker.io/library/alpine', tag: '3.20' },
    { in: 'registry-1.docker.io/alpine', canonical: 'registry-1.docker.io/alpine' },
    { in: 'example.com:9999/foo/bar', canonical: 'example.com:9999/foo/bar' },
    { in: 'ghcr.io/stefanprodan/podinfo', canonical: 'ghcr.io/stefanprodan/podinfo' },
    { in: 'localhost/foo', canonical: 'index.docker.io/localhost/foo' },
    { in: 'localhost:5000/foo:v1', canonical: 'localhost:5000/foo', tag: 'v1' },
    { in: '[::1]:5000/foo', canonical: '[::1]:5000/foo' },
    { in: `ghcr.io/a/b@${D}`, canonical: 'ghcr.io/a/b', digest: D },
    { in: `ghcr.io/a/b:v1@${D}`, canonical: 'ghcr.io/a/b', tag: 'v1', digest: D },
    { in: 'ghcr.io/a/b:V1.0_rc-1', canonical: 'ghcr.io/a/b', tag: 'V1.0_rc-1' },
  ];
  for (const c of cases) {
    it(`parses ${c.in}`, () => {
      const ref = parseImageReference(c.in);
      assert.equal(ref.canonicalName, c.canonical);
      assert.equal(ref.canonicalName, `${ref.registry}/${ref.repository}`);
      assert.equal(ref.tag, c.tag);
      assert.equal(ref.digest, c.digest);
    });
  }

  const bad = [
    'Alpine',
    'ghcr.io/Foo/bar',
    'a',
    'ghcr.io/a/b:',
    'ghcr.io/a/b:tag!',
    `ghcr.io/a/b:${'t'.repeat(129)}`,
    'ghcr.io/a/b@sha256:abc',
    'ghcr.io/a/b@md5:abc',
    'exa mple.com/foo',
    '[1.2.3.4]/foo',
    '',
  ];
  for (const input of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(
        () => parseImageReference(input),
        (err: unknown) =>
          err instanceof ImageReferenceError &&
          err.reason === 'syntax' &&
          err.input === input &&
          err.message === `could not parse reference: ${input}`,
      );
    });
  }

  const schemes = [
    { registry: 'localhost:5000', insecure: false, scheme: 'http' },
    { registry: 'ghcr.io', insecure: false, scheme: 'https' },
    { registry: 'ghcr.io', insecure: true, scheme: 'http' },
    { registry: '192.168.1.10:5000', insecure: false, scheme: 'http' },
    { registry: '172.32.0.1', insecure: false, scheme: 'https' },
    { registry: 'reg.localhost', insecure: false, scheme: 'http' },
    { registry: '127.0.0.1:5000', insecure: false, scheme: 'http' },
  ];
  for (const c of schemes) {
    it(`scheme of ${c.registry} (insecure=${c.insecure}) is ${c.scheme}`, () => {
      assert.equal(
        parseImageReference(`${c.registry}/x/y`, { insecure: c.insecure }).scheme,
        c.scheme,
      );
    });
  }
});

describe('parseImageReference on large input', () => {
  const inputs = [
    `ghcr.io/${'a/'.repeat(5000)}b`,
    `${'a.'.repeat(5000)}io/x`,
    `[${'1:'.repeat(5000)}1]/x`,
    `x:${'t'.repeat(10_000)}`,
    ':'.repeat(10_000),
    '@'.repeat(10_000),
  ];
  for (const input of inputs) {
    it(`stays linear on ${input.slice(0, 12)}… (${input.length} chars)`, () => {
      const start = performance.now();
      try {
        parseImageReference(input);
      } catch (err) {
        assert.ok(err instanceof ImageReferenceError);
      }
      assert.ok(performance.now() - start < 200, `${performance.now() - start} ms`);
    });
  }
});

describe('parseRepositoryImage', () => {
  const errors = [
    {
      in: 'https://ghcr.io/a/b',
      reason: 'scheme',
      msg: "image 'https://ghcr.io/a/b' should not include URL scheme; remove 'https://'",
    },
    {
      in: 'ghcr.io/a/b:v1',
      reason: 'tag',
      msg: "image 'ghcr.io/a/b:v1' should not include a tag; remove ':v1'",
    },
    {
      in: 'docker.io/x/y:tag',
      reason: 'tag',
      msg: "image 'docker.io/x/y:tag' should not include a tag; remove ':tag'",
    },
    {
      in: `ghcr.io/a/b@${D}`,
      reason: 'tag',
      msg: `image 'ghcr.io/a/b@${D}' should not include a tag; remove ':${'a1'.repeat(32)}'`,
    },
    {
      in: `ghcr.io/a/b:v1@${D}`,
      reason: 'tag',
      msg: `image 'ghcr.io/a/b:v1@${D}' should not include a tag; remove ':v1@sha256'`,
    },
    { in: 'ghcr.io/A/b', reason: 'syntax', msg: 'could not parse reference: ghcr.io/A/b' },
  ];
  for (const c of errors) {
    it(`rejects ${c.in}`, () => {
      assert.throws(
        () => parseRepositoryImage(c.in),
        (err: unknown) =>
          err instanceof ImageReferenceError && err.reason === c.reason && err.message === c.msg,
      );
    });
  }

  it('accepts host:port without mistaking the port for a tag', () => {
    const ref = parseRepositoryImage('localhost:5000/team/app');
    assert.equal(ref.canonicalName, 'localhost:5000/team/app');
    assert.equal(ref.tag, undefined);
  });
});
