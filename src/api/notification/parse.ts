// Reads Provider and Alert objects out of multi-document YAML. Other kinds (ImagePolicy,
// Kustomization, ...) are skipped silently; every bad document yields an error and the rest
// of the file still loads.
import { parseAllDocuments } from 'yaml';
import { validateAlert } from './alert.ts';
import { NotificationSpecError, quote } from './errors.ts';
import { validateProvider } from './provider.ts';
import { type Alert, notificationGroup, notificationVersions, type Provider } from './types.ts';

/** NotificationObjects is what one or more files contributed. */
export interface NotificationObjects {
  providers: Provider[];
  alerts: Alert[];
  /** errors are objects that were rejected. */
  errors: NotificationSpecError[];
  /** warnings are objects that loaded but carry a problem (e.g. a regex that never matches). */
  warnings: NotificationSpecError[];
}

/** ParseOptions tunes parsing. */
export interface ParseOptions {
  /** defaultNamespace fills a missing metadata.namespace (kubectl's `default` unless told). */
  defaultNamespace?: string;
}

/** parseNotificationYAML returns the Providers and Alerts of one YAML file's documents. */
export function parseNotificationYAML(
  text: string,
  file: string,
  options: ParseOptions = {},
): NotificationObjects {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const out: NotificationObjects = { providers: [], alerts: [], errors: [], warnings: [] };
  const docs = parseAllDocuments(text, { version: '1.1' });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, i) => {
    const where = { file, doc: i + 1, kind: 'document', object: '<unparsed>' };
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      out.errors.push(
        new NotificationSpecError(
          where,
          { field: '(yaml)', value: '', problem: first.message.split('\n')[0] ?? first.message },
          {
            cause: first,
          },
        ),
      );
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    addObject(out, value as Record<string, unknown>, { file, doc: i + 1 }, defaultNamespace);
  });
  return out;
}

/** mergeNotificationObjects concatenates results from several files. */
export function mergeNotificationObjects(
  parts: readonly NotificationObjects[],
): NotificationObjects {
  return {
    providers: parts.flatMap((p) => p.providers),
    alerts: parts.flatMap((p) => p.alerts),
    errors: parts.flatMap((p) => p.errors),
    warnings: parts.flatMap((p) => p.warnings),
  };
}

function addObject(
  out: NotificationObjects,
  obj: Record<string, unknown>,
  at: { file: string; doc: number },
  defaultNamespace: string,
): void {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  if (group !== notificationGroup || (kind !== 'Provider' && kind !== 'Alert')) return;
  const where = { ...at, kind, object: objectName(obj, defaultNamespace) };
  if (!(notificationVersions as readonly string[]).includes(version ?? '')) {
    out.errors.push(
      new NotificationSpecError(where, {
        field: 'apiVersion',
        value: quote(apiVersion),
        problem: `unsupported version: tagpilot reads ${notificationVersions.map((v) => `${notificationGroup}/${v}`).join(' and ')}`,
      }),
    );
    return;
  }
  if (version !== 'v1beta3') {
    out.warnings.push(
      new NotificationSpecError(where, {
        field: 'apiVersion',
        value: quote(apiVersion),
        problem: `deprecated: current Flux serves only ${notificationGroup}/v1beta3; tagpilot still reads it`,
      }),
    );
  }
  if (kind === 'Provider') {
    const res = validateProvider(obj, apiVersion, defaultNamespace);
    if (res.ok) out.providers.push(res.provider);
    else for (const issue of res.issues) out.errors.push(new NotificationSpecError(where, issue));
    return;
  }
  const res = validateAlert(obj, apiVersion, defaultNamespace);
  if (!res.ok) {
    for (const issue of res.issues) out.errors.push(new NotificationSpecError(where, issue));
    return;
  }
  out.alerts.push(res.alert);
  for (const issue of res.warnings) out.warnings.push(new NotificationSpecError(where, issue));
}

function objectName(obj: Record<string, unknown>, defaultNamespace: string): string {
  const meta = obj.metadata;
  if (meta === null || typeof meta !== 'object') return '<unnamed>';
  const m = meta as Record<string, unknown>;
  const name = typeof m.name === 'string' && m.name !== '' ? m.name : '<unnamed>';
  const ns = typeof m.namespace === 'string' && m.namespace !== '' ? m.namespace : defaultNamespace;
  return `${ns}/${name}`;
}
