// Reads and validates Flux Receiver manifests. Every bad field is reported with file, document,
// object, field and value; one bad Receiver never stops the others in the same file.
import { parseAllDocuments } from 'yaml';
import { NotificationSpecError, quote, type SpecIssue } from '../../api/notification/errors.ts';
import { readObjectMeta } from '../../api/notification/meta.ts';
import { FieldReader } from '../../api/notification/read-fields.ts';
import {
  RECEIVER_GROUP,
  RECEIVER_TYPES,
  RECEIVER_VERSIONS,
  RESOURCE_KINDS,
  type Receiver,
  type ReceiverResource,
  type ReceiverType,
  TRIGGERABLE_KINDS,
} from './receiver.ts';

/** ReceiverLoad is what parsing produced: valid receivers, rejected ones, and warnings. */
export interface ReceiverLoad {
  receivers: Receiver[];
  errors: NotificationSpecError[];
  warnings: NotificationSpecError[];
}

/** Where locates a document for messages. */
export interface Where {
  file: string;
  doc: number;
}

const FLUX_ONLY_TYPES = ['generic-oidc', 'cdevents'];

function readResource(
  r: FieldReader,
  raw: unknown,
  path: string,
  warn: (i: SpecIssue) => void,
): ReceiverResource | undefined {
  const m = r.mapping(raw, path);
  if (m === undefined) {
    r.issue(path, quote(raw), 'must be a mapping with kind and name');
    return undefined;
  }
  const kind = r.string(m, 'kind', path) ?? '';
  const name = r.string(m, 'name', path) ?? '';
  const namespace = r.string(m, 'namespace', path);
  const apiVersion = r.string(m, 'apiVersion', path);
  const matchLabels = r.stringMap(m, 'matchLabels', path);
  if (kind === '') r.issue(`${path}.kind`, '', 'is required');
  else if (!(RESOURCE_KINDS as readonly string[]).includes(kind)) {
    r.issue(`${path}.kind`, quote(kind), `must be one of ${RESOURCE_KINDS.join(', ')}`);
  } else if (!TRIGGERABLE_KINDS.includes(kind)) {
    warn({
      field: `${path}.kind`,
      value: quote(kind),
      problem: 'is not reconciled by tagpilot; the entry is ignored',
    });
  }
  if (name === '') r.issue(`${path}.name`, '', 'is required');
  r.maxLength(name, 253, `${path}.name`, quote(name));
  if (namespace !== undefined) {
    if (namespace === '') r.issue(`${path}.namespace`, '""', 'must not be empty when set');
    r.maxLength(namespace, 253, `${path}.namespace`, quote(namespace));
  }
  if (name === '*' && matchLabels === undefined) {
    r.issue(
      `${path}.matchLabels`,
      '',
      "is required when name is '*' (use {} to select every object of the kind)",
    );
  }
  if (m.filter !== undefined)
    r.issue(`${path}.filter`, quote(m.filter), 'CEL filters are not supported by tagpilot');
  const out: ReceiverResource = { kind, name };
  if (apiVersion !== undefined) out.apiVersion = apiVersion;
  if (namespace !== undefined && namespace !== '') out.namespace = namespace;
  if (matchLabels !== undefined) out.matchLabels = matchLabels;
  return out;
}

/** validateReceiver checks one Receiver document (already parsed to plain data). */
export function validateReceiver(
  doc: Record<string, unknown>,
  where: Where,
  defaultNamespace: string,
): { receiver?: Receiver; errors: NotificationSpecError[]; warnings: NotificationSpecError[] } {
  const r = new FieldReader();
  const warnIssues: SpecIssue[] = [];
  const meta = readObjectMeta(r, doc, defaultNamespace);
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
  const [group, version] = apiVersion.split('/');
  if (
    group !== RECEIVER_GROUP ||
    !(RECEIVER_VERSIONS as readonly string[]).includes(version ?? '')
  ) {
    r.issue(
      'apiVersion',
      quote(apiVersion),
      `must be ${RECEIVER_VERSIONS.map((v) => `${RECEIVER_GROUP}/${v}`).join(', ')}`,
    );
  }
  const spec = r.mapping(doc.spec, 'spec');
  if (spec === undefined) r.issue('spec', '', 'is required');
  const type = r.string(spec, 'type', 'spec') ?? '';
  if (type === '') r.issue('spec.type', '', 'is required');
  else if (FLUX_ONLY_TYPES.includes(type))
    r.issue('spec.type', quote(type), 'is a Flux receiver type tagpilot does not support');
  else if (!(RECEIVER_TYPES as readonly string[]).includes(type)) {
    r.issue('spec.type', quote(type), `must be one of ${RECEIVER_TYPES.join(', ')}`);
  }
  const secret = r.localRef(spec, 'secretRef', 'spec');
  if (spec !== undefined && spec.secretRef === undefined)
    r.issue('spec.secretRef', '', 'is required (a Secret with a `token` key)');
  const rawResources = spec?.resources;
  const resources: ReceiverResource[] = [];
  if (rawResources === undefined || rawResources === null)
    r.issue('spec.resources', '', 'is required');
  else if (!Array.isArray(rawResources))
    r.issue('spec.resources', quote(rawResources), 'must be a list');
  else {
    rawResources.forEach((item, i) => {
      const res = readResource(r, item, `spec.resources[${i}]`, (w) => warnIssues.push(w));
      if (res) resources.push(res);
    });
    if (rawResources.length === 0)
      warnIssues.push({
        field: 'spec.resources',
        value: '[]',
        problem: 'is empty: requests trigger nothing',
      });
  }
  const events = r.stringList(spec, 'events', 'spec');
  const suspend = r.bool(spec, 'suspend', 'spec') ?? false;
  r.string(spec, 'interval', 'spec');
  if (spec?.resourceFilter !== undefined)
    r.issue(
      'spec.resourceFilter',
      quote(spec.resourceFilter),
      'CEL filters are not supported by tagpilot',
    );
  const object = meta.name === '' ? '<unnamed>' : `${meta.namespace}/${meta.name}`;
  const at = { ...where, kind: 'Receiver', object };
  const errors = r.issues.map((i) => new NotificationSpecError(at, i));
  const warnings = warnIssues.map((i) => new NotificationSpecError(at, i));
  if (errors.length > 0) return { errors, warnings };
  return {
    receiver: {
      name: meta.name,
      namespace: meta.namespace,
      type: type as ReceiverType,
      secretName: (secret as { name: string }).name,
      resources,
      events,
      suspend,
    },
    errors,
    warnings,
  };
}

/** parseReceiverYAML returns the Receivers among a file's documents; other kinds are skipped. */
export function parseReceiverYAML(
  text: string,
  file: string,
  defaultNamespace = 'default',
): ReceiverLoad {
  const out: ReceiverLoad = { receivers: [], errors: [], warnings: [] };
  parseAllDocuments(text, { version: '1.1' }).forEach((doc, i) => {
    const where = { file, doc: i + 1 };
    if (doc.errors.length > 0) {
      const first = doc.errors[0] as Error;
      out.errors.push(
        new NotificationSpecError(
          { ...where, kind: 'document', object: '<unparsed>' },
          { field: '(yaml)', value: '', problem: first.message.split('\n')[0] ?? first.message },
          { cause: first },
        ),
      );
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const obj = value as Record<string, unknown>;
    if (obj.kind !== 'Receiver') return;
    const res = validateReceiver(obj, where, defaultNamespace);
    if (res.receiver) out.receivers.push(res.receiver);
    out.errors.push(...res.errors);
    out.warnings.push(...res.warnings);
  });
  return out;
}
