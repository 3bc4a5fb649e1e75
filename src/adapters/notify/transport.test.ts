// Transport options from the Provider against real servers: a CA from certSecretRef for an HTTPS
// receiver, and an HTTP proxy (absolute-URI for http, CONNECT tunnel for https).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type HttpReceiver, startReceiver } from '../../../test/support/http-receiver.ts';
import { notifierFor } from './factory.ts';
import { config, policyEvent } from './fixtures.test-support.ts';
import { DeliveryError } from './notifier.ts';

const dir = mkdtempSync(join(tmpdir(), 'tagpilot-tls-'));

function makeCerts(): { ca: string; key: string; cert: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=tagpilot test CA',
  );
  run(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'srv.key',
    '-out',
    'srv.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:slack.com\n');
  run(
    'x509',
    '-req',
    '-in',
    'srv.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'srv.crt',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
  );
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.crt'), key: read('srv.key'), cert: read('srv.crt') };
}

/** startProxy is a minimal forward proxy recording what it relayed. */
async function startProxy(
  redirectPort?: number,
): Promise<{ url: string; seen: string[]; stop: () => Promise<void> }> {
  const seen: string[] = [];
  const tunnels = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} auth=${req.headers['proxy-authorization'] ?? ''}`);
    const target = new URL(req.url ?? '');
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(up);
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    tunnels.add(socket as net.Socket);
    const [host, port] = (req.url ?? '').split(':');
    // redirectPort stands the loopback receiver in for any host (e.g. slack.com:443).
    const up = net.connect(redirectPort ?? Number(port), redirectPort ? '127.0.0.1' : host, () => {
      tunnels.add(up);
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://user:p%40ss@127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    stop: () =>
      new Promise((r) => {
        for (const t of tunnels) t.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('transport', () => {
  let certs: { ca: string; key: string; cert: string };
  let tlsReceiver: HttpReceiver;
  let plainReceiver: HttpReceiver;
  before(async () => {
    certs = makeCerts();
    tlsReceiver = await startReceiver(undefined, { tls: { key: certs.key, cert: certs.cert } });
    plainReceiver = await startReceiver();
  });
  after(async () => {
    await tlsReceiver.stop();
    await plainReceiver.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const ctx = () => ({ signal: AbortSignal.timeout(5000), commitStatus: '' });

  it('trusts an HTTPS receiver through the certSecretRef CA', async () => {
    await notifierFor(config('generic', `${tlsReceiver.url}/hook`, { tls: { ca: certs.ca } })).post(
      policyEvent,
      ctx(),
    );
    assert.equal(tlsReceiver.requests.at(-1)?.url, '/hook');
  });

  it('refuses an untrusted certificate without retrying', async () => {
    await assert.rejects(
      notifierFor(config('generic', `${tlsReceiver.url}/hook`)).post(policyEvent, ctx()),
      (err: unknown) => {
        assert.ok(err instanceof DeliveryError);
        assert.equal(err.retryable, false);
        assert.match(err.message, /SELF_SIGNED|UNABLE_TO_VERIFY/);
        return true;
      },
    );
  });

  it('goes through an HTTP proxy for http targets, with proxy credentials', async () => {
    const proxy = await startProxy();
    try {
      const from = plainReceiver.requests.length;
      await notifierFor(
        config('slack', `${plainReceiver.url}/services/x`, { proxy: proxy.url }),
      ).post(policyEvent, ctx());
      assert.equal(plainReceiver.requests.length - from, 1);
      assert.deepEqual(proxy.seen, [
        `POST ${plainReceiver.url}/services/x auth=Basic ${Buffer.from('user:p@ss').toString('base64')}`,
      ]);
    } finally {
      await proxy.stop();
    }
  });

  it('tunnels https targets through the proxy with CONNECT', async () => {
    const proxy = await startProxy();
    try {
      const from = tlsReceiver.requests.length;
      await notifierFor(
        config('discord', `${tlsReceiver.url}/api/webhooks/1/t`, {
          proxy: proxy.url,
          tls: { ca: certs.ca },
        }),
      ).post(policyEvent, ctx());
      assert.equal(tlsReceiver.requests.length - from, 1);
      assert.equal(tlsReceiver.requests.at(-1)?.url, '/api/webhooks/1/t/slack');
      assert.deepEqual(proxy.seen, [`CONNECT 127.0.0.1:${tlsReceiver.port}`]);
    } finally {
      await proxy.stop();
    }
  });

  it('gives up on a silent receiver after spec.timeout, as a retryable failure', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const started = Date.now();
      await assert.rejects(
        notifierFor(config('generic', `http://127.0.0.1:${port}/hook`, { timeoutMs: 300 })).post(
          policyEvent,
          ctx(),
        ),
        (err: unknown) => {
          assert.ok(err instanceof DeliveryError);
          assert.equal(err.retryable, true);
          assert.match(err.message, /timed out after 300ms/);
          return true;
        },
      );
      assert.ok(Date.now() - started < 2000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('checks chat.postMessage answers like Flux (HTTP 200 with ok=false is a failure)', async () => {
    const proxy = await startProxy(tlsReceiver.port);
    try {
      const cfg = config('slack', 'https://slack.com/api/chat.postMessage', {
        proxy: proxy.url,
        tls: { ca: certs.ca },
        token: 'xoxb-bot',
        channel: 'alerts',
      });
      tlsReceiver.respond(() => ({
        status: 200,
        body: '{"ok":false,"error":"channel_not_found"}',
      }));
      await assert.rejects(notifierFor(cfg).post(policyEvent, ctx()), (err: unknown) => {
        assert.ok(err instanceof DeliveryError);
        assert.equal(err.retryable, false, err.message);
        assert.match(err.message, /Slack responded with error: channel_not_found/);
        return true;
      });
      tlsReceiver.respond(() => ({ status: 200, body: '{"ok":true}' }));
      await notifierFor(cfg).post(policyEvent, ctx());
      const last = tlsReceiver.requests.at(-1)!;
      assert.equal(last.url, '/api/chat.postMessage');
      assert.equal(last.headers.authorization, 'Bearer xoxb-bot');
      assert.equal(JSON.parse(last.body).channel, 'alerts');
      assert.deepEqual(proxy.seen, ['CONNECT slack.com:443', 'CONNECT slack.com:443']);
    } finally {
      tlsReceiver.respond(() => ({ status: 200 }));
      await proxy.stop();
    }
  });
});
