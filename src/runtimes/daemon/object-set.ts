// The desired state the daemon reconciles: every object read from the source, indexed by kind and
// `namespace/name`, plus the objects that failed validation (shown Stalled, never reconciled).

import { parseAllDocuments } from 'yaml';
import type { ManifestFile } from '../../adapters/files/manifests.ts';
import type { Receiver } from '../../adapters/webhooks/receiver.ts';
import { type Diagnostic, formatDiagnostic } from '../../api/diagnostic.ts';
import { loadManifests } from '../../api/load.ts';
import type {
  GitRepository,
  ImagePolicy,
  ImageRepository,
  ImageUpdateAutomation,
} from '../../api/model.ts';
import { loadNotifications } from '../../api/notification/diagnostics.ts';
import type { Alert, Provider } from '../../api/notification/types.ts';
import type { SecretData } from '../../reconcile/ports.ts';

/** ReconciledKind is a kind the daemon reconciles. */
export type ReconciledKind = 'ImageRepository' | 'ImagePolicy' | 'ImageUpdateAutomation';

/** InvalidObject is an object the source declares but that failed validation. */
export interface InvalidObject {
  readonly kind: ReconciledKind;
  readonly namespace: string;
  readonly name: string;
  readonly message: string;
}

/** ObjectSet is everything the daemon knows from its source and secrets. */
export interface ObjectSet {
  readonly repositories: Map<string, ImageRepository>;
  readonly policies: Map<string, ImagePolicy>;
  readonly automations: Map<string, ImageUpdateAutomation>;
  readonly gitRepositories: Map<string, GitRepository>;
  readonly secrets: Map<string, SecretData>;
  readonly invalid: Map<string, InvalidObject>;
  /** invalidSources maps `namespace/name` of GitRepositories that failed validation to why. */
  readonly invalidSources: Map<string, string>;
  /** receivers are the Flux Receivers (webhooks) declared in the source. */
  readonly receivers: Receiver[];
  /** providers and alerts are the notification Providers and Alerts declared in the source. */
  readonly providers: Provider[];
  readonly alerts: Alert[];
  /** raw holds each reconciled object's manifest as written, keyed `Kind/namespace/name` (for export). */
  readonly raw: Map<string, Record<string, unknown>>;
  readonly diagnostics: Diagnostic[];
}

/** nsName renders `namespace/name`. */
export const nsName = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;

const reconciled = new Set<string>(['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation']);

/** buildObjectSet loads every file; one broken file or object never hides the others. */
export function buildObjectSet(
  files: readonly ManifestFile[],
  secrets: Map<string, SecretData>,
): ObjectSet {
  const set: ObjectSet = {
    repositories: new Map(),
    policies: new Map(),
    automations: new Map(),
    gitRepositories: new Map(),
    secrets,
    invalid: new Map(),
    invalidSources: new Map(),
    receivers: [],
    providers: [],
    alerts: [],
    raw: new Map(),
    diagnostics: [],
  };
  for (const file of files) {
    const loaded = loadManifests(file.text, file.path);
    set.diagnostics.push(...loaded.diagnostics);
    const notifications = loadNotifications(file.text, file.path);
    set.providers.push(...notifications.providers);
    set.alerts.push(...notifications.alerts);
    set.receivers.push(...notifications.receivers);
    set.diagnostics.push(...notifications.diagnostics);
    const docs = rawDocuments(file.text);
    const keep = (kind: string, namespace: string, name: string, document: number) => {
      const doc = docs[document - 1];
      if (doc) set.raw.set(`${kind}/${namespace}/${name}`, doc);
    };
    for (const o of loaded.objects) {
      const key = nsName(o.metadata);
      if (o.kind === 'ImageRepository') set.repositories.set(key, o);
      else if (o.kind === 'ImagePolicy') set.policies.set(key, o);
      else if (o.kind === 'ImageUpdateAutomation') set.automations.set(key, o);
      else if (o.kind === 'GitRepository') set.gitRepositories.set(key, o);
      if (reconciled.has(o.kind))
        keep(o.kind, o.metadata.namespace, o.metadata.name, o.origin.document);
    }
    for (const bad of loaded.invalid) {
      const errors = loaded.diagnostics.filter(
        (d) => d.severity === 'error' && d.kind === bad.kind && d.object === nsName(bad),
      );
      if (bad.kind === 'GitRepository') {
        set.invalidSources.set(
          nsName(bad),
          errors.map(formatDiagnostic).join('; ') || 'invalid manifest',
        );
      }
      if (!reconciled.has(bad.kind)) continue;
      keep(bad.kind, bad.namespace, bad.name, bad.origin.document);
      set.invalid.set(`${bad.kind}/${nsName(bad)}`, {
        kind: bad.kind as ReconciledKind,
        namespace: bad.namespace,
        name: bad.name,
        message: errors.map(formatDiagnostic).join('; ') || 'invalid manifest',
      });
    }
  }
  return set;
}

function rawDocuments(text: string): (Record<string, unknown> | undefined)[] {
  return parseAllDocuments(text, { version: '1.1', logLevel: 'silent' }).map((d) => {
    if (d.errors.length > 0) return undefined;
    const v = d.toJS() as unknown;
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  });
}
