// A recorded-response registry for benchmarks: answers the OCI distribution endpoints a scan uses
// (ping, paginated tags/list, HEAD manifest) for any repository, with `tags` generated tags each.
// Runs as its own process so the benchmark measures only tagpilot's memory.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const tagsPerRepo = Number(process.argv[2] ?? 10_000);
const cache = new Map<string, string[]>();
function tagsFor(repo: string): string[] {
  let t = cache.get(repo);
  if (!t) {
    t = [];
    for (let i = 0; i < tagsPerRepo; i++) {
      const r = i % 10;
      t.push(
        r < 5
          ? `1.${Math.floor(i / 200)}.${i % 200}`
          : r < 8
            ? `main-${((i * 2654435761) % 0xfffffff).toString(16)}-${1_700_000_000 + i}`
            : `v2.${i}.0-rc.${r}`,
      );
    }
    t.sort();
    if (cache.size > 50) cache.clear();
    cache.set(repo, t);
  }
  return t;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/v2/')
    return void res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' }).end('{}');
  const tags = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
  if (tags) {
    const repo = tags[1] as string;
    const all = tagsFor(repo);
    const n = Math.min(Number(url.searchParams.get('n') ?? 1000), 1000);
    const last = url.searchParams.get('last');
    let start = 0;
    if (last) {
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((all[mid] as string) <= last) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const page = all.slice(start, start + n);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (start + n < all.length)
      headers.link = `</v2/${repo}/tags/list?n=${n}&last=${encodeURIComponent(page.at(-1) as string)}>; rel="next"`;
    return void res.writeHead(200, headers).end(JSON.stringify({ name: repo, tags: page }));
  }
  const manifest = /^\/v2\/(.+)\/manifests\/(.+)$/.exec(url.pathname);
  if (manifest && (req.method === 'HEAD' || req.method === 'GET')) {
    const digest = `sha256:${createHash('sha256').update(url.pathname).digest('hex')}`;
    return void res
      .writeHead(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'content-length': '2',
        'docker-content-digest': digest,
      })
      .end(req.method === 'GET' ? '{}' : undefined);
  }
  res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`${typeof a === 'object' && a ? a.port : 0}\n`);
});
