// Alert validation: Flux's CRD schema rules for v1beta3 and v1beta2, applied to a parsed document.
// Regexes in inclusionList/exclusionList are checked here with Go syntax; like Flux, a bad one
// is reported but does not reject the Alert (it simply never matches).
import { compileGoRegex } from '../../core/filter/regex.ts';
import { quote, type SpecIssue } from './errors.ts';
import { readObjectMeta } from './meta.ts';
import { FieldReader } from './read-fields.ts';
import { type Alert, type EventSource, eventSourceKinds } from './types.ts';

/** AlertResult is a validated Alert (with non-fatal warnings) or the issues that rejected it. */
export type AlertResult =
  | { ok: true; alert: Alert; name: string; warnings: SpecIssue[] }
  | { ok: false; issues: SpecIssue[]; name: string };

/** validateAlert checks one Alert document (already known to be kind Alert). */
export function validateAlert(
  doc: Record<string, unknown>,
  apiVersion: string,
  defaultNamespace: string,
): AlertResult {
  const r = new FieldReader();
  const metadata = readObjectMeta(r, doc, defaultNamespace);
  const name = `${metadata.namespace}/${metadata.name || '<unnamed>'}`;
  const spec = r.mapping(doc.spec, 'spec');
  if (spec === undefined) r.issue('spec', '', 'is required');

  const providerRef = r.localRef(spec, 'providerRef', 'spec');
  if (spec !== undefined && spec.providerRef === undefined)
    r.issue('spec.providerRef', '', 'is required');

  const severity = r.string(spec, 'eventSeverity', 'spec') || 'info';
  if (severity !== 'info' && severity !== 'error') {
    r.issue('spec.eventSeverity', quote(severity), 'unsupported value: must be info or error');
  }

  const eventSources = readEventSources(r, spec, metadata.namespace);
  const inclusionList = r.stringList(spec, 'inclusionList', 'spec');
  const exclusionList = r.stringList(spec, 'exclusionList', 'spec');
  const summary = r.string(spec, 'summary', 'spec') ?? '';
  r.maxLength(summary, 255, 'spec.summary', quote(summary));
  const eventMetadata = r.stringMap(spec, 'eventMetadata', 'spec') ?? {};
  const suspend = r.bool(spec, 'suspend', 'spec') ?? false;

  if (r.issues.length > 0) return { ok: false, issues: r.issues, name };
  const warnings = [
    ...patternWarnings(inclusionList, 'spec.inclusionList'),
    ...patternWarnings(exclusionList, 'spec.exclusionList'),
  ];
  return {
    ok: true,
    name,
    warnings,
    alert: {
      apiVersion,
      kind: 'Alert',
      metadata,
      spec: {
        providerRef: providerRef ?? { name: '' },
        eventSeverity: severity as 'info' | 'error',
        eventSources,
        inclusionList,
        exclusionList,
        eventMetadata,
        summary,
        suspend,
      },
    },
  };
}

function readEventSources(
  r: FieldReader,
  spec: Record<string, unknown> | undefined,
  alertNamespace: string,
): EventSource[] {
  const raw = spec?.eventSources;
  if (raw === undefined || raw === null) {
    if (spec !== undefined) r.issue('spec.eventSources', '', 'is required');
    return [];
  }
  if (!Array.isArray(raw)) {
    r.issue('spec.eventSources', quote(raw), 'must be a list');
    return [];
  }
  const out: EventSource[] = [];
  raw.forEach((item, i) => {
    const path = `spec.eventSources[${i}]`;
    const m = r.mapping(item, path);
    if (m === undefined) {
      if (item === null || item === undefined) r.issue(path, '', 'must be a mapping');
      return;
    }
    const kind = r.string(m, 'kind', path) ?? '';
    if (kind === '') r.issue(`${path}.kind`, '', 'is required');
    else if (!(eventSourceKinds as readonly string[]).includes(kind)) {
      r.issue(
        `${path}.kind`,
        quote(kind),
        `unsupported value: must be one of ${eventSourceKinds.join(', ')}`,
      );
    }
    const name = r.string(m, 'name', path) ?? '';
    if (name === '') r.issue(`${path}.name`, '', 'is required');
    r.maxLength(name, 253, `${path}.name`, quote(name));
    const namespace = r.string(m, 'namespace', path);
    if (namespace !== undefined) r.maxLength(namespace, 253, `${path}.namespace`, quote(namespace));
    const matchLabels = r.stringMap(m, 'matchLabels', path);
    const apiVersion = r.string(m, 'apiVersion', path);
    out.push({
      kind,
      name,
      namespace: namespace || alertNamespace,
      ...(apiVersion ? { apiVersion } : {}),
      ...(matchLabels ? { matchLabels } : {}),
    });
  });
  return out;
}

function patternWarnings(patterns: readonly string[], field: string): SpecIssue[] {
  const out: SpecIssue[] = [];
  patterns.forEach((p, i) => {
    try {
      compileGoRegex(p);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      out.push({
        field: `${field}[${i}]`,
        value: quote(p),
        problem: `invalid regular expression (${why}); it never matches`,
      });
    }
  });
  return out;
}
