// The CLI's side of the daemon's JSON API (`/api/v1/objects…`): types and a small fetch client.

/** IMAGE_KINDS are the kinds the image commands address. */
export const IMAGE_KINDS = ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'] as const;

/** ImageKind is one of IMAGE_KINDS. */
export type ImageKind = (typeof IMAGE_KINDS)[number];

/** DEFAULT_SERVER is where `tagpilot run` listens unless told otherwise. */
export const DEFAULT_SERVER = 'http://127.0.0.1:9797';

/** Condition is a metav1.Condition as Flux writes it. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** ImageRef is ImagePolicy `latestRef` / `observedPreviousRef` and an `observedPolicies` entry. */
export interface ImageRef {
  name: string;
  tag: string;
  digest?: string;
}

/** ObjectStatus is the union of the three kinds' Flux status fields. */
export interface ObjectStatus {
  conditions?: Condition[];
  observedGeneration?: number;
  lastHandledReconcileAt?: string;
  lastScanResult?: {
    tagCount: number;
    scanTime?: string;
    latestTags?: string[];
    revision?: string;
  };
  canonicalImageName?: string;
  latestRef?: ImageRef;
  observedPreviousRef?: ImageRef;
  lastAutomationRunTime?: string;
  lastPushCommit?: string;
  lastPushTime?: string;
  observedPolicies?: Record<string, ImageRef>;
  observedSourceRevision?: string;
}

/** DaemonObject is one object as the daemon reports it: manifest fields plus status. */
export interface DaemonObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    generation?: number;
  };
  spec: Record<string, unknown>;
  status?: ObjectStatus;
}

/** DaemonError is a failed call to the daemon; it names the server and what was asked. */
export class DaemonError extends Error {
  override readonly name = 'DaemonError';
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

function objectPath(kind: string, namespace: string, name: string): string {
  return `/api/v1/objects/${encodeURIComponent(kind)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** DaemonClient calls a running `tagpilot run` over HTTP JSON. */
export class DaemonClient {
  readonly server: string;
  constructor(server: string) {
    this.server = server.replace(/\/+$/, '');
  }

  private async call(
    method: string,
    path: string,
    signal?: AbortSignal,
  ): Promise<{ status: number; body: unknown }> {
    let res: Response;
    try {
      res = await fetch(`${this.server}${path}`, {
        method,
        signal: signal ?? null,
        headers: { accept: 'application/json' },
      });
    } catch (err) {
      throw new DaemonError(
        `cannot reach the tagpilot daemon at ${this.server} (start it with \`tagpilot run\`, or pass --server / TAGPILOT_SERVER): ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`,
        undefined,
        { cause: err },
      );
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch (err) {
      throw new DaemonError(
        `${method} ${path}: the daemon answered ${res.status} with a body that is not JSON`,
        res.status,
        { cause: err },
      );
    }
    if (res.status >= 400 && res.status !== 404) {
      const msg = (body as { error?: string } | undefined)?.error ?? text.slice(0, 200);
      throw new DaemonError(`${method} ${path}: ${res.status}: ${msg}`, res.status);
    }
    return { status: res.status, body };
  }

  /** list returns the objects of a kind in a namespace (all namespaces when namespace is undefined). */
  async list(kind: ImageKind, namespace?: string, signal?: AbortSignal): Promise<DaemonObject[]> {
    const q = new URLSearchParams({ kind });
    if (namespace !== undefined) q.set('namespace', namespace);
    const { status, body } = await this.call('GET', `/api/v1/objects?${q}`, signal);
    if (status === 404)
      throw new DaemonError(`GET /api/v1/objects: 404: the daemon has no objects API`, 404);
    return ((body as { items?: DaemonObject[] } | undefined)?.items ?? []) as DaemonObject[];
  }

  /** get returns one object, or undefined when the daemon does not know it. */
  async get(
    kind: ImageKind,
    namespace: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<DaemonObject | undefined> {
    const { status, body } = await this.call('GET', objectPath(kind, namespace, name), signal);
    return status === 404 ? undefined : (body as DaemonObject);
  }

  /** reconcile asks for an immediate reconciliation and returns the request token. */
  async reconcile(
    kind: ImageKind,
    namespace: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const { status, body } = await this.call(
      'POST',
      `${objectPath(kind, namespace, name)}/reconcile`,
      signal,
    );
    if (status === 404) return undefined;
    return (body as { requestedAt: string }).requestedAt;
  }

  /** setSuspended suspends or resumes an object; undefined when it does not exist. */
  async setSuspended(
    kind: ImageKind,
    namespace: string,
    name: string,
    suspend: boolean,
    signal?: AbortSignal,
  ): Promise<DaemonObject | undefined> {
    const verb = suspend ? 'suspend' : 'resume';
    const { status, body } = await this.call(
      'POST',
      `${objectPath(kind, namespace, name)}/${verb}`,
      signal,
    );
    return status === 404 ? undefined : (body as DaemonObject);
  }
}

/** serverAddress picks --server, then $TAGPILOT_SERVER, then DEFAULT_SERVER. */
export function serverAddress(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? (env.TAGPILOT_SERVER || DEFAULT_SERVER);
}

/** readyCondition returns the object's Ready condition, if any. */
export function readyCondition(o: DaemonObject): Condition | undefined {
  return o.status?.conditions?.find((c) => c.type === 'Ready');
}
