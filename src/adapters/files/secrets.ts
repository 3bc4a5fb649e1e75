// Reads Kubernetes Secret manifests with their values, for the daemon only (`--secrets-dir`).
// Values never leave this module except as SecretData handed to the adapters that need them;
// problems name the file, document, secret and key, never a value.
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../../api/diagnostic.ts';
import type { SecretData } from '../../reconcile/ports.ts';
import type { ManifestFile } from './manifests.ts';

/** SecretsRead maps `namespace/name` to decoded secret data, plus problems. */
export interface SecretsRead {
  readonly secrets: Map<string, SecretData>;
  readonly problems: Diagnostic[];
}

const base64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

/** readSecrets parses every `kind: Secret` document of the files (other kinds are ignored). */
export function readSecrets(
  files: readonly ManifestFile[],
  defaultNamespace = 'default',
): SecretsRead {
  const out: SecretsRead = { secrets: new Map(), problems: [] };
  for (const file of files) {
    const docs = parseAllDocuments(file.text);
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, i) => {
      const problem = (message: string, object?: string) =>
        out.problems.push({
          severity: 'error',
          file: file.path,
          document: i + 1,
          kind: 'Secret',
          ...(object ? { object } : {}),
          message,
        });
      if (doc.errors.length > 0) {
        problem(`not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
        return;
      }
      const raw = doc.toJS() as Record<string, unknown> | null;
      if (raw?.kind !== 'Secret') return;
      const meta = (raw.metadata ?? {}) as Record<string, unknown>;
      const name = typeof meta.name === 'string' ? meta.name : '';
      const namespace = typeof meta.namespace === 'string' ? meta.namespace : defaultNamespace;
      const id = `${namespace}/${name}`;
      if (name === '') {
        problem('metadata.name is required');
        return;
      }
      const data: Record<string, string> = {};
      for (const [key, value] of Object.entries((raw.data ?? {}) as Record<string, unknown>)) {
        if (typeof value !== 'string' || !base64.test(value)) {
          problem(`data.${key} is not base64 (put plain text under stringData)`, id);
          continue;
        }
        data[key] = Buffer.from(value, 'base64').toString('utf8');
      }
      for (const [key, value] of Object.entries(
        (raw.stringData ?? {}) as Record<string, unknown>,
      )) {
        if (typeof value !== 'string') {
          problem(`stringData.${key} must be a string`, id);
          continue;
        }
        data[key] = value;
      }
      out.secrets.set(id, {
        name: id,
        type: typeof raw.type === 'string' ? raw.type : 'Opaque',
        data,
      });
    });
  }
  return out;
}
