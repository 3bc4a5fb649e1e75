// tags/list with `n=` and `Link` pagination, streamed page by page: bodies are parsed as they
// arrive, pages retried on resets or truncation, loops and page caps detected.

import { sleep } from './budget.ts';
import type { RegistryClient } from './client.ts';
import { networkError, RegistryError } from './errors.ts';
import { nextLink, resolveNext } from './link.ts';
import { TagsListParser, TagsParseError } from './tags-stream.ts';

/** ListOptions tunes one listing. */
export interface ListOptions {
  /** pageSize is sent as `n` (1000 like Flux: ECR refuses more). */
  pageSize?: number;
  /** maxPages stops a registry that paginates forever. */
  maxPages?: number;
  signal?: AbortSignal | undefined;
}

/** ListStats describes the listing that just finished. */
export interface ListStats {
  pages: number;
  tags: number;
}

const MAX_CACHED_PAGE = 10_000;

/**
 * listTags yields the repository's tags in registry order, a batch at a time. Tags may repeat
 * across pages (registries are not consistent under concurrent pushes); callers de-duplicate.
 */
export async function* listTags(
  client: RegistryClient,
  repository: string,
  opts: ListOptions = {},
  stats: ListStats = { pages: 0, tags: 0 },
): AsyncGenerator<string[], ListStats> {
  const pageSize = opts.pageSize ?? 1000;
  const maxPages = opts.maxPages ?? 10_000;
  const host = client.host.host;
  let url: URL | undefined = new URL(`${client.baseUrl}/v2/${repository}/tags/list?n=${pageSize}`);
  const seen = new Set<string>();
  while (url) {
    if (seen.has(url.href)) {
      throw new RegistryError(
        `registry ${host} sent a pagination loop (page ${url.pathname}${url.search} twice)`,
        {
          kind: 'protocol',
          host,
        },
      );
    }
    if (seen.size >= maxPages) {
      throw new RegistryError(
        `registry ${host} sent more than ${maxPages} pages of tags for ${repository}; stopping`,
        {
          kind: 'protocol',
          host,
        },
      );
    }
    seen.add(url.href);
    stats.pages++;
    url = yield* fetchPage(client, repository, url, opts.signal, stats);
  }
  return stats;
}

async function* fetchPage(
  client: RegistryClient,
  repository: string,
  url: URL,
  signal: AbortSignal | undefined,
  stats: ListStats,
): AsyncGenerator<string[], URL | undefined> {
  const host = client.host.host;
  const budget = client.host.budget;
  const cached = client.host.conditional.get<string[]>(url.href);
  for (let attempt = 0; ; attempt++) {
    const res = await client.send('GET', url, {
      accept: 'application/json',
      scope: `repository:${repository}:pull`,
      signal,
      ...(cached ? { ifNoneMatch: cached.etag } : {}),
    });
    const link = nextLink(res.headers.get('link'));
    const next = link === undefined ? undefined : resolveNext(link, url, host);
    if (res.status === 304 && cached) {
      await res.body?.cancel();
      stats.tags += cached.value.length;
      if (cached.value.length) yield cached.value;
      return next;
    }
    const etag = res.headers.get('etag');
    let keep: string[] | undefined = etag ? [] : undefined;
    const parser = new TagsListParser();
    const decoder = new TextDecoder();
    try {
      if (res.body) {
        for await (const chunk of res.body) {
          budget.counters.bytes += chunk.byteLength;
          const tags = parser.push(decoder.decode(chunk, { stream: true }));
          if (tags.length === 0) continue;
          stats.tags += tags.length;
          if (keep && keep.length + tags.length > MAX_CACHED_PAGE) keep = undefined;
          else keep?.push(...tags);
          yield tags;
        }
      }
      parser.push(decoder.decode());
      parser.end();
    } catch (err) {
      const retryable = err instanceof TagsParseError || isReset(err);
      if (retryable && attempt + 1 < client.retry.attempts && !signal?.aborted) {
        budget.counters.retries++;
        await sleep(client.retry.baseMs * 3 ** attempt, signal);
        continue; // tags already yielded repeat harmlessly: the store de-duplicates
      }
      if (err instanceof TagsParseError) {
        throw new RegistryError(
          `registry ${host} sent an invalid tag list for ${repository}: ${err.message}`,
          {
            kind: 'protocol',
            host,
            cause: err,
          },
        );
      }
      throw networkError('GET', url, host, err);
    }
    if (etag && keep) client.host.conditional.set(url.href, etag, keep, keep.length + 1);
    return next;
  }
}

function isReset(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; name?: string };
  const code = e?.code ?? e?.cause?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    e?.name === 'TypeError'
  );
}
