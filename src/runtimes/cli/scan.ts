// `tagpilot scan <image>`: list an image repository's tags the way an ImageRepository scan does
// (default exclusion, Flux's order, revision) and show how many requests it took.

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { dockerConfigSecret } from '../../adapters/registry/credentials.ts';
import { RegistryPool, type Target } from '../../adapters/registry/pool.ts';
import { MemoryTagStore } from '../../adapters/store/memory.ts';
import type { RegistryAccess, RegistryPort } from '../../reconcile/ports.ts';
import { scanRepository } from '../../reconcile/scan-repository.ts';
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';

const usage = `Usage: tagpilot scan <image> [--secret <dockerconfig.json>] [--ca <file>] [--insecure]
                     [--exclude <regex>]... [--timeout <seconds>] [-o text|json]

Lists the tags of <image> (a repository, no tag) like an ImageRepository scan: tags matching an
exclusion regex (default ^.*\\.sig$) are dropped; the newest 10 are shown in Flux's order.
  --secret    docker config.json (or .dockercfg) with credentials for the registry
  --ca        PEM file with the CA that signed the registry's certificate
  --insecure  plain HTTP
  -o json     {"image","canonicalImageName","tagCount","latestTags","revision","requests"}
Exit 0 scanned, 1 registry failure, 2 invalid image, regex or arguments.`;

type Values = {
  secret?: string;
  ca?: string;
  insecure?: boolean;
  exclude?: string[];
  timeout?: string;
  output?: string;
};

function parse(args: string[]): { image: string; values: Values } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        secret: { type: 'string' },
        ca: { type: 'string' },
        insecure: { type: 'boolean' },
        exclude: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        output: { type: 'string', short: 'o', default: 'text' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [image, ...extra] = parsed.positionals;
  if (!image) throw new UsageError('an image is required, e.g. `tagpilot scan ghcr.io/org/app`');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const values = parsed.values as Values;
  if (values.output !== 'text' && values.output !== 'json')
    throw new UsageError(`-o must be text or json, not "${values.output}"`);
  if (values.timeout !== undefined && !(Number(values.timeout) > 0))
    throw new UsageError(`--timeout must be a positive number of seconds, not "${values.timeout}"`);
  return { image, values };
}

async function readInput(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** withProgress counts tags as they stream and redraws one stderr line on a TTY. */
function withProgress(port: RegistryPool, io: CliIO): RegistryPort & { seen: number } {
  const tty = io.stderr.isTTY === true;
  const wrapper = {
    seen: 0,
    async *listTags(target: Target, signal?: AbortSignal) {
      let last = 0;
      for await (const batch of port.listTags(target, signal)) {
        wrapper.seen += batch.length;
        if (tty && Date.now() - last > 200) {
          last = Date.now();
          io.stderr.write(
            `\r► scanning ${target.registry}/${target.repository}: ${wrapper.seen} tags`,
          );
        }
        yield batch;
      }
      if (tty && last > 0) io.stderr.write('\r\u001b[K');
    },
    headDigest: (target: Target, tag: string, signal?: AbortSignal) =>
      port.headDigest(target, tag, signal),
  };
  return wrapper;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { image, values } = parse(args);
  const access: { -readonly [K in keyof RegistryAccess]: RegistryAccess[K] } = {};
  if (values.secret) {
    const text = await readInput(values.secret, '--secret');
    const secret = dockerConfigSecret(values.secret, text);
    access.pullSecrets = [secret];
  }
  if (values.ca)
    access.certSecret = {
      name: values.ca,
      type: 'Opaque',
      data: { 'ca.crt': await readInput(values.ca, '--ca') },
    };
  const pool = new RegistryPool({ env: io.env });
  const registry = withProgress(pool, io);
  const store = new MemoryTagStore();
  try {
    const outcome = await scanRepository(
      {
        object: { namespace: 'cli', name: 'scan' },
        image,
        exclusionList: values.exclude,
        insecure: values.insecure === true,
        access,
        timeoutMs: values.timeout ? Number(values.timeout) * 1000 : 5 * 60_000,
      },
      { registry, store, clock: { now: () => new Date() } },
    );
    const counters = Object.values(pool.counters());
    const requests = counters.reduce((n, c) => n + c.requests, 0);
    if (outcome.kind !== 'ready') {
      writeLine(
        io.stderr,
        `✗ ${image}: ${outcome.message}${requests ? ` (${requests} requests)` : ''}`,
      );
      return outcome.kind === 'stalled' ? 2 : 1;
    }
    const r = outcome.value;
    const result = {
      image,
      canonicalImageName: r.canonicalImageName,
      tagCount: r.lastScanResult.tagCount,
      latestTags: r.lastScanResult.latestTags,
      revision: r.lastScanResult.revision,
      requests,
    };
    if (values.output === 'json') writeLine(io.stdout, JSON.stringify(result, null, 2));
    else {
      writeLine(io.stdout, `image:       ${r.canonicalImageName}`);
      writeLine(io.stdout, `tags:        ${result.tagCount}`);
      writeLine(io.stdout, `revision:    ${result.revision}`);
      writeLine(io.stdout, `requests:    ${requests}`);
      writeLine(io.stdout, `latest tags: ${result.latestTags.join(' ') || '(none)'}`);
    }
    writeLine(io.stderr, `✔ ${r.message} (${requests} requests)`);
    return 0;
  } finally {
    store.close();
    await pool.close();
  }
}

/** scanCommand is `tagpilot scan`. */
export const scanCommand: Command = {
  path: ['scan'],
  summary: 'list an image repository’s tags like an ImageRepository scan',
  usage,
  run,
};
