// `tagpilot reconcile image repository|policy|update <name>`: ask the daemon, wait like flux.
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';
import { daemonContext, daemonOptions } from './flux/daemon-flags.ts';
import { IMAGE_KIND_WORDS, type ImageKindWords } from './flux/image-kinds.ts';
import { parseFlags } from './flux/parse-flags.ts';
import { waitForReconcile } from './flux/wait-reconcile.ts';

function reconcileCommand(k: ImageKindWords): Command {
  return {
    path: ['reconcile', 'image', k.word],
    summary: `reconcile an ${k.kind} now and wait for the result`,
    usage: `Usage: tagpilot reconcile image ${k.word} <name> [-n ns] [--timeout 5m] [--server url]

Asks the daemon to reconcile the ${k.kind} now (like flux's reconcile.fluxcd.io/requestedAt
annotation) and waits until it has handled the request; exit 1 when it fails or times out.`,
    async run(args: string[], io: CliIO): Promise<number> {
      const { values, positionals } = parseFlags(args, daemonOptions);
      if (positionals.length !== 1) throw new UsageError(`${k.kind} name is required`);
      if (values['all-namespaces']) throw new UsageError('-A is not supported by reconcile');
      const ctx = daemonContext(values, io);
      const name = positionals[0] as string;
      const ns = ctx.namespace as string;
      const o = await ctx.client.get(k.kind, ns, name);
      if (!o) {
        writeLine(io.stderr, `✗ ${k.kind} object '${name}' not found in ${ctx.where}`);
        return 1;
      }
      if (o.spec.suspend === true) {
        writeLine(io.stderr, '✗ resource is suspended');
        return 1;
      }
      writeLine(io.stderr, `► annotating ${k.kind} ${name} in ${ns} namespace`);
      const token = await ctx.client.reconcile(k.kind, ns, name);
      if (token === undefined) {
        writeLine(io.stderr, `✗ ${k.kind} object '${name}' not found in ${ctx.where}`);
        return 1;
      }
      writeLine(io.stderr, `✔ ${k.kind} annotated`);
      writeLine(io.stderr, `◎ waiting for ${k.kind} reconciliation`);
      const result = await waitForReconcile(io, ctx.client, k.kind, ns, name, token, ctx.timeoutMs);
      return result === 'ok' ? 0 : 1;
    },
  };
}

/** reconcileImageCommands are `reconcile image repository|policy|update`. */
export const reconcileImageCommands: Command[] = IMAGE_KIND_WORDS.map(reconcileCommand);
