// Flags every `create` command shares with flux: the object name rule, --label, -n, --export.
import { RE2JS } from 're2js';
import { UsageError } from '../command.ts';

const rfc1123Name = RE2JS.compile('^[a-z0-9]([a-z0-9\\-]){0,61}[a-z0-9]$');
const dnsLabel = RE2JS.compile('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$');
const labelName = RE2JS.compile('^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$');
const dnsSubdomain = RE2JS.compile(
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
);

/** DEFAULT_NAMESPACE is flux's default `-n`. */
export const DEFAULT_NAMESPACE = 'flux-system';

/** commonCreateOptions are the node:util parseArgs options shared by the create commands. */
export const commonCreateOptions = {
  namespace: { type: 'string', short: 'n' },
  label: { type: 'string', multiple: true },
  export: { type: 'boolean', default: false },
  interval: { type: 'string' },
} as const;

/** checkName applies flux's RFC 1123 name rule to the positional name. */
export function checkName(positionals: string[]): string {
  const name = positionals[0];
  if (name === undefined || name === '') throw new UsageError('name is required');
  if (positionals.length > 1) {
    throw new UsageError(`expected one name, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  if (!rfc1123Name.matches(name)) {
    throw new UsageError(
      `name '${name}' is invalid, it should adhere to standard defined in RFC 1123, the name can only contain alphanumeric characters or '-'`,
    );
  }
  return name;
}

/** resolveNamespace returns -n, else a valid FLUX_SYSTEM_NAMESPACE, else flux-system. */
export function resolveNamespace(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  warn: (text: string) => void,
): string {
  if (flag !== undefined) {
    if (!dnsLabel.matches(flag) || flag.length > 63) {
      throw new UsageError(`namespace must be a valid DNS label: "${flag}"`);
    }
    return flag;
  }
  const fromEnv = env.FLUX_SYSTEM_NAMESPACE;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (dnsLabel.matches(fromEnv) && fromEnv.length <= 63) return fromEnv;
    warn(`ignoring invalid FLUX_SYSTEM_NAMESPACE: "${fromEnv}"`);
  }
  return DEFAULT_NAMESPACE;
}

function splitCsv(value: string): string[] {
  // pflag's StringSlice reads each occurrence as one CSV record.
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '"' && cur === '' && !quoted) quoted = true;
    else if (c === '"' && quoted && value[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"' && quoted) quoted = false;
    else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function checkLabelKey(item: string, key: string): void {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const problems: string[] = [];
  if (prefix !== undefined && (prefix.length > 253 || !dnsSubdomain.matches(prefix))) {
    problems.push('prefix part must be a lowercase RFC 1123 subdomain');
  }
  if (name.length === 0 || name.length > 63 || !labelName.matches(name) || name.includes('/')) {
    problems.push(
      "name part must be 1-63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character",
    );
  }
  if (problems.length > 0) throw new UsageError(`invalid label '${item}': ${problems.join('; ')}`);
}

/** parseLabels turns repeated, comma-separated --label k=v flags into a map, checked like flux. */
export function parseLabels(values: readonly string[] | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const item of (values ?? []).flatMap(splitCsv)) {
    const parts = item.split('=');
    if (parts.length !== 2)
      throw new UsageError(`invalid label format '${item}', must be key=value`);
    const [key, value] = parts as [string, string];
    checkLabelKey(item, key);
    if (value.length > 63 || (value !== '' && !labelName.matches(value))) {
      throw new UsageError(
        `invalid label value '${item}': must be at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character`,
      );
    }
    labels[key] = value;
  }
  return labels;
}

/** objectMetadata builds the exported metadata (labels only when given, like flux). */
export function objectMetadata(
  name: string,
  namespace: string,
  labels: Record<string, string>,
): Record<string, unknown> {
  return Object.keys(labels).length > 0 ? { labels, name, namespace } : { name, namespace };
}
