import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/git-servers.ts';
import { SecretError } from './errors.ts';
import {
  urlScheme,
  validateAuthSecret,
  validateProxySecret,
  validateSigningSecret,
} from './secrets.ts';

const dir = tempDir('tagpilot-secrets-');
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(dir, 'k.pem'),
    '-out',
    join(dir, 'c.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=t',
  ],
  { stdio: 'ignore' },
);
const cert = readFileSync(join(dir, 'c.pem'), 'utf8');
const key = readFileSync(join(dir, 'k.pem'), 'utf8');
const sshKey = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n';

describe('validateAuthSecret', () => {
  const ok = [
    { name: 'no secret', url: 'https://h/r', data: undefined, kind: 'none' },
    { name: 'file ignores secret', url: 'file:///r', data: { password: 'x' }, kind: 'none' },
    { name: 'basic', url: 'https://h/r', data: { username: 'u', password: 'p' }, kind: 'basic' },
    {
      name: 'basic over plain http',
      url: 'http://h/r',
      data: { username: 'u', password: 'p' },
      kind: 'basic',
    },
    {
      name: 'bearer with ca',
      url: 'https://h/r',
      data: { bearerToken: 't', 'ca.crt': cert },
      kind: 'bearer',
    },
    {
      name: 'mtls only',
      url: 'https://h/r',
      data: { 'tls.crt': cert, 'tls.key': key },
      kind: 'none',
    },
    { name: 'legacy caFile', url: 'https://h/r', data: { caFile: cert }, kind: 'none' },
    {
      name: 'ssh',
      url: 'ssh://git@h/r',
      data: { identity: sshKey, known_hosts: 'h ssh-ed25519 AAAA' },
      kind: 'ssh',
    },
    {
      name: 'scp-like ssh',
      url: 'git@h:r.git',
      data: { identity: sshKey, known_hosts: 'h ssh-ed25519 AAAA' },
      kind: 'ssh',
    },
  ];
  for (const c of ok) {
    it(`accepts ${c.name}`, () => {
      const got = validateAuthSecret(
        c.url,
        c.data === undefined ? undefined : { name: 's', data: c.data },
      );
      assert.equal(got.kind, c.kind);
    });
  }
  const bad = [
    {
      name: 'basic and bearer',
      url: 'https://h/r',
      data: { username: 'u', password: 'p', bearerToken: 't' },
      key: 'bearerToken',
      problem: /cannot be combined/,
    },
    {
      name: 'username without password',
      url: 'https://h/r',
      data: { username: 'u' },
      key: 'password',
      problem: /required/,
    },
    {
      name: 'password without username',
      url: 'https://h/r',
      data: { password: 'p' },
      key: 'username',
      problem: /required/,
    },
    {
      name: 'newline in token',
      url: 'https://h/r',
      data: { bearerToken: 'a\nb' },
      key: 'bearerToken',
      problem: /single line/,
    },
    {
      name: 'tls.crt without key',
      url: 'https://h/r',
      data: { 'tls.crt': cert },
      key: 'tls.key',
      problem: /missing/,
    },
    {
      name: 'garbage ca',
      url: 'https://h/r',
      data: { 'ca.crt': 'hello' },
      key: 'ca.crt',
      problem: /PEM/,
    },
    {
      name: 'broken ca pem',
      url: 'https://h/r',
      data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
      key: 'ca.crt',
      problem: /X\.509/,
    },
    {
      name: 'ssh without identity',
      url: 'ssh://h/r',
      data: { known_hosts: 'h ssh-ed25519 AAAA' },
      key: 'identity',
      problem: /required/,
    },
    {
      name: 'ssh identity not a key',
      url: 'ssh://h/r',
      data: { identity: 'nope', known_hosts: 'h a b' },
      key: 'identity',
      problem: /private key/,
    },
    {
      name: 'ssh without known_hosts',
      url: 'ssh://h/r',
      data: { identity: sshKey },
      key: 'known_hosts',
      problem: /strict host key/,
    },
    {
      name: 'bad known_hosts line',
      url: 'ssh://h/r',
      data: { identity: sshKey, known_hosts: 'h onlytwo' },
      key: 'known_hosts',
      problem: /line 1/,
    },
    {
      name: 'unknown https key',
      url: 'https://h/r',
      data: { token: 'x' },
      key: 'token',
      problem: /not a known key/,
    },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}, naming secret and key`, () => {
      assert.throws(
        () => validateAuthSecret(c.url, { name: 'git-auth', data: c.data }),
        (e: unknown) =>
          e instanceof SecretError &&
          e.secret === 'git-auth' &&
          e.key === c.key &&
          c.problem.test(e.message),
      );
    });
  }
  it('never puts secret values into the message', () => {
    try {
      validateAuthSecret('https://h/r', {
        name: 's',
        data: { username: 'u', password: 'hunter22', bearerToken: 'tok-123456' },
      });
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof SecretError);
      assert.doesNotMatch(e.message, /hunter22|tok-123456/);
    }
  });
});

describe('validateProxySecret', () => {
  const cases = [
    { name: 'http proxy', data: { address: 'http://proxy:3128' }, err: undefined },
    {
      name: 'socks5 with credentials',
      data: { address: 'socks5://p:1080', username: 'u', password: 'p' },
      err: undefined,
    },
    { name: 'missing address', data: {}, err: /'address': is required/ },
    { name: 'bad scheme', data: { address: 'ftp://p' }, err: /scheme 'ftp'/ },
    { name: 'not a url', data: { address: 'nope' }, err: /not a URL/ },
    {
      name: 'username alone',
      data: { address: 'http://p', username: 'u' },
      err: /'password': is required/,
    },
    { name: 'too long', data: { address: `http://${'a'.repeat(2050)}` }, err: /2048/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      if (c.err === undefined)
        assert.equal(validateProxySecret({ name: 'px', data: c.data }).address, c.data.address);
      else assert.throws(() => validateProxySecret({ name: 'px', data: c.data }), c.err);
    });
  }
});

describe('validateSigningSecret', () => {
  const pgp = '-----BEGIN PGP PRIVATE KEY BLOCK-----\nx\n-----END PGP PRIVATE KEY BLOCK-----\n';
  const cases = [
    { name: 'gpg key', type: 'gpg' as const, data: { 'git.asc': pgp }, err: undefined },
    {
      name: 'default type is gpg',
      type: '' as const,
      data: { 'git.asc': pgp, passphrase: 'x' },
      err: undefined,
    },
    { name: 'gpg missing git.asc', type: 'gpg' as const, data: {}, err: /'git.asc': is required/ },
    {
      name: 'two key blocks',
      type: 'gpg' as const,
      data: { 'git.asc': pgp + pgp },
      err: /exactly one/,
    },
    { name: 'ssh identity', type: 'ssh' as const, data: { identity: sshKey }, err: undefined },
    {
      name: 'ssh missing identity',
      type: 'ssh' as const,
      data: { 'git.asc': pgp },
      err: /'identity': is required/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      if (c.err === undefined)
        assert.ok(validateSigningSecret({ name: 'sig', data: c.data }, c.type));
      else assert.throws(() => validateSigningSecret({ name: 'sig', data: c.data }, c.type), c.err);
    });
  }
});

describe('urlScheme', () => {
  const cases = [
    { url: 'https://h/r.git', want: 'https' },
    { url: 'ssh://git@h/r.git', want: 'ssh' },
    { url: 'git@github.com:org/r.git', want: 'ssh' },
    { url: 'file:///srv/r.git', want: 'file' },
    { url: 'git://h/r.git', want: 'http' },
    { url: 'ext::sh -c touch% /tmp/pwned', want: undefined },
    { url: 'fd::17', want: undefined },
    { url: 'ftp://h/r', want: undefined },
  ];
  for (const c of cases) {
    it(c.url, () => {
      if (c.want === undefined) assert.throws(() => urlScheme(c.url), /unsupported/);
      else assert.equal(urlScheme(c.url), c.want);
    });
  }
});
