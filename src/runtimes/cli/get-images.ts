// `tagpilot get images all|repository|policy|update [name]`: flux's tables, from the daemon.
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';
import { type DaemonObject, readyCondition } from './daemon-client.ts';
import { type DaemonContext, daemonContext, daemonOptions } from './flux/daemon-flags.ts';
import type { JsonValue } from './flux/go-yaml.ts';
import { marshalGoYaml } from './flux/go-yaml.ts';
import { IMAGE_KIND_WORDS, type ImageKindWords, kindWords } from './flux/image-kinds.ts';
import { parseFlags } from './flux/parse-flags.ts';
import {
  type LabelSelector,
  matchesStatus,
  parseLabelSelector,
  parseStatusSelector,
  type StatusSelector,
} from './flux/selectors.ts';
import { formatTable, rfc3339 } from './flux/table.ts';

const POLL_MS = 2000;

const usage = `Usage: tagpilot get images all|repository|policy|update [name] [flags]

Lists image objects and their status from the running daemon, with flux's columns.
  -n, --namespace <ns>    namespace (default flux-system)
  -A, --all-namespaces    every namespace (adds a NAMESPACE column)
  -o, --output <fmt>      table (default), json or yaml
  -w, --watch             keep printing rows as objects change (not with all)
      --no-header         omit the table header
      --status-selector   only objects with a condition, e.g. ready=false or Ready!=True
  -l, --label-selector    only objects whose labels match, e.g. team=web,tier in (a,b)
      --timeout <d>       how long --watch runs (default 5m)
      --server <url>      daemon address (default $TAGPILOT_SERVER or http://127.0.0.1:9797)`;

function readyCells(o: DaemonObject): [string, string] {
  const c = readyCondition(o);
  return c ? [c.status, c.message ?? ''] : ['False', 'waiting to be reconciled'];
}

function suspended(o: DaemonObject): string {
  return o.spec.suspend === true ? 'True' : 'False';
}

function header(k: ImageKindWords, all: boolean): string[] {
  const middle =
    k.word === 'repository'
      ? ['LAST SCAN', 'SUSPENDED']
      : k.word === 'policy'
        ? ['IMAGE', 'TAG']
        : ['LAST RUN', 'SUSPENDED'];
  return [...(all ? ['NAMESPACE'] : []), 'NAME', ...middle, 'READY', 'MESSAGE'];
}

function row(k: ImageKindWords, o: DaemonObject, all: boolean, prefixKind: boolean): string[] {
  const s = o.status ?? {};
  const middle =
    k.word === 'repository'
      ? [rfc3339(s.lastScanResult?.scanTime), suspended(o)]
      : k.word === 'policy'
        ? [s.latestRef?.name ?? '', s.latestRef?.tag ?? '']
        : [rfc3339(s.lastAutomationRunTime), suspended(o)];
  const name = prefixKind ? `${k.kind.toLowerCase()}/${o.metadata.name}` : o.metadata.name;
  return [...(all ? [o.metadata.namespace] : []), name, ...middle, ...readyCells(o)];
}

/** Filter is what --label-selector and --status-selector keep. */
interface Filter {
  labels?: LabelSelector;
  status?: StatusSelector;
}

function byStatus(items: DaemonObject[], filter: Filter): DaemonObject[] {
  const s = filter.status;
  return s === undefined ? items : items.filter((o) => matchesStatus(o, s));
}

async function fetchObjects(
  ctx: DaemonContext,
  k: ImageKindWords,
  name: string | undefined,
  filter: Filter,
): Promise<DaemonObject[]> {
  const items = await ctx.client.list(k.kind, ctx.namespace);
  const picked = items.filter(
    (o) =>
      (name === undefined || o.metadata.name === name) &&
      (filter.labels === undefined || filter.labels(o.metadata.labels)),
  );
  return picked.sort(
    (a, b) =>
      a.metadata.namespace.localeCompare(b.metadata.namespace) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}

function printItems(io: CliIO, format: string, items: DaemonObject[]): void {
  const doc = { items } as unknown as JsonValue;
  io.stdout.write(format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : marshalGoYaml(doc));
}

async function watch(
  io: CliIO,
  ctx: DaemonContext,
  k: ImageKindWords,
  name: string | undefined,
  first: DaemonObject[],
  all: boolean,
  filter: Filter,
): Promise<void> {
  const seen = new Map(
    first.map((o) => [
      `${o.metadata.namespace}/${o.metadata.name}`,
      row(k, o, all, false).join('\t'),
    ]),
  );
  const deadline = Date.now() + ctx.timeoutMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(deadline - Date.now(), 0))));
    for (const o of byStatus(await fetchObjects(ctx, k, name, filter), filter)) {
      const cells = row(k, o, all, false);
      const key = `${o.metadata.namespace}/${o.metadata.name}`;
      if (seen.get(key) === cells.join('\t')) continue;
      seen.set(key, cells.join('\t'));
      io.stdout.write(formatTable(undefined, [cells]));
    }
  }
}

function getCommand(word: 'all' | ImageKindWords['word']): Command {
  return {
    path: ['get', 'images', word],
    summary:
      word === 'all'
        ? 'list all image objects and their status'
        : `list image ${word} objects and their status`,
    usage,
    async run(args: string[], io: CliIO): Promise<number> {
      const { values, positionals } = parseFlags(args, {
        ...daemonOptions,
        output: { type: 'string', short: 'o', default: 'table' },
        watch: { type: 'boolean', short: 'w', default: false },
        'no-header': { type: 'boolean', default: false },
        'status-selector': { type: 'string' },
        'label-selector': { type: 'string', short: 'l' },
      });
      const format = values.output as string;
      if (!['table', 'json', 'yaml'].includes(format)) {
        throw new UsageError(`-o must be table, json or yaml, not "${format}"`);
      }
      if (positionals.length > 1)
        throw new UsageError(`expected at most one name, got ${positionals.join(' ')}`);
      if (word === 'all' && values.watch)
        throw new UsageError('expected a single resource type, but found all');
      const ctx = daemonContext(values, io);
      const status = values['status-selector'];
      const labels = values['label-selector'];
      const filter: Filter = {
        ...(typeof status === 'string' ? { status: parseStatusSelector(status) } : {}),
        ...(typeof labels === 'string' ? { labels: parseLabelSelector(labels) } : {}),
      };
      const all = ctx.namespace === undefined;
      const name = positionals[0];
      const noHeader = values['no-header'] === true;
      if (word === 'all') {
        const collected: DaemonObject[] = [];
        for (const k of IMAGE_KIND_WORDS) {
          const items = byStatus(await fetchObjects(ctx, k, name, filter), filter);
          collected.push(...items);
          if (items.length === 0 || format !== 'table') continue;
          io.stdout.write(
            formatTable(
              noHeader ? undefined : header(k, all),
              items.map((o) => row(k, o, all, true)),
            ),
          );
          writeLine(io.stdout, '');
        }
        if (format !== 'table') printItems(io, format, collected);
        return 0;
      }
      const k = kindWords(word);
      const items = await fetchObjects(ctx, k, name, filter);
      if (items.length === 0) {
        writeLine(
          io.stderr,
          name === undefined
            ? `✗ no ${k.kind} objects found in ${ctx.where}`
            : `✗ ${k.kind} object '${name}' not found in ${ctx.where}`,
        );
        return 1;
      }
      // As in flux, objects that exist but fail the status selector leave just the header.
      const shown = byStatus(items, filter);
      if (format !== 'table') printItems(io, format, shown);
      else
        io.stdout.write(
          formatTable(
            noHeader ? undefined : header(k, all),
            shown.map((o) => row(k, o, all, false)),
          ),
        );
      if (values.watch) await watch(io, ctx, k, name, shown, all, filter);
      return 0;
    },
  };
}

/** getImagesCommands are `get images all|repository|policy|update` (and the `get image` alias). */
export const getImagesCommands: Command[] = (
  ['all', 'repository', 'policy', 'update'] as const
).flatMap((w) => {
  const c = getCommand(w);
  return [c, { ...c, path: ['get', 'image', w], summary: `alias of \`get images ${w}\`` }];
});
