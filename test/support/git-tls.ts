// TLS material and a forward proxy for the git HTTPS and proxy tests.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { tempDir } from './git-servers.ts';

/** TlsFixture is a test CA with a server certificate for 127.0.0.1 and a client certificate. */
export interface TlsFixture {
  readonly ca: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
}

/** makeTlsFixture creates a throw-away CA, server and client certificates with openssl. */
export function makeTlsFixture(): TlsFixture {
  const d = tempDir('tagpilot-tls-');
  const ossl = (args: string[]) => execFileSync('openssl', args, { cwd: d, stdio: 'ignore' });
  ossl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=tagpilot test CA',
  ]);
  for (const [name, ext] of [
    ['server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'],
    ['client', 'extendedKeyUsage=clientAuth\n'],
  ] as const) {
    ossl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name}`,
    ]);
    writeFileSync(join(d, `${name}.ext`), ext.replace(/\\n/g, '\n'));
    ossl([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    ]);
  }
  const r = (f: string) => readFileSync(join(d, f), 'utf8');
  const fixture = {
    ca: r('ca.crt'),
    serverKey: r('server.key'),
    serverCert: r('server.crt'),
    clientKey: r('client.key'),
    clientCert: r('client.crt'),
  };
  rmSync(d, { recursive: true, force: true });
  return fixture;
}

/** startHttpProxy runs a forward HTTP proxy (absolute-URI requests) requiring `user:password`. */
export async function startHttpProxy(
  credentials: string,
): Promise<{ url: string; requests: () => number; stop(): Promise<void> }> {
  let count = 0;
  const server = createHttpServer((req, res) => {
    const auth = req.headers['proxy-authorization'] ?? '';
    if (auth !== `Basic ${Buffer.from(credentials).toString('base64')}`) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    count++;
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = httpRequest(target, { method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as import('node:net').AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
