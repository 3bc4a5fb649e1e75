// The standalone daemon: manifests from a directory or git URL, state in SQLite, the engine on a
// work queue, and an HTTP server for metrics, health, the CLI's API and webhook receivers.
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { RegistryPool } from '../../adapters/registry/pool.ts';
import { SqliteObjectStateStore } from '../../adapters/store/object-state-sqlite.ts';
import { SqliteTagStore } from '../../adapters/store/sqlite.ts';
import { DaemonAlerts } from './alerts.ts';
import { handleApi } from './api.ts';
import { Engine } from './engine.ts';
import { GitAutomation } from './git-automation.ts';
import type { Logger } from './logger.ts';
import { DaemonMetrics } from './metrics.ts';
import type { ObjectSet } from './object-set.ts';
import { ManifestSource, redactUrl } from './source.ts';

/** DaemonOptions configures `tagpilot run`. */
export interface DaemonOptions {
  readonly source: string;
  readonly secretsDir?: string;
  readonly secretsYaml?: string;
  readonly allowRepoSecrets: boolean;
  readonly stateDir: string;
  /** listen is host:port; port 0 picks a free port. */
  readonly listen: string;
  readonly concurrency: number;
  readonly noCrossNamespaceRefs: boolean;
  readonly sourcePollMs: number;
  readonly log: Logger;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** webhooks handles `/hook/…` requests; undefined serves 404 there. */
  readonly webhooks?: WebhookHandler;
}

/** WebhookHandler answers one receiver request and says which repositories to scan. */
export type WebhookHandler = (
  req: { method: string; path: string; headers: IncomingMessage['headers']; body: Buffer },
  set: ObjectSet,
) => Promise<{
  status: number;
  body: string;
  outcome: string;
  reason?: string;
  triggered: { kind: string; namespace: string; name: string }[];
}>;

const maxBody = 1 << 20;

/** Daemon runs until stopped. */
export class Daemon {
  readonly #opts: DaemonOptions;
  readonly #state: SqliteObjectStateStore;
  readonly #tags: SqliteTagStore;
  readonly #pool: RegistryPool;
  readonly #source: ManifestSource;
  readonly #metrics: DaemonMetrics;
  readonly #alerts: DaemonAlerts;
  readonly engine: Engine;
  #server: Server | undefined;
  #ready = false;

  constructor(opts: DaemonOptions) {
    this.#opts = opts;
    mkdirSync(opts.stateDir, { recursive: true, mode: 0o700 });
    this.#state = new SqliteObjectStateStore(join(opts.stateDir, 'state.db'));
    this.#tags = new SqliteTagStore(join(opts.stateDir, 'tags.db'));
    this.#pool = new RegistryPool({ env: opts.env });
    this.#alerts = new DaemonAlerts(opts.stateDir, opts.log);
    this.#metrics = new DaemonMetrics({
      hosts: () => this.#pool.counters(),
      tagCounts: () =>
        this.#tags.repositories().map((r) => ({ ...r, count: this.#tags.tagCount(r) })),
    });
    this.#source = new ManifestSource({
      source: opts.source,
      ...(opts.secretsDir ? { secretsDir: opts.secretsDir } : {}),
      ...(opts.secretsYaml ? { secretsYaml: opts.secretsYaml } : {}),
      allowRepoSecrets: opts.allowRepoSecrets,
      stateDir: opts.stateDir,
      pollMs: opts.sourcePollMs,
      log: opts.log,
    });
    this.engine = new Engine(
      {
        state: this.#state,
        tags: this.#tags,
        registry: this.#pool,
        automation: new GitAutomation(join(opts.stateDir, 'git'), opts.log, (ref, retries) =>
          this.#metrics.pushed(ref, retries),
        ),
        clock: { now: () => new Date() },
        log: opts.log,
        onReconciled: (r) => {
          this.#metrics.observeReconcile(r.ref, r.seconds);
          this.#alerts.report({
            ref: r.ref,
            before: r.before,
            after: r.after,
            ...(r.result.push ? { push: r.result.push } : {}),
            ...(r.result.syncNeeded !== undefined ? { syncNeeded: r.result.syncNeeded } : {}),
          });
        },
      },
      { concurrency: opts.concurrency, noCrossNamespaceRefs: opts.noCrossNamespaceRefs },
    );
  }

  /** address is the HTTP server's bound address (after start). */
  get address(): string {
    const a = this.#server?.address() as AddressInfo | null | undefined;
    return a ? `${a.address}:${a.port}` : '';
  }

  /** start loads the source, starts reconciling and serving; watch keeps following the source. */
  async start(opts: { watch: boolean; serve: boolean }): Promise<void> {
    await this.reload();
    if (opts.watch) this.#source.watch(() => void this.reload());
    if (opts.serve) await this.#listen();
    this.#ready = true;
  }

  /** reload re-reads the source and hands the new objects to the engine. */
  async reload(): Promise<void> {
    try {
      const set = await this.#source.load();
      for (const d of set.diagnostics) {
        (d.severity === 'error' ? this.#opts.log.error : this.#opts.log.warn)(
          {
            file: d.file,
            ...(d.line ? { line: d.line } : {}),
            ...(d.kind ? { kind: d.kind } : {}),
            ...(d.object ? { object: d.object } : {}),
            ...(d.path ? { field: d.path } : {}),
          },
          d.message,
        );
      }
      this.#alerts.update(set);
      this.engine.update(set);
      this.#opts.log.info(
        {
          source: redactUrl(this.#opts.source),
          repositories: set.repositories.size,
          policies: set.policies.size,
          automations: set.automations.size,
          invalid: set.invalid.size,
        },
        'loaded manifests',
      );
    } catch (err) {
      this.#opts.log.error(
        { source: redactUrl(this.#opts.source), err: (err as Error).message },
        'cannot load source',
      );
    }
  }

  /** stop stops taking work, lets running reconciles finish, and closes everything. */
  async stop(): Promise<void> {
    this.#ready = false;
    this.#source.close();
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    );
    this.#server?.closeAllConnections();
    await this.engine.stop();
    await this.#alerts.close();
    await this.#pool.close();
    this.#state.close();
    this.#tags.close();
  }

  async #listen(): Promise<void> {
    const [host = '127.0.0.1', port = '9797'] = this.#opts.listen.split(/:(?=\d+$)/);
    this.#server = createServer((req, res) => {
      this.#serve(req, res).catch((err: unknown) => {
        this.#opts.log.error({ path: req.url, err: (err as Error).message }, 'http handler failed');
        if (!res.headersSent) res.writeHead(500).end('internal error\n');
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.#server?.once('error', reject);
      this.#server?.listen(Number(port), host, () => resolve());
    });
    this.#opts.log.info({ address: this.address }, 'serving metrics, health, API and webhooks');
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz') return void res.writeHead(200).end('ok\n');
    if (path === '/readyz')
      return void res.writeHead(this.#ready ? 200 : 503).end(this.#ready ? 'ok\n' : 'starting\n');
    if (path === '/metrics') {
      const text = await this.#metrics.registry.metrics();
      res.writeHead(200, { 'content-type': this.#metrics.registry.contentType }).end(text);
      return;
    }
    if (path.startsWith('/hook/')) return this.#hook(req, res, path);
    const set = this.engine.objects;
    if (set && handleApi(this.engine, set.raw, req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }

  async #hook(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const set = this.engine.objects;
    if (!this.#opts.webhooks || !set) {
      this.#metrics.webhook('not-found');
      return void res.writeHead(404).end('not found\n');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > maxBody) {
        this.#metrics.webhook('too-large');
        return void res.writeHead(413).end('request body too large\n');
      }
      chunks.push(c as Buffer);
    }
    const answer = await this.#opts.webhooks(
      { method: req.method ?? 'GET', path, headers: req.headers, body: Buffer.concat(chunks) },
      set,
    );
    this.#metrics.webhook(answer.outcome);
    const n = this.engine.trigger(answer.triggered);
    this.#opts.log.info(
      {
        outcome: answer.outcome,
        triggered: n,
        ...(answer.reason ? { reason: answer.reason } : {}),
      },
      'webhook request',
    );
    res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
  }
}
