// `tagpilot suspend|resume image repository|policy|update <name>… | --all`, worded like flux.
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';
import { daemonContext, daemonOptions } from './flux/daemon-flags.ts';
import { IMAGE_KIND_WORDS, type ImageKindWords } from './flux/image-kinds.ts';
import { parseFlags } from './flux/parse-flags.ts';
import { waitForReconcile } from './flux/wait-reconcile.ts';

function suspendCommand(k: ImageKindWords, suspend: boolean): Command {
  const verb = suspend ? 'suspend' : 'resume';
  const ing = suspend ? 'suspending' : 'resuming';
  const ed = suspend ? 'suspended' : 'resumed';
  return {
    path: [verb, 'image', k.word],
    summary: `${verb} ${k.kind} objects`,
    usage: `Usage: tagpilot ${verb} image ${k.word} <name>... | --all [-n ns] [--server url]${suspend ? '' : ' [--wait] [--timeout 5m]'}

${suspend ? 'Stops' : 'Restarts'} reconciling the named ${k.kind} objects (spec.suspend in the daemon's state).${
      suspend ? '' : '\nWaits for the reconciliation when one name is given or with --wait.'
    } Exit 1 when a name is not found.`,
    async run(args: string[], io: CliIO): Promise<number> {
      const { values, positionals } = parseFlags(args, {
        ...daemonOptions,
        all: { type: 'boolean', default: false },
        wait: { type: 'boolean', default: false },
      });
      const ctx = daemonContext(values, io);
      if (ctx.namespace === undefined) throw new UsageError(`-A is not supported by ${verb}`);
      const ns = ctx.namespace;
      let names = [...new Set(positionals)];
      if (values.all) {
        names = (await ctx.client.list(k.kind, ns)).map((o) => o.metadata.name).sort();
        if (names.length === 0) {
          writeLine(io.stderr, `✗ no objects found in ${ctx.where}`);
          return 1;
        }
      }
      if (names.length === 0) throw new UsageError(`${k.kind} name is required`);
      let failures = 0;
      const changed: string[] = [];
      for (const name of names) {
        writeLine(io.stderr, `► ${ing} ${k.human} ${name} in ${ns} namespace`);
        const o = await ctx.client.setSuspended(k.kind, ns, name, suspend);
        if (!o) {
          // flux prints this and still exits 0; tagpilot fails the run so scripts notice.
          writeLine(io.stderr, `✗ ${k.kind} ${name} not found in ${ns} namespace`);
          failures++;
          continue;
        }
        writeLine(io.stderr, `✔ ${k.human} ${ed}`);
        changed.push(name);
      }
      const wait = !suspend && (values.wait === true || (positionals.length === 1 && !values.all));
      if (wait) {
        for (const name of changed.sort()) {
          writeLine(io.stderr, `◎ waiting for ${k.kind} reconciliation`);
          const token = await ctx.client.reconcile(k.kind, ns, name);
          const result =
            token === undefined
              ? 'gone'
              : await waitForReconcile(
                  io,
                  ctx.client,
                  k.kind,
                  ns,
                  name,
                  token,
                  ctx.timeoutMs,
                  `${k.kind} ${name} reconciliation completed`,
                );
          if (result !== 'ok') failures++;
        }
      }
      if (failures > 0) {
        writeLine(io.stderr, `✗ ${verb} failed for ${failures} ${k.kind}(s)`);
        return 1;
      }
      return 0;
    },
  };
}

/** suspendImageCommands are `suspend|resume image repository|policy|update`. */
export const suspendImageCommands: Command[] = IMAGE_KIND_WORDS.flatMap((k) => [
  suspendCommand(k, true),
  suspendCommand(k, false),
]);
