// Helpers the forge providers share with Flux: repository address → host + owner/repo id,
// revision → commit hash, and the commit status description from the event reason.
import type { Event } from '../../core/events/event.ts';
import { ConfigError } from './notifier.ts';

/** GitAddress is a forge's base URL (scheme://host) and the repository id (`owner/repo`). */
export interface GitAddress {
  host: string;
  id: string;
}

/** parseGitAddress accepts https, ssh and scp-like (`git@host:owner/repo.git`) addresses. */
export function parseGitAddress(address: string): GitAddress {
  let scheme: string;
  let host: string;
  let path: string;
  const scp = !address.includes('://') && address.includes(':');
  if (scp) {
    const at = address.indexOf('@');
    const colon = address.indexOf(':', at + 1);
    scheme = 'ssh';
    host = address.slice(at + 1, colon);
    path = address.slice(colon + 1);
  } else {
    let u: URL;
    try {
      u = new URL(address);
    } catch {
      throw new ConfigError('spec.address', 'failed parsing the repository URL');
    }
    scheme = u.protocol.slice(0, -1);
    host = u.host;
    path = decodeURIComponent(u.pathname);
  }
  if (scheme === 'ssh') scheme = 'https';
  let id = path.replace(/^\/+/, '');
  if (id.endsWith('.git')) id = id.slice(0, -4);
  if (host === '') throw new ConfigError('spec.address', 'repository URL has no host');
  return { host: `${scheme}://${host}`, id };
}

/** ownerAndRepo splits an id that must be exactly `owner/repo`. */
export function ownerAndRepo(id: string): [string, string] {
  const parts = id.split('/');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    throw new ConfigError('spec.address', `invalid repository id: '${id}'`);
  }
  return [parts[0]!, parts[1]!];
}

/** commitHash extracts the hash from Flux revision forms (`main@sha1:<h>`, `main/<h>`, `<h>`). */
export function commitHash(revision: string): string | undefined {
  let hash: string;
  const colon = revision.lastIndexOf(':');
  if (colon >= 0) hash = revision.slice(colon + 1);
  else {
    const parts = revision.split('/');
    hash = parts[parts.length - 1] ?? '';
  }
  const hex = [...hash].every((c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  return hex && (hash.length === 40 || hash.length === 64) ? hash : undefined;
}

/** statusDescription is Flux's description: the reason split at case changes, lower-cased. */
export function statusDescription(event: Event): string {
  return splitCamelcase(event.reason).join(' ').toLowerCase();
}

/** splitCamelcase splits at lower/upper/digit/other class changes, keeping "PDFLoader" → PDF Loader. */
export function splitCamelcase(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const ch of src) {
    const cls = classOf(ch);
    if (cls === last && runs.length > 0) runs[runs.length - 1]!.push(ch);
    else runs.push([ch]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const cur = runs[i]!;
    const next = runs[i + 1]!;
    if (classOf(cur[0]!) === 2 && classOf(next[0]!) === 1) {
      next.unshift(cur.pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

function classOf(ch: string): number {
  if (ch !== ch.toUpperCase() && ch === ch.toLowerCase()) return 1;
  if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) return 2;
  if (ch >= '0' && ch <= '9') return 3;
  return 4;
}
