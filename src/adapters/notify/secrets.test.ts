import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Provider, ProviderSpec } from '../../api/notification/types.ts';
import { ConfigError } from './notifier.ts';
import { maskSecrets, resolveProvider, urlSecrets } from './secrets.ts';

function provider(spec: Partial<ProviderSpec>): Provider {
  return {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    kind: 'Provider',
    metadata: { name: 'p', namespace: 'ns', labels: {}, annotations: {}, uid: '' },
    spec: {
      type: 'generic',
      channel: 'c',
      username: 'spec-user',
      address: 'https://spec.example/hook',
      timeoutMs: 15000,
      proxy: '',
      commitStatusExpr: '',
      suspend: false,
      ...spec,
    },
  };
}

const secrets: Record<string, Record<string, string>> = {
  'ns/auth': {
    address: ' https://secret.example/hook/T0K \n',
    token: ' tok-1234 ',
    headers: 'X-A: one-secret\nX-B: 2\n',
    username: 'u',
    password: 'pw-5678',
  },
  'ns/proxy': { address: 'http://proxy.example:3128', username: 'pu', password: 'p@ss' },
  'ns/certs': { 'ca.crt': 'CA', 'tls.crt': 'CERT', 'tls.key': 'KEY' },
  'ns/legacy-certs': { caFile: 'OLDCA' },
  'ns/forge': { token: 'ghp_abcd', 'ca.crt': 'FORGECA' },
  'ns/half-cert': { 'tls.crt': 'CERT' },
  'ns/bad-headers': { headers: '- a\n- b\n' },
};
const lookup = (ns: string, name: string) => secrets[`${ns}/${name}`];

describe('resolveProvider', () => {
  it('applies the secretRef keys the way Flux reads them', () => {
    const { config, secretValues } = resolveProvider(
      provider({ secretRef: { name: 'auth' } }),
      lookup,
    );
    assert.equal(config.address, 'https://secret.example/hook/T0K');
    assert.equal(config.token, 'tok-1234');
    assert.deepEqual(config.headers, { 'X-A': 'one-secret', 'X-B': '2' });
    assert.deepEqual([config.username, config.password], ['u', 'pw-5678']);
    for (const v of ['https://secret.example/hook/T0K', 'tok-1234', 'one-secret', 'pw-5678'])
      assert.ok(secretValues.includes(v), v);
  });

  it('reads the proxy Secret with credentials', () => {
    const { config } = resolveProvider(provider({ proxySecretRef: { name: 'proxy' } }), lookup);
    assert.equal(config.proxy, 'http://pu:p%40ss@proxy.example:3128/');
  });

  const tlsCases = [
    {
      name: 'certSecretRef',
      spec: { certSecretRef: { name: 'certs' } },
      want: { ca: 'CA', cert: 'CERT', key: 'KEY' },
    },
    {
      name: 'legacy caFile key',
      spec: { certSecretRef: { name: 'legacy-certs' } },
      want: { ca: 'OLDCA' },
    },
    {
      name: 'forge ca.crt in secretRef',
      spec: {
        type: 'github' as const,
        address: 'https://ghe.example/o/r',
        secretRef: { name: 'forge' },
      },
      want: { ca: 'FORGECA' },
    },
    {
      name: 'chat provider ignores ca.crt in secretRef',
      spec: { secretRef: { name: 'forge' } },
      want: undefined,
    },
  ];
  for (const c of tlsCases) {
    it(`TLS from ${c.name}`, () => {
      assert.deepEqual(resolveProvider(provider(c.spec), lookup).config.tls, c.want);
    });
  }

  const bad = [
    {
      name: 'missing secret',
      spec: { secretRef: { name: 'nope' } },
      field: 'spec.secretRef',
      message: /failed to get secret 'ns\/nope'/,
    },
    {
      name: 'half a client cert',
      spec: { certSecretRef: { name: 'half-cert' } },
      field: 'spec.certSecretRef',
      message: /tls.crt or tls.key/,
    },
    {
      name: 'headers not a map',
      spec: { secretRef: { name: 'bad-headers' } },
      field: 'spec.secretRef',
      message: /headers/,
    },
    {
      name: 'unsupported type',
      spec: { type: 'telegram' as const },
      field: 'spec.type',
      message: /not supported by tagpilot/,
    },
    {
      name: 'CEL expression',
      spec: { type: 'github' as const, commitStatusExpr: 'event.reason' },
      field: 'spec.commitStatusExpr',
      message: /CEL/,
    },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}`, () => {
      assert.throws(
        () => resolveProvider(provider(c.spec), lookup),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.equal(err.field, c.field);
          assert.match(err.message, c.message);
          return true;
        },
      );
    });
  }

  it('masks every secret value, longest first', () => {
    assert.equal(
      maskSecrets('GET https://x/hook/abcdef?k=abc', ['abc', 'abcdef']),
      'GET https://x/hook/*****?k=abc',
    );
  });

  it('treats a webhook path, its long segments and query values as secrets', () => {
    const url = 'https://discord.com/api/webhooks/123/AbCdEfGhIjKlMnOp?thread_id=99887766554433';
    assert.deepEqual(urlSecrets(url), [
      url,
      '/api/webhooks/123/AbCdEfGhIjKlMnOp?thread_id=99887766554433',
      'AbCdEfGhIjKlMnOp',
      '99887766554433',
    ]);
    assert.equal(maskSecrets('echo: AbCdEfGhIjKlMnOp', urlSecrets(url)), 'echo: *****');
  });
});
