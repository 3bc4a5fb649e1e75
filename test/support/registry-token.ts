// A small token issuer for distribution's `auth.token` (JWT RS256, `x5c` header): `public/*` is
// pullable anonymously, users get what they ask for, refresh tokens use the OAuth2 POST flow.

import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** TokenIssuerOptions configures the issuer. */
export interface TokenIssuerOptions {
  certPem: string;
  keyPem: string;
  issuer: string;
  service: string;
  users: Record<string, string>;
  /** refreshTokens maps an identity (refresh) token to the user it stands for. */
  refreshTokens?: Record<string, string>;
  /** accessTokenOnly answers with `access_token` only (ACR style). */
  accessTokenOnly?: boolean;
  expiresIn?: number;
}

/** TokenRequestLog is one request the issuer saw. */
export interface TokenRequestLog {
  method: string;
  account: string | undefined;
  scopes: string[];
  status: number;
}

/** TokenIssuer is a running issuer. */
export interface TokenIssuer {
  realm: string;
  log: TokenRequestLog[];
  /** failNext makes the next n requests answer 500. */
  failNext(n: number): void;
  /** setExpiresIn changes the lifetime (seconds) of tokens issued from now on. */
  setExpiresIn(seconds: number): void;
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

function parseScope(scope: string): { type: string; name: string; actions: string[] } | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last <= first) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope.slice(last + 1).split(','),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const c of req) s += c;
  return s;
}

/** startTokenIssuer listens on 127.0.0.1 with a free port. */
export async function startTokenIssuer(o: TokenIssuerOptions): Promise<TokenIssuer> {
  const key = createPrivateKey(o.keyPem);
  const der = new X509Certificate(o.certPem).raw;
  const log: TokenRequestLog[] = [];
  let failures = 0;
  let lifetime = o.expiresIn ?? 300;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      let account: string | undefined;
      let scopes = url.searchParams.getAll('scope');
      let service = url.searchParams.get('service');
      let ok = true;
      if (req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
        service = form.get('service');
        const user = o.refreshTokens?.[form.get('refresh_token') ?? ''];
        if (form.get('grant_type') !== 'refresh_token' || !user) ok = false;
        account = user;
      } else {
        const auth = req.headers.authorization;
        if (auth?.startsWith('Basic ')) {
          const [u, ...rest] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
          if (u === undefined || o.users[u] !== rest.join(':')) ok = false;
          account = u;
        }
      }
      const reply = (status: number, body: unknown): void => {
        log.push({ method: req.method ?? '', account, scopes, status });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (failures > 0) {
        failures--;
        reply(500, { error: 'boom' });
        return;
      }
      if (!ok) {
        reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] });
        return;
      }
      const access = [];
      for (const s of scopes) {
        const p = parseScope(s);
        if (p?.type !== 'repository') continue;
        const actions = account
          ? p.actions
          : p.actions.filter((a) => a === 'pull' && p.name.startsWith('public/'));
        if (actions.length) access.push({ type: p.type, name: p.name, actions });
      }
      const now = Math.floor(Date.now() / 1000);
      const expiresIn = lifetime;
      const header = b64url(
        JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der.toString('base64')] }),
      );
      const claims = b64url(
        JSON.stringify({
          iss: o.issuer,
          sub: account ?? '',
          aud: service ?? o.service,
          exp: now + expiresIn,
          nbf: now - 5,
          iat: now,
          jti: randomUUID(),
          access,
        }),
      );
      const sig = b64url(sign('sha256', Buffer.from(`${header}.${claims}`), key));
      const token = `${header}.${claims}.${sig}`;
      const issuedAt = new Date().toISOString();
      reply(
        200,
        o.accessTokenOnly
          ? { access_token: token, expires_in: expiresIn }
          : { token, access_token: token, expires_in: expiresIn, issued_at: issuedAt },
      );
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    log,
    failNext: (n) => {
      failures = n;
    },
    setExpiresIn: (seconds) => {
      lifetime = seconds;
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
