// Object metadata: the schema tagpilot checks and Kubernetes' naming rules.
import { compileGoRegex } from '../core/filter/regex.ts';
import { getStr, type IssueSink, type Raw } from './fields.ts';
import { obj, type Schema, str, stringMap } from './schema.ts';

const DNS_SUBDOMAIN = compileGoRegex(
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
);
const DNS_LABEL = compileGoRegex('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$');

const metadataSchema = obj({
  name: str(),
  namespace: str(),
  labels: stringMap,
  annotations: stringMap,
});
// Server-set metadata that exported manifests often carry; accepted without comment.
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'finalizers',
  'ownerReferences',
  'managedFields',
  'generateName',
  'selfLink',
];
/** fullMetadataSchema accepts what users write plus server-set fields of exported objects. */
export const fullMetadataSchema: Schema = {
  type: 'object',
  fields: {
    ...metadataSchema.fields,
    ...Object.fromEntries(SERVER_METADATA.map((k) => [k, { schema: { type: 'any' } as Schema }])),
  },
};

/** withMetadata adds the metadata schema to a kind without spec (Secret). */
export function withMetadata(schema: Schema): Schema {
  if (schema.type !== 'object') return schema;
  return {
    type: 'object',
    fields: { ...schema.fields, metadata: { schema: fullMetadataSchema, required: true } },
  };
}

/** checkNames reports a missing or malformed metadata.name and a malformed namespace. */
export function checkNames(meta: Raw | undefined, name: string, sink: IssueSink): void {
  if (meta !== undefined && (meta.name === undefined || meta.name === null)) {
    sink.add('error', ['metadata', 'name'], 'is required');
  } else if (name !== '' && (name.length > 253 || !DNS_SUBDOMAIN.test(name))) {
    sink.add(
      'error',
      ['metadata', 'name'],
      'must be a lowercase RFC 1123 subdomain (a-z, 0-9, "-", "."; at most 253 characters)',
      name,
    );
  }
  const ns = getStr(meta, 'namespace');
  if (ns !== undefined && ns !== '' && (ns.length > 63 || !DNS_LABEL.test(ns))) {
    sink.add(
      'error',
      ['metadata', 'namespace'],
      'must be a lowercase RFC 1123 label (a-z, 0-9, "-"; at most 63 characters)',
      ns,
    );
  }
}
