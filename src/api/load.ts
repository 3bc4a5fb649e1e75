// Loads Flux manifests from YAML text into the internal model, reporting every problem with its
// file, document, object, field and value. One bad document never stops the others.
import { type Diagnostic, maskUserinfo, quoteValue } from './diagnostic.ts';
import { getObj, getStr, getStrMap, IssueSink } from './fields.ts';
import { gitRepositorySpec, gitRepositorySpecSchemas } from './git-repository.ts';
import { imagePolicySpec, imagePolicySpecSchemas } from './image-policy.ts';
import { imageRepositorySpec, imageRepositorySpecSchemas } from './image-repository.ts';
import {
  imageUpdateAutomationSpec,
  imageUpdateAutomationSpecSchemas,
} from './image-update-automation.ts';
import { checkNames, fullMetadataSchema, withMetadata } from './metadata.ts';
import type { ManifestObject, ObjectBase, ObjectMeta } from './model.ts';
import { dotted, type Issue, isRecord, obj, type Schema, str, validate } from './schema.ts';
import { secretParts, secretSchema } from './secret.ts';
import { classify, type KnownKind } from './versions.ts';
import { type Position, parseYamlDocuments, type YamlDocument } from './yaml-documents.ts';

/** LoadOptions tunes loading. */
export interface LoadOptions {
  /** defaultNamespace is used for objects without metadata.namespace (default `default`). */
  readonly defaultNamespace?: string;
}

/** ObjectKey identifies an object of a kind. */
export interface ObjectKey {
  readonly kind: KnownKind;
  readonly namespace: string;
  readonly name: string;
}

/** LoadResult is what one file held: usable objects, identities of invalid ones, problems. */
export interface LoadResult {
  readonly objects: ManifestObject[];
  /** invalid lists objects that were recognised but had errors (so references still resolve). */
  readonly invalid: (ObjectKey & { readonly origin: ObjectBase['origin'] })[];
  readonly diagnostics: Diagnostic[];
}

/** SpecKind is a kind with a spec (Secret and Namespace have none). */
type SpecKind = Exclude<KnownKind, 'Secret' | 'Namespace'>;

const SPEC_SCHEMAS: Record<SpecKind, Readonly<Record<string, Schema>>> = {
  ImageRepository: imageRepositorySpecSchemas,
  ImagePolicy: imagePolicySpecSchemas,
  ImageUpdateAutomation: imageUpdateAutomationSpecSchemas,
  GitRepository: gitRepositorySpecSchemas,
};

/** loadManifests reads every document of one file. */
export function loadManifests(text: string, file: string, opts: LoadOptions = {}): LoadResult {
  const parsed = parseYamlDocuments(text, file);
  const result: LoadResult = {
    objects: [],
    invalid: [],
    diagnostics: templateNoise(text, file, parsed.diagnostics),
  };
  for (const doc of parsed.documents) loadDocument(doc, file, opts, result);
  return result;
}

function loadDocument(doc: YamlDocument, file: string, opts: LoadOptions, out: LoadResult): void {
  const raw = doc.value;
  if (!isRecord(raw)) return; // empty documents, lists and scalars are not Kubernetes objects
  const apiVersion = raw.apiVersion;
  const kind = raw.kind;
  const at = (path: readonly (string | number)[]) => doc.locate(path) ?? doc.start;
  const base = { file, document: doc.index };
  if (apiVersion === undefined && kind === undefined) return; // e.g. Helm values, kustomize bits
  if (isList(apiVersion, kind) && Array.isArray(raw.items)) {
    // `kubectl get … -o yaml` output: each item is an object of its own.
    raw.items.forEach((item, i) => {
      const locate = (path: readonly (string | number)[]) => doc.locate(['items', i, ...path]);
      loadDocument(
        { index: doc.index, value: item, start: at(['items', i]), locate },
        file,
        opts,
        out,
      );
    });
    return;
  }
  if (
    typeof apiVersion !== 'string' ||
    typeof kind !== 'string' ||
    apiVersion === '' ||
    kind === ''
  ) {
    const missing = typeof apiVersion !== 'string' || apiVersion === '' ? 'apiVersion' : 'kind';
    const p = at([missing]);
    out.diagnostics.push({
      ...base,
      severity: 'error',
      line: p.line,
      column: p.column,
      path: missing,
      ...(raw[missing] === undefined ? {} : { value: quoteValue(raw[missing]) }),
      message: `must be a non-empty string; every Kubernetes object needs apiVersion and kind`,
    });
    return;
  }
  const verdict = classify(apiVersion, kind);
  if (!verdict.use) {
    if (verdict.reason !== undefined) {
      const p = at(['apiVersion']);
      out.diagnostics.push({
        ...base,
        severity: 'error',
        line: p.line,
        column: p.column,
        kind,
        message: verdict.reason,
      });
    }
    return;
  }
  const k = verdict.kind as KnownKind;
  const meta = getObj(raw, 'metadata');
  const namespace =
    k === 'Namespace' ? '' : getStr(meta, 'namespace') || opts.defaultNamespace || 'default';
  const name = getStr(meta, 'name') ?? '';
  const shownName = name === '' ? '<unnamed>' : name;
  const objectName = k === 'Namespace' ? shownName : `${namespace}/${shownName}`;
  const sink = new IssueSink();
  if (verdict.note) sink.add(verdict.note.severity, ['apiVersion'], verdict.note.message);
  const topSchema: Schema =
    k === 'Secret'
      ? withMetadata(secretSchema)
      : k === 'Namespace'
        ? withMetadata(namespaceSchema)
        : obj({
            apiVersion: str(),
            kind: str(),
            'metadata!': fullMetadataSchema,
            'spec!': specSchema(k, verdict.version),
            status: { type: 'any' },
          });
  const newerSpec =
    k === 'Secret' || k === 'Namespace' || verdict.version === 'v1'
      ? undefined
      : SPEC_SCHEMAS[k].v1;
  const newer =
    newerSpec === undefined
      ? {}
      : {
          newer: {
            schema: obj({ spec: newerSpec }),
            label: `${apiVersion.slice(0, apiVersion.lastIndexOf('/') + 1)}v1`,
          },
        };
  sink.issues.push(...validate(raw, topSchema, newer));
  checkNames(meta, name, sink);
  const spec = getObj(raw, 'spec') ?? {};
  const metadata: ObjectMeta = {
    name,
    namespace,
    labels: getStrMap(meta, 'labels'),
    annotations: getStrMap(meta, 'annotations'),
  };
  const origin = { file, document: doc.index, line: doc.start.line };
  const common = { apiVersion, metadata, origin };
  let model: ManifestObject | undefined;
  switch (k) {
    case 'ImageRepository': {
      const s = imageRepositorySpec(spec, sink);
      if (s) model = { kind: k, ...common, spec: s };
      break;
    }
    case 'ImagePolicy': {
      const s = imagePolicySpec(spec, namespace, sink);
      if (s) model = { kind: k, ...common, spec: s };
      break;
    }
    case 'ImageUpdateAutomation': {
      const s = imageUpdateAutomationSpec(spec, namespace, sink);
      if (s) model = { kind: k, ...common, spec: s };
      break;
    }
    case 'GitRepository': {
      const s = gitRepositorySpec(spec, sink);
      if (s) model = { kind: k, ...common, spec: s };
      break;
    }
    case 'Secret':
      model = { kind: k, ...common, ...secretParts(raw) };
      break;
    case 'Namespace':
      model = { kind: k, ...common };
      break;
  }
  const located = dedupe(sink.issues).map((i) => ({ i, p: at(i.path) }));
  located.sort((a, b) => a.p.line - b.p.line || a.p.column - b.p.column);
  for (const { i, p } of located) {
    out.diagnostics.push({
      ...base,
      severity: i.severity,
      line: p.line,
      column: p.column,
      kind,
      object: objectName,
      path: dotted(i.path),
      // Secret values never appear in messages.
      ...(i.hasValue && k !== 'Secret' ? { value: quoteValue(i.value) } : {}),
      message: maskUserinfo(i.message),
    });
  }
  if (model && !sink.hasErrors() && name !== '') {
    locators.set(model, doc.locate);
    out.objects.push(model);
  } else if (name !== '') out.invalid.push({ kind: k, namespace, name, origin });
}

// templateNoise turns the syntax errors of a Helm/Go template (a chart's templates/*.yaml met
// while walking a repository) into one warning: it is not a manifest until rendered. Files that
// mention a Flux API group keep their errors.
function templateNoise(text: string, file: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const syntax = diagnostics.filter(
    (d) => d.severity === 'error' && d.message.startsWith('invalid YAML'),
  );
  if (syntax.length === 0 || !text.includes('{{') || text.includes('toolkit.fluxcd.io'))
    return diagnostics;
  const first = syntax[0];
  return [
    ...diagnostics.filter((d) => !syntax.includes(d)),
    {
      severity: 'warning',
      file,
      document: first?.document ?? 0,
      ...(first?.line === undefined ? {} : { line: first.line, column: first.column ?? 1 }),
      message:
        'not valid YAML and contains {{ }}: looks like a template, skipped (check the rendered output instead)',
    },
  ];
}

// locators remember where each loaded object came from, for diagnostics found later.
const locators = new WeakMap<object, YamlDocument['locate']>();

/** fieldPosition returns where a dotted field path (e.g. `spec.sourceRef`) of a loaded object is written. */
export function fieldPosition(o: ManifestObject, path: string): Position | undefined {
  return locators.get(o)?.(path.split('.'));
}

const namespaceSchema: Schema = obj({
  apiVersion: str(),
  kind: str(),
  spec: { type: 'any' },
  status: { type: 'any' },
});

// isList recognises `v1 List` and typed lists such as `image.toolkit.fluxcd.io/v1 ImagePolicyList`.
function isList(apiVersion: unknown, kind: unknown): boolean {
  return typeof kind === 'string' && kind.endsWith('List') && typeof apiVersion === 'string';
}

function specSchema(kind: SpecKind, version: string): Schema {
  return SPEC_SCHEMAS[kind][version] ?? SPEC_SCHEMAS[kind].v1 ?? { type: 'any' };
}

// dedupe drops a schema "is required" when a more specific problem names the same field.
function dedupe(issues: readonly Issue[]): Issue[] {
  const key = (i: Issue) => dotted(i.path);
  return issues.filter(
    (i) =>
      !(
        i.message === 'is required' &&
        issues.some((j) => j !== i && key(j) === key(i) && j.severity === 'error')
      ),
  );
}
