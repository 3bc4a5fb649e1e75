// One error per bad field, carrying where it was found so a user can fix the manifest directly.

/** SpecIssue is one rejected field of one object. */
export interface SpecIssue {
  field: string;
  /** value is the offending value as written, already redacted when it may hold a secret. */
  value: string;
  problem: string;
}

/** NotificationSpecError says which file/document/object/field/value a manifest got wrong. */
export class NotificationSpecError extends Error {
  override readonly name = 'NotificationSpecError';
  readonly file: string;
  /** doc is the 1-based document index inside the file. */
  readonly doc: number;
  readonly kind: string;
  /** object is `namespace/name`, or `<unnamed>`. */
  readonly object: string;
  readonly field: string;
  readonly value: string;
  constructor(
    where: { file: string; doc: number; kind: string; object: string },
    issue: SpecIssue,
    options?: ErrorOptions,
  ) {
    const value = issue.value === '' ? '' : ` ${issue.value}`;
    super(
      `${where.file} (document ${where.doc}): ${where.kind} ${where.object}: ${issue.field}${value}: ${issue.problem}`,
      options,
    );
    this.file = where.file;
    this.doc = where.doc;
    this.kind = where.kind;
    this.object = where.object;
    this.field = issue.field;
    this.value = issue.value;
  }
}

/** quote renders a user value for a message the way Go's %q would, bounded in length. */
export function quote(value: unknown): string {
  if (typeof value !== 'string') {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  }
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
}

/** redactURL keeps only scheme and host of a URL: webhook paths and queries carry tokens. */
export function redactURL(value: string): string {
  try {
    const u = new URL(value);
    return JSON.stringify(`${u.protocol}//${u.host}/<redacted>`);
  } catch {
    return '"<redacted>"';
  }
}
