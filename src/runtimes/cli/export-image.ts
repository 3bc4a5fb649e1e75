// `tagpilot export image repository|policy|update [name] [--all]`: the daemon's objects as
// clean manifests, printed like `flux export` (`---` + sigs.k8s.io/yaml text).
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';
import type { DaemonObject } from './daemon-client.ts';
import { daemonContext, daemonOptions } from './flux/daemon-flags.ts';
import { exportDocument } from './flux/export-text.ts';
import type { JsonValue } from './flux/go-yaml.ts';
import { IMAGE_KIND_WORDS, type ImageKindWords } from './flux/image-kinds.ts';
import { parseFlags } from './flux/parse-flags.ts';

/** RUNTIME_ANNOTATIONS are left out of exports: they record requests, not desired state. */
const RUNTIME_ANNOTATIONS = [
  'reconcile.fluxcd.io/requestedAt',
  'kubectl.kubernetes.io/last-applied-configuration',
];

/** cleanManifest keeps apiVersion, kind, name, namespace, labels, annotations and spec. */
export function cleanManifest(o: DaemonObject): JsonValue {
  const metadata: Record<string, JsonValue> = {
    name: o.metadata.name,
    namespace: o.metadata.namespace,
  };
  const labels = o.metadata.labels ?? {};
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  const annotations = Object.fromEntries(
    Object.entries(o.metadata.annotations ?? {}).filter(([k]) => !RUNTIME_ANNOTATIONS.includes(k)),
  );
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return { apiVersion: o.apiVersion, kind: o.kind, metadata, spec: o.spec as JsonValue };
}

function exportCommand(k: ImageKindWords): Command {
  return {
    path: ['export', 'image', k.word],
    summary: `print ${k.kind} manifests from the daemon`,
    usage: `Usage: tagpilot export image ${k.word} <name> | --all [-n ns | -A] [--server url]`,
    async run(args: string[], io: CliIO): Promise<number> {
      const { values, positionals } = parseFlags(args, {
        ...daemonOptions,
        all: { type: 'boolean', default: false },
      });
      const ctx = daemonContext(values, io);
      const name = positionals[0];
      if (positionals.length > 1)
        throw new UsageError(`expected one name, got ${positionals.join(' ')}`);
      if (name === undefined && !values.all && ctx.namespace !== undefined)
        throw new UsageError('name is required');
      const items = (await ctx.client.list(k.kind, ctx.namespace))
        .filter((o) => name === undefined || o.metadata.name === name)
        .sort(
          (a, b) =>
            a.metadata.namespace.localeCompare(b.metadata.namespace) ||
            a.metadata.name.localeCompare(b.metadata.name),
        );
      if (items.length === 0) {
        writeLine(
          io.stderr,
          name === undefined
            ? `✗ no objects found in ${ctx.where}`
            : `✗ ${k.kind} object '${name}' not found in ${ctx.where}`,
        );
        return 1;
      }
      for (const o of items) io.stdout.write(exportDocument(cleanManifest(o)));
      return 0;
    },
  };
}

/** exportImageCommands are `export image repository|policy|update`. */
export const exportImageCommands: Command[] = IMAGE_KIND_WORDS.map(exportCommand);
