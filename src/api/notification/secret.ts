// core/v1 Secrets as daemon mode finds them next to Providers: `data` (base64) and `stringData`
// (which wins, like the apiserver merge). Values are never echoed in errors.
import { parseAllDocuments } from 'yaml';
import { NotificationSpecError } from './errors.ts';

/** SecretData maps `namespace/name` to decoded key/value data. */
export type SecretData = Map<string, Record<string, string>>;

/** parseSecretsYAML returns the Secrets of one file; bad ones become errors naming the key. */
export function parseSecretsYAML(
  text: string,
  file: string,
  defaultNamespace = 'default',
): { secrets: SecretData; errors: NotificationSpecError[] } {
  const secrets: SecretData = new Map();
  const errors: NotificationSpecError[] = [];
  parseAllDocuments(text, { version: '1.1' }).forEach((doc, i) => {
    if (doc.errors.length > 0) return; // reported by parseNotificationYAML for the same file
    const obj: unknown = doc.toJS();
    if (obj === null || typeof obj !== 'object') return;
    const o = obj as Record<string, unknown>;
    if (o.apiVersion !== 'v1' || o.kind !== 'Secret') return;
    const meta = (o.metadata ?? {}) as Record<string, unknown>;
    const name = typeof meta.name === 'string' ? meta.name : '';
    const ns =
      typeof meta.namespace === 'string' && meta.namespace !== ''
        ? meta.namespace
        : defaultNamespace;
    const where = { file, doc: i + 1, kind: 'Secret', object: `${ns}/${name || '<unnamed>'}` };
    const data: Record<string, string> = {};
    for (const [field, decode] of [
      ['data', (v: string) => Buffer.from(v, 'base64').toString('utf8')],
      ['stringData', (v: string) => v],
    ] as const) {
      const m = o[field];
      if (m === undefined || m === null) continue;
      if (typeof m !== 'object' || Array.isArray(m)) {
        errors.push(
          new NotificationSpecError(where, { field, value: '', problem: 'must be a mapping' }),
        );
        continue;
      }
      for (const [k, v] of Object.entries(m)) {
        if (typeof v !== 'string') {
          errors.push(
            new NotificationSpecError(where, {
              field: `${field}.${k}`,
              value: '',
              problem: 'must be a string (value not shown)',
            }),
          );
        } else data[k] = decode(v);
      }
    }
    if (name === '')
      errors.push(
        new NotificationSpecError(where, {
          field: 'metadata.name',
          value: '',
          problem: 'is required',
        }),
      );
    else secrets.set(`${ns}/${name}`, data);
  });
  return { secrets, errors };
}
