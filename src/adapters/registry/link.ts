// `Link: <…>; rel="next"` pagination: resolved against the request URL, same origin only.

import { RegistryError } from './errors.ts';

/** nextLink returns the URL of the rel="next" link (or the first link without rel), if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  let fallback: string | undefined;
  const re = /<([^>]*)>([^,<]*)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const target = m[1] as string;
    const params = (m[2] as string).toLowerCase();
    const rel = /rel\s*=\s*"?([^";]*)"?/.exec(params)?.[1];
    if (rel === undefined) fallback ??= target;
    else if (rel.split(/\s+/).includes('next')) return target;
  }
  return fallback;
}

/**
 * resolveNext resolves a Link target against the page URL and refuses other schemes and hosts,
 * so a registry cannot send our credentials elsewhere by pagination.
 */
export function resolveNext(link: string, current: URL, host: string): URL {
  let next: URL;
  try {
    next = new URL(link, current);
  } catch (err) {
    throw new RegistryError(`registry ${host} sent an unreadable pagination link "${link}"`, {
      kind: 'protocol',
      host,
      cause: err,
    });
  }
  if (next.origin !== current.origin) {
    throw new RegistryError(
      `registry ${host} sent a pagination link to another origin (${next.origin}); refusing to follow it`,
      { kind: 'protocol', host },
    );
  }
  return next;
}
