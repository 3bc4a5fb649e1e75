// TLS material and a forward proxy for the git HTTPS and proxy tests.
import { readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { tempDir } from './git-servers.ts';
import { makePki } from './registry-pki.ts';

/** TlsFixture is a test CA with a server certificate for 127.0.0.1 and a client certificate. */
export interface TlsFixture {
  readonly ca: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
}

/** makeTlsFixture creates a throw-away CA, server (127.0.0.1) and client certificates. */
export function makeTlsFixture(): TlsFixture {
  const d = tempDir('tagpilot-tls-');
  const pki = makePki(d);
  const fixture = {
    ca: pki.caCertPem,
    serverKey: readFileSync(pki.serverKey, 'utf8'),
    serverCert: readFileSync(pki.serverCert, 'utf8'),
    clientKey: pki.clientKeyPem,
    clientCert: pki.clientCertPem,
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
