// Pure protocol pieces: WWW-Authenticate, Link, streamed tags/list bodies, OCI error bodies.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenges, pickChallenge } from './challenge.ts';
import { apiHost } from './client.ts';
import { errorFromStatus } from './errors.ts';
import { nextLink, resolveNext } from './link.ts';
import { TagsListParser } from './tags-stream.ts';

describe('parseChallenges', () => {
  const cases = [
    {
      in: 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      out: [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/alpine:pull',
          },
        },
      ],
    },
    {
      in: 'Basic realm="Artifactory Realm"',
      out: [{ scheme: 'basic', params: { realm: 'Artifactory Realm' } }],
    },
    {
      in: 'Bearer realm="https://r/token",service="harbor-registry",scope="repository:a/b:pull,push", Basic realm="x"',
      out: [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://r/token',
            service: 'harbor-registry',
            scope: 'repository:a/b:pull,push',
          },
        },
        { scheme: 'basic', params: { realm: 'x' } },
      ],
    },
    {
      in: 'Bearer realm="a\\"b",error="insufficient_scope"',
      out: [{ scheme: 'bearer', params: { realm: 'a"b', error: 'insufficient_scope' } }],
    },
    { in: 'Basic realm=unquoted', out: [{ scheme: 'basic', params: { realm: 'unquoted' } }] },
    { in: '', out: [] },
  ];
  for (const c of cases)
    it(c.in || '(empty)', () => assert.deepEqual(parseChallenges(c.in), c.out));

  it('prefers Bearer over Basic and ignores unknown schemes', () => {
    assert.equal(
      pickChallenge(parseChallenges('Negotiate, Basic realm="x", Bearer realm="https://t"'))
        ?.scheme,
      'bearer',
    );
    assert.equal(pickChallenge(parseChallenges('Negotiate abc')), undefined);
  });
});

describe('Link pagination', () => {
  const cases = [
    {
      header: '</v2/a/tags/list?n=2&last=b>; rel="next"',
      base: 'https://r.io/v2/a/tags/list?n=2',
      out: 'https://r.io/v2/a/tags/list?n=2&last=b',
    },
    {
      header: '<https://r.io/v2/a/tags/list?last=opaque%2Btoken>; rel="next"',
      base: 'https://r.io/v2/a/tags/list',
      out: 'https://r.io/v2/a/tags/list?last=opaque%2Btoken',
    },
    {
      header: '<?n=2&last=c&orderby=>; rel=next',
      base: 'https://r.io/v2/a/tags/list?n=2',
      out: 'https://r.io/v2/a/tags/list?n=2&last=c&orderby=',
    },
    {
      header: '</first>; rel="prev", </v2/x?last=z>; rel="next"',
      base: 'https://r.io/v2/x',
      out: 'https://r.io/v2/x?last=z',
    },
  ];
  for (const c of cases) {
    it(c.header, () => {
      const link = nextLink(c.header);
      assert.ok(link);
      assert.equal(resolveNext(link, new URL(c.base), 'r.io').href, c.out);
    });
  }
  it('has no next page without a header or rel=next', () => {
    assert.equal(nextLink(null), undefined);
    assert.equal(nextLink('</x>; rel="prev"'), undefined);
  });
  const refused = [
    'https://evil.io/v2/a/tags/list',
    'http://r.io/v2/a/tags/list',
    'https://r.io:444/v2/a',
  ];
  for (const target of refused) {
    it(`refuses ${target}`, () => {
      assert.throws(
        () => resolveNext(target, new URL('https://r.io/v2/a/tags/list'), 'r.io'),
        /another origin/,
      );
    });
  }
});

describe('TagsListParser', () => {
  const body =
    '{"name":"a/b","child":[],"manifest":{"sha256:1":{"tag":["x"],"n":1.5e3,"ok":true}},"tags":["1.0","v\\u0032","a\\"b"],"extra":null}';
  const expected = ['1.0', 'v2', 'a"b'];
  for (const size of [1, 2, 3, 7, 1000]) {
    it(`reads a body split every ${size} characters`, () => {
      const p = new TagsListParser();
      const out: string[] = [];
      for (let i = 0; i < body.length; i += size) out.push(...p.push(body.slice(i, i + size)));
      assert.deepEqual(out, expected);
      assert.deepEqual(p.end(), { sawTags: true });
    });
  }
  const shapes = [
    { body: '{"name":"a","tags":null}', tags: [], sawTags: true },
    { body: '{"name":"a","tags":[]}', tags: [], sawTags: true },
    { body: '{"name":"a"}', tags: [], sawTags: false },
    { body: ' {\n "tags" : [ "x" , "y" ] } \n', tags: ['x', 'y'], sawTags: true },
  ];
  for (const s of shapes) {
    it(`reads ${JSON.stringify(s.body)}`, () => {
      const p = new TagsListParser();
      assert.deepEqual(p.push(s.body), s.tags);
      assert.deepEqual(p.end(), { sawTags: s.sawTags });
    });
  }
  const broken = [
    { body: '{"name":"a","tags":["x","y"', error: /truncated/ },
    { body: '<html>oops</html>', error: /expected "\{"/ },
    { body: '{"tags":[1,2]}', error: /not a string/ },
    { body: '{"tags":"x"}', error: /neither an array nor null/ },
    { body: '{"tags":[]} x', error: /after the end/ },
    { body: `{"tags":["${'a'.repeat(5000)}"]}`, error: /longer than/ },
  ];
  for (const b of broken) {
    it(`rejects ${b.body.slice(0, 30)}`, () => {
      const p = new TagsListParser();
      assert.throws(() => {
        p.push(b.body);
        p.end();
      }, b.error);
    });
  }
});

describe('errorFromStatus', () => {
  const cases = [
    {
      status: 404,
      body: '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"x"}}]}',
      kind: 'not-found',
      message: /404 Not Found: NAME_UNKNOWN: repository name not known to registry$/,
    },
    {
      status: 429,
      body: 'Too Many Requests (HAP429).',
      kind: 'rate-limited',
      message: /429 Too Many Requests: Too Many Requests \(HAP429\)\.$/,
    },
    {
      status: 403,
      body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}',
      kind: 'forbidden',
      message: /403 Forbidden: DENIED/,
    },
    {
      status: 502,
      body: '<html><body>Bad gateway</body></html>',
      kind: 'server',
      message: /502 Bad Gateway$/,
    },
    {
      status: 400,
      body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}',
      kind: 'rate-limited',
      message: /TOOMANYREQUESTS/,
    },
  ];
  for (const c of cases) {
    it(`${c.status} → ${c.kind}`, () => {
      const e = errorFromStatus(
        'GET',
        'https://user:pw@r.io/v2/x/tags/list?n=1000',
        c.status,
        c.body,
        'r.io',
      );
      assert.equal(e.kind, c.kind);
      assert.match(e.message, c.message);
      assert.doesNotMatch(e.message, /user|pw@/);
    });
  }
});

describe('apiHost', () => {
  const cases = [
    { in: 'index.docker.io', out: 'registry-1.docker.io' },
    { in: 'docker.io', out: 'registry-1.docker.io' },
    { in: 'ghcr.io', out: 'ghcr.io' },
    { in: 'localhost:5000', out: 'localhost:5000' },
  ];
  for (const c of cases) it(`${c.in} → ${c.out}`, () => assert.equal(apiHost(c.in), c.out));
});
