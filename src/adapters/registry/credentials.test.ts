// Docker config pull secrets: parsing, and host matching like kubelet/Flux with its bugs fixed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dockerConfigSecret,
  keychainFromSecrets,
  normaliseKey,
  type PullSecret,
} from './credentials.ts';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const json = (auths: Record<string, unknown>): PullSecret => ({
  name: 'ns/pull',
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': JSON.stringify({ auths }) },
});
const user = (name: string) => ({ auth: b64(`${name}:pw-${name}`) });

describe('normaliseKey', () => {
  const cases = [
    { in: 'https://index.docker.io/v1/', key: 'index.docker.io' },
    { in: 'docker.io', key: 'index.docker.io' },
    { in: 'registry-1.docker.io', key: 'index.docker.io' },
    { in: 'ghcr.io', key: 'ghcr.io' },
    { in: 'https://registry.example:5000/v2/', key: 'registry.example:5000' },
    { in: 'registry.example:443', key: 'registry.example' },
    {
      in: 'ourrepo.example.com:8083/repository/internal',
      key: 'ourrepo.example.com:8083/repository/internal',
    },
    { in: 'HTTPS://Quay.IO/', key: 'quay.io' },
  ];
  for (const c of cases)
    it(`${c.in} → ${c.key}`, () => assert.equal(normaliseKey(c.in)?.key, c.key));
});

describe('Keychain.resolve', () => {
  const cases = [
    {
      name: 'kubectl default key matches Docker Hub',
      auths: { 'https://index.docker.io/v1/': user('hub') },
      registry: 'index.docker.io',
      repo: 'library/alpine',
      want: 'hub',
    },
    {
      name: 'docker.io key matches Docker Hub (Flux bug fixed)',
      auths: { 'docker.io': user('hub') },
      registry: 'index.docker.io',
      repo: 'org/app',
      want: 'hub',
    },
    {
      name: 'exact host',
      auths: { 'ghcr.io': user('gh') },
      registry: 'ghcr.io',
      repo: 'org/app',
      want: 'gh',
    },
    {
      name: 'other host is anonymous',
      auths: { 'ghcr.io': user('gh') },
      registry: 'quay.io',
      repo: 'org/app',
      want: undefined,
    },
    {
      name: 'glob label',
      auths: { '*.azurecr.io': user('acr') },
      registry: 'team.azurecr.io',
      repo: 'app',
      want: 'acr',
    },
    {
      name: 'glob does not span labels',
      auths: { '*.example.com': user('x') },
      registry: 'a.b.example.com',
      repo: 'app',
      want: undefined,
    },
    {
      name: 'port must match',
      auths: { 'r.example:5000': user('p') },
      registry: 'r.example',
      repo: 'app',
      want: undefined,
    },
    {
      name: ':443 equals no port (Flux bug fixed)',
      auths: { 'r.example:443': user('p') },
      registry: 'r.example',
      repo: 'app',
      want: 'p',
    },
    {
      name: 'longest path wins',
      auths: { 'r.io': user('all'), 'r.io/team': user('team') },
      registry: 'r.io',
      repo: 'team/app',
      want: 'team',
    },
    {
      name: 'path prefix is segment-aware (Flux bug fixed)',
      auths: { 'r.io/team': user('team') },
      registry: 'r.io',
      repo: 'teamwork/app',
      want: undefined,
    },
    {
      name: 'username/password fields',
      auths: { 'r.io': { username: 'u', password: 'pw-u' } },
      registry: 'r.io',
      repo: 'a',
      want: 'u',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cred = keychainFromSecrets([json(c.auths)]).resolve(c.registry, c.repo);
      assert.equal(cred?.kind === 'basic' ? cred.username : undefined, c.want);
      if (cred?.kind === 'basic') assert.equal(cred.password, `pw-${c.want}`);
    });
  }

  it('reads identity and registry tokens', () => {
    const k = keychainFromSecrets([
      json({
        'a.io': { username: 'x', identitytoken: 'refresh' },
        'b.io': { registrytoken: 'bearer' },
      }),
    ]);
    assert.deepEqual(k.resolve('a.io', 'r'), {
      kind: 'identity-token',
      username: 'x',
      token: 'refresh',
    });
    assert.deepEqual(k.resolve('b.io', 'r'), { kind: 'registry-token', token: 'bearer' });
  });

  it('the first secret wins for the same key; legacy .dockercfg is read', () => {
    const legacy: PullSecret = {
      name: 'ns/old',
      type: 'kubernetes.io/dockercfg',
      data: { '.dockercfg': JSON.stringify({ 'r.io': user('old') }) },
    };
    const k = keychainFromSecrets([json({ 'r.io': user('new') }), legacy]);
    const c = k.resolve('r.io', 'a');
    assert.equal(c?.kind === 'basic' && c.username, 'new');
  });

  it('ignores secrets of other types, like Flux', () => {
    const opaque: PullSecret = {
      name: 'ns/o',
      type: 'Opaque',
      data: { '.dockerconfigjson': JSON.stringify({ auths: { 'r.io': user('x') } }) },
    };
    assert.equal(keychainFromSecrets([opaque]).size, 0);
  });

  const bad = [
    {
      name: 'invalid JSON, without echoing it',
      secret: {
        name: 'ns/bad',
        type: 'kubernetes.io/dockerconfigjson',
        data: { '.dockerconfigjson': '{"auths": {"r.io": {"password": "topsecret"' },
      },
      error: /^secret 'ns\/bad': key '\.dockerconfigjson' is not valid JSON$/,
    },
    {
      name: 'missing key',
      secret: { name: 'ns/bad', type: 'kubernetes.io/dockerconfigjson', data: {} },
      error: /key '\.dockerconfigjson' not found/,
    },
    {
      name: 'auth without colon',
      secret: json({ 'r.io': { auth: b64('nocolon') } }),
      error: /field 'auth' is not base64 of user:password/,
    },
  ];
  for (const b of bad) {
    it(`rejects ${b.name}`, () => {
      assert.throws(
        () => keychainFromSecrets([b.secret as PullSecret]),
        (err: Error) => {
          assert.match(err.message, b.error);
          assert.doesNotMatch(err.message, /topsecret/);
          return true;
        },
      );
    });
  }
});

describe('dockerConfigSecret', () => {
  it('wraps config.json (auths) and legacy dockercfg text', () => {
    const a = dockerConfigSecret('file', JSON.stringify({ auths: { 'r.io': user('a') } }));
    const b = dockerConfigSecret('file', JSON.stringify({ 'r.io': user('b') }));
    for (const [s, name] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      const c = keychainFromSecrets([s]).resolve('r.io', 'x');
      assert.equal(c?.kind === 'basic' && c.username, name);
    }
  });
});
