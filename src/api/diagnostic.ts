// Problems found in manifests, each pinned to file, document, object and field.

/** Severity says whether a problem makes an object unusable (error) or is advice (warning). */
export type Severity = 'error' | 'warning';

/** Diagnostic is one problem found while loading or checking manifests. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly file: string;
  /** document is the 1-based index of the YAML document in the file (0 = the file itself). */
  readonly document: number;
  /** line and column are 1-based; absent when the problem has no position. */
  readonly line?: number;
  readonly column?: number;
  /** kind and object (`namespace/name`) identify the object, when known. */
  readonly kind?: string;
  readonly object?: string;
  /** path is the field path, e.g. `spec.policy.semver.range`. */
  readonly path?: string;
  /** value is the offending value rendered for humans (bounded, never a secret). */
  readonly value?: string;
  readonly message: string;
}

/** formatDiagnostic renders one diagnostic as a single line. */
export function formatDiagnostic(d: Diagnostic): string {
  const pos = d.line === undefined ? '' : `:${d.line}:${d.column ?? 1}`;
  const doc = d.document > 0 ? ` (document ${d.document})` : '';
  const obj =
    d.kind === undefined ? '' : ` ${d.kind}${d.object === undefined ? '' : ` ${d.object}`}`;
  const path = d.path === undefined || d.path === '' ? '' : ` ${d.path}`;
  const value = d.value === undefined ? '' : ` ${d.value}`;
  const where = `${obj}${path}${value}`;
  return `${d.file}${pos}: ${d.severity}${doc}:${where}${where === '' ? ' ' : ': '}${d.message}`;
}

/**
 * quoteValue renders a user value for a message, bounded to keep lines readable, with any URL
 * credentials (`scheme://user:token@host`) masked.
 */
export function quoteValue(value: unknown): string {
  if (value === null) return 'null';
  const raw =
    typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value as unknown));
  const text = maskUserinfo(raw);
  const bounded = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return typeof value === 'string' ? JSON.stringify(bounded) : bounded;
}

/** ManifestError carries the error diagnostics of manifests a caller cannot use. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[], options?: ErrorOptions) {
    super(diagnostics.map(formatDiagnostic).join('\n') || 'invalid manifest', options);
    this.diagnostics = diagnostics;
  }
}

/** maskUserinfo replaces the user-info part of every `scheme://user@host` in text with `***`. */
export function maskUserinfo(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const scheme = rest.indexOf('://');
    if (scheme === -1) return out + rest;
    const start = scheme + 3;
    let end = start;
    while (end < rest.length && !'/?#@ "\''.includes(rest[end] ?? '')) end++;
    if (rest[end] === '@') {
      out += `${rest.slice(0, start)}***@`;
      rest = rest.slice(end + 1);
    } else {
      out += rest.slice(0, start);
      rest = rest.slice(start);
    }
  }
}
