import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseSecretsYAML } from './secret.ts';

describe('parseSecretsYAML', () => {
  it('reads the Secret of the Discord example', () => {
    const text = readFileSync(
      join(import.meta.dirname, 'testdata', 'flux-discord', 'notifications.yaml'),
      'utf8',
    );
    const { secrets, errors } = parseSecretsYAML(text, 'n.yaml');
    assert.deepEqual(errors, []);
    assert.deepEqual(secrets.get('flux-system/discord-webhook'), {
      address: 'https://discord.com/api/webhooks/000/redacted',
    });
  });

  it('decodes data and lets stringData win', () => {
    const text = `apiVersion: v1
kind: Secret
metadata: {name: s}
data:
  token: ${Buffer.from('from-data').toString('base64')}
  address: ${Buffer.from('http://a').toString('base64')}
stringData:
  token: from-stringData
`;
    assert.deepEqual(parseSecretsYAML(text, 's.yaml').secrets.get('default/s'), {
      token: 'from-stringData',
      address: 'http://a',
    });
  });

  it('reports a non-string value without showing it', () => {
    const { errors } = parseSecretsYAML(
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns}\nstringData: {token: 12345678}\n',
      's.yaml',
    );
    assert.equal(errors[0]?.field, 'stringData.token');
    assert.ok(!errors[0]?.message.includes('12345678'));
  });
});
