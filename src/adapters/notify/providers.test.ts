// Every provider against a real HTTP receiver on loopback: exact method, path, headers and body
// bytes (golden files in testdata/<case>/body.json; regenerate with UPDATE_GOLDEN=1 and review).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type HttpReceiver,
  type ReceivedRequest,
  startReceiver,
} from '../../../test/support/http-receiver.ts';
import type { Event } from '../../core/events/event.ts';
import { notifierFor } from './factory.ts';
import { config, failureEvent, policyEvent, pushEvent } from './fixtures.test-support.ts';
import type { ProviderConfig } from './notifier.ts';

const testdata = join(import.meta.dirname, 'testdata');

interface Case {
  name: string;
  type: ProviderConfig['type'];
  path: string;
  extra?: Partial<ProviderConfig>;
  event: Event;
  /** requests expected, in order: method, path, headers that must be present, golden body or none. */
  expect: { method: string; url: string; headers?: Record<string, string>; golden?: boolean }[];
  /** statusList is what the receiver answers to GET (forge status listings). */
  statusList?: unknown[];
}

const sha = '5394cb7f48332b2de7c17dd8b8384bbc84b7e738';
const cases: Case[] = [
  {
    name: 'generic-info',
    type: 'generic',
    path: '/hook',
    extra: { headers: { 'X-Team': 'ops' } },
    event: policyEvent,
    expect: [
      {
        method: 'POST',
        url: '/hook',
        headers: {
          'content-type': 'application/json',
          'gotk-component': 'image-reflector-controller',
          'x-team': 'ops',
        },
        golden: true,
      },
    ],
  },
  {
    name: 'generic-hmac-error',
    type: 'generic-hmac',
    path: '/signed',
    extra: { token: 'hmac-key-123' },
    event: failureEvent,
    expect: [
      {
        method: 'POST',
        url: '/signed',
        headers: { 'gotk-component': 'image-automation-controller' },
        golden: true,
      },
    ],
  },
  {
    name: 'discord-info',
    type: 'discord',
    path: '/api/webhooks/123/tok',
    event: policyEvent,
    expect: [
      {
        method: 'POST',
        url: '/api/webhooks/123/tok/slack',
        headers: { 'content-type': 'application/json' },
        golden: true,
      },
    ],
  },
  {
    name: 'discord-error-username',
    type: 'discord',
    path: '/api/webhooks/123/tok/slack',
    extra: { username: 'flux-bot', channel: 'ignored' },
    event: failureEvent,
    expect: [{ method: 'POST', url: '/api/webhooks/123/tok/slack', golden: true }],
  },
  {
    name: 'slack-error-channel-token',
    type: 'slack',
    path: '/services/T/B/X',
    extra: { channel: 'general', token: 'xoxb-secret' },
    event: failureEvent,
    expect: [
      {
        method: 'POST',
        url: '/services/T/B/X',
        headers: { authorization: 'Bearer xoxb-secret' },
        golden: true,
      },
    ],
  },
  {
    name: 'slack-push',
    type: 'slack',
    path: '/services/T/B/X',
    event: pushEvent,
    expect: [{ method: 'POST', url: '/services/T/B/X', golden: true }],
  },
  {
    name: 'msteams-info',
    type: 'msteams',
    path: '/workflows/run',
    event: policyEvent,
    expect: [{ method: 'POST', url: '/workflows/run', golden: true }],
  },
  {
    name: 'msteams-error',
    type: 'msteams',
    path: '/workflows/run',
    event: failureEvent,
    expect: [{ method: 'POST', url: '/workflows/run', golden: true }],
  },
  {
    name: 'googlechat-info',
    type: 'googlechat',
    path: '/v1/spaces/AAA/messages?key=k&token=t',
    event: policyEvent,
    expect: [{ method: 'POST', url: '/v1/spaces/AAA/messages?key=k&token=t', golden: true }],
  },
  {
    name: 'googlechat-error',
    type: 'googlechat',
    path: '/v1/spaces/AAA/messages',
    event: failureEvent,
    expect: [{ method: 'POST', url: '/v1/spaces/AAA/messages', golden: true }],
  },
  {
    name: 'alertmanager-info-token',
    type: 'alertmanager',
    path: '/api/v2/alerts',
    extra: { token: 'am-token' },
    event: policyEvent,
    expect: [
      {
        method: 'POST',
        url: '/api/v2/alerts',
        headers: { authorization: 'Bearer am-token' },
        golden: true,
      },
    ],
  },
  {
    name: 'alertmanager-error-basic',
    type: 'alertmanager',
    path: '/api/v2/alerts',
    extra: { token: 'ignored', username: 'am', password: 'pw' },
    event: failureEvent,
    expect: [
      {
        method: 'POST',
        url: '/api/v2/alerts',
        headers: { authorization: `Basic ${Buffer.from('am:pw').toString('base64')}` },
        golden: true,
      },
    ],
  },
  {
    name: 'github-push',
    type: 'github',
    path: '/stefanprodan/podinfo.git',
    extra: { token: 'ghp_x' },
    event: pushEvent,
    statusList: [],
    expect: [
      {
        method: 'GET',
        url: `/api/v3/repos/stefanprodan/podinfo/commits/${sha}/statuses?per_page=50`,
        headers: { authorization: 'Bearer ghp_x', accept: 'application/vnd.github.v3+json' },
      },
      {
        method: 'POST',
        url: `/api/v3/repos/stefanprodan/podinfo/statuses/${sha}`,
        headers: { authorization: 'Bearer ghp_x', 'content-type': 'application/json' },
        golden: true,
      },
    ],
  },
  {
    name: 'github-duplicate',
    type: 'github',
    path: '/stefanprodan/podinfo',
    extra: { token: 'ghp_x' },
    event: pushEvent,
    statusList: [
      {
        context: 'imageupdateautomation/podinfo/0c9c2e41',
        state: 'success',
        description: 'succeeded',
      },
    ],
    expect: [
      {
        method: 'GET',
        url: `/api/v3/repos/stefanprodan/podinfo/commits/${sha}/statuses?per_page=50`,
      },
    ],
  },
  {
    name: 'gitlab-error',
    type: 'gitlab',
    path: '/group/sub/project',
    extra: { token: 'glpat' },
    event: { ...failureEvent, metadata: { revision: `main@sha1:${sha}` } },
    statusList: [],
    expect: [
      {
        method: 'GET',
        url: `/api/v4/projects/group%2Fsub%2Fproject/repository/commits/${sha}/statuses?name=imageupdateautomation%2Fpodinfo%2F0c9c2e41`,
        headers: { 'private-token': 'glpat' },
      },
      {
        method: 'POST',
        url: `/api/v4/projects/group%2Fsub%2Fproject/statuses/${sha}`,
        headers: { 'private-token': 'glpat' },
        golden: true,
      },
    ],
  },
  {
    name: 'gitea-progressing',
    type: 'gitea',
    path: '/org/repo.git',
    extra: { token: 'gt' },
    event: { ...pushEvent, reason: 'Progressing' },
    statusList: [{ context: 'other', status: 'success', description: 'x' }],
    expect: [
      {
        method: 'GET',
        url: `/api/v1/repos/org/repo/commits/${sha}/statuses?limit=50&page=1`,
        headers: { authorization: 'token gt' },
      },
      {
        method: 'POST',
        url: `/api/v1/repos/org/repo/statuses/${sha}`,
        headers: { authorization: 'token gt' },
        golden: true,
      },
    ],
  },
];

function golden(name: string, body: string): string {
  const file = join(testdata, name, 'body.json');
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(join(testdata, name), { recursive: true });
    writeFileSync(file, body);
  }
  return readFileSync(file, 'utf8');
}

describe('providers against a loopback receiver', () => {
  let receiver: HttpReceiver;
  let statusList: unknown[] = [];
  before(async () => {
    receiver = await startReceiver((r: ReceivedRequest) =>
      r.method === 'GET'
        ? { status: 200, body: JSON.stringify(statusList) }
        : { status: 201, body: '{}' },
    );
  });
  after(() => receiver.stop());

  for (const c of cases) {
    it(c.name, async () => {
      statusList = c.statusList ?? [];
      const from = receiver.requests.length;
      const cfg = config(c.type, `${receiver.url}${c.path}`, c.extra);
      await notifierFor(cfg).post(c.event, {
        signal: AbortSignal.timeout(5000),
        commitStatus: 'imageupdateautomation/podinfo/0c9c2e41',
      });
      const got = receiver.requests.slice(from);
      assert.equal(
        got.length,
        c.expect.length,
        `requests: ${got.map((r) => `${r.method} ${r.url}`).join(', ')}`,
      );
      c.expect.forEach((want, i) => {
        const r = got[i]!;
        assert.equal(r.method, want.method);
        assert.equal(r.url, want.url);
        for (const [k, v] of Object.entries(want.headers ?? {}))
          assert.equal(r.headers[k], v, `header ${k}`);
        if (want.golden) {
          assert.equal(r.body, golden(c.name, r.body));
          assert.doesNotThrow(() => JSON.parse(r.body));
        } else assert.equal(r.body, '');
      });
      if (c.type === 'generic-hmac') {
        const body = got[0]!.body;
        const mac = createHmac('sha256', 'hmac-key-123').update(body).digest('hex');
        assert.equal(got[0]!.headers['x-signature'], `sha256=${mac}`);
      }
    });
  }
});
