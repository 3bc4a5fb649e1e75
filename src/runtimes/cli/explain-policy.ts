// `tagpilot explain policy <name>`: why a running ImagePolicy picks the tag it picks.
import { parseArgs } from 'node:util';
import type { PolicyExplain } from '../../core/policy/explain.ts';
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';
import { serverAddress } from './daemon-client.ts';

const usage = `Usage: tagpilot explain policy <name> [-n <namespace>] [--server <url>] [-o text|json]

Re-runs the ImagePolicy's selection on the tags the daemon has stored and explains it: tags
considered, rejected by filterTags.pattern, skipped by the policy (and why), the winner and the
runner-up. The daemon must be running (\`tagpilot run\`).`;

/** formatExplain renders an explanation as aligned text lines. */
export function formatExplain(
  id: string,
  tag: string | undefined,
  error: string | undefined,
  e: PolicyExplain | undefined,
): string[] {
  const lines = [`${id}${e ? `: ${e.policy}` : ''}`];
  const row = (label: string, value: string | number, examples?: string[]) =>
    lines.push(
      `  ${`${label}:`.padEnd(26)} ${value}${examples && examples.length > 0 ? `  (e.g. ${examples.join(', ')})` : ''}`,
    );
  if (e) {
    row('tags stored', e.tags);
    if (e.excluded) row('excluded (exclusionList)', e.excluded.count, e.excluded.examples);
    if (e.filter) {
      row('rejected by pattern', e.filter.rejected.count, e.filter.rejected.examples);
      if (e.filter.collisions.count > 0) row('extract collisions', e.filter.collisions.count);
    }
    for (const s of e.skipped) row(s.reason, s.count, s.examples);
    row('candidates', e.candidates);
    if (e.winner)
      row(
        'selected',
        e.winner.tag === e.winner.value
          ? e.winner.tag
          : `${e.winner.tag} (value ${e.winner.value})`,
      );
    if (e.runnerUp)
      row(
        'runner-up',
        e.runnerUp.tag === e.runnerUp.value
          ? e.runnerUp.tag
          : `${e.runnerUp.tag} (value ${e.runnerUp.value})`,
      );
    if (e.decision) row('why', e.decision);
  }
  if (tag === undefined && error) row('no tag', error);
  return lines;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      namespace: { type: 'string', short: 'n', default: 'flux-system' },
      server: { type: 'string' },
      output: { type: 'string', short: 'o', default: 'text' },
    },
  });
  const name = positionals[0];
  if (!name || positionals.length > 1)
    throw new UsageError('expected exactly one ImagePolicy name');
  if (values.output !== 'text' && values.output !== 'json')
    throw new UsageError(`-o must be text or json, not "${values.output}"`);
  const base = serverAddress(values.server, io.env);
  let res: Response;
  try {
    res = await fetch(
      `${base}/api/v1/explain/ImagePolicy/${encodeURIComponent(values.namespace)}/${encodeURIComponent(name)}`,
    );
  } catch (err) {
    writeLine(
      io.stderr,
      `✗ cannot reach tagpilot at ${base}: ${(err as Error).message}; is \`tagpilot run\` running?`,
    );
    return 1;
  }
  const body = (await res.json()) as { tag?: string; error?: string; explain?: PolicyExplain };
  if (res.status === 404) {
    writeLine(io.stderr, `✗ ImagePolicy ${values.namespace}/${name} not found`);
    return 1;
  }
  if (values.output === 'json') writeLine(io.stdout, JSON.stringify(body, null, 2));
  else
    for (const l of formatExplain(
      `ImagePolicy ${values.namespace}/${name}`,
      body.tag,
      body.error,
      body.explain,
    ))
      writeLine(io.stdout, l);
  return body.tag === undefined ? 1 : 0;
}

/** explainPolicyCommand is `tagpilot explain policy`. */
export const explainPolicyCommand: Command = {
  path: ['explain', 'policy'],
  summary: 'Explain why a running ImagePolicy selects its tag',
  usage,
  run,
};
