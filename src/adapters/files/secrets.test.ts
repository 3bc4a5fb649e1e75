import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSecrets } from './secrets.ts';

describe('readSecrets', () => {
  it('decodes data, merges stringData and defaults the namespace', () => {
    const text = `apiVersion: v1
kind: Secret
metadata: {name: regcred, namespace: flux-system}
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: ${Buffer.from('{"auths":{}}').toString('base64')}
---
apiVersion: v1
kind: Secret
metadata: {name: git}
stringData: {username: bot, password: s3cret}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ignored}
`;

    const r = readSecrets([{ path: 's.yaml', text }]);

    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.secrets.get('flux-system/regcred'), {
      name: 'flux-system/regcred',
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': '{"auths":{}}' },
    });
    assert.deepEqual(r.secrets.get('default/git')?.data, { username: 'bot', password: 's3cret' });
    assert.equal(r.secrets.size, 2);
  });

  it('reports a bad value by key without echoing it', () => {
    const r = readSecrets([
      {
        path: 's.yaml',
        text: 'kind: Secret\nmetadata: {name: x}\ndata: {token: "not base64!!"}\n',
      },
    ]);

    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]?.message ?? '', /data\.token is not base64/);
    assert.ok(!JSON.stringify(r.problems).includes('not base64!!'));
  });
});
