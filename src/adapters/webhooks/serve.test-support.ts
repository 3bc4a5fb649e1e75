// Wraps handleReceiverRequest in a node:http server on 127.0.0.1 (free port), as the daemon will.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type HandlerOptions,
  handleReceiverRequest,
  MAX_BODY_BYTES,
  type ReceiverResponse,
} from './handler.ts';
import { readBodyLimited } from './read-body.ts';
import type { Receiver, SecretLookup } from './receiver.ts';

/** ReceiverServer is a running server and the responses it produced. */
export interface ReceiverServer {
  url: string;
  responses: ReceiverResponse[];
  close(): Promise<void>;
}

/** serveReceivers starts a server answering every request with the handler. */
export async function serveReceivers(
  receivers: readonly Receiver[],
  secrets: SecretLookup,
  opts: HandlerOptions,
): Promise<ReceiverServer> {
  const responses: ReceiverResponse[] = [];
  const server: Server = createServer(async (req, res) => {
    const max = opts.maxBodyBytes ?? MAX_BODY_BYTES;
    const body = await readBodyLimited(req, max);
    const tooLarge = body === 'too_large';
    const out = await handleReceiverRequest(
      {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: tooLarge ? Buffer.alloc(0) : body,
        tooLarge,
      },
      receivers,
      secrets,
      opts,
    );
    responses.push(out);
    res.writeHead(out.status, {
      'content-type': 'application/json',
      ...(tooLarge ? { connection: 'close' } : {}),
    });
    res.end(out.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    responses,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
