// metadata shared by Provider and Alert: name is required, namespace defaults like kubectl's.

import type { FieldReader } from './read-fields.ts';
import type { ObjectMeta } from './types.ts';

/** readObjectMeta validates `metadata` and applies the default namespace. */
export function readObjectMeta(
  r: FieldReader,
  doc: Record<string, unknown>,
  defaultNamespace: string,
): ObjectMeta {
  const m = r.mapping(doc.metadata, 'metadata');
  const name = r.string(m, 'name', 'metadata') ?? '';
  if (name === '') r.issue('metadata.name', '', 'is required');
  const namespace = r.string(m, 'namespace', 'metadata') || defaultNamespace;
  return {
    name,
    namespace,
    labels: r.stringMap(m, 'labels', 'metadata') ?? {},
    annotations: r.stringMap(m, 'annotations', 'metadata') ?? {},
    uid: r.string(m, 'uid', 'metadata') ?? '',
  };
}
