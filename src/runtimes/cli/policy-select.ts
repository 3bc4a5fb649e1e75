// `tagpilot policy select`: which tag would this ImagePolicy pick from these tags?
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../../api/diagnostic.ts';
import { loadManifests } from '../../api/load.ts';
import type { ImagePolicy, ImageRepository } from '../../api/model.ts';
import { compileGoRegex, type GoRegex, RegexSyntaxError } from '../../core/filter/regex.ts';
import { compilePolicy } from '../../core/policy/compile.ts';
import { InvalidPolicyError, PolicyEvaluationError } from '../../core/policy/errors.ts';
import { selectLatest } from '../../core/policy/select.ts';
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';

const usage = `Usage: tagpilot policy select --policy <file.yaml> --tags <file|-> [--name <[namespace/]name>] [-o text|json]

Prints the tag the ImagePolicy in <file.yaml> selects from the tags (one per line, in the order the
repository stores them). If the file also holds the ImagePolicy's ImageRepository, its exclusionList
applies first. Exit 0 selected, 1 nothing selected (reason on stderr), 2 invalid policy or arguments.`;

async function readTags(path: string, io: CliIO): Promise<string[]> {
  let text: string;
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin)
      chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    text = await readFile(path, 'utf8');
  }
  return text
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => l !== '');
}

function pickPolicy(policies: ImagePolicy[], name: string | undefined, file: string): ImagePolicy {
  const wanted = name?.includes('/') ? name : undefined;
  const matches = policies.filter((p) =>
    name === undefined
      ? true
      : wanted
        ? `${p.metadata.namespace}/${p.metadata.name}` === wanted
        : p.metadata.name === name,
  );
  if (matches.length === 1) return matches[0] as ImagePolicy;
  if (matches.length === 0) {
    throw new UsageError(`${file}: no ImagePolicy${name ? ` named ${name}` : ''} in the file`);
  }
  const names = matches.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');
  throw new UsageError(`${file}: several ImagePolicies (${names}); choose one with --name`);
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      policy: { type: 'string' },
      tags: { type: 'string' },
      name: { type: 'string' },
      output: { type: 'string', short: 'o', default: 'text' },
    },
    strict: true,
  });
  if (!values.policy || !values.tags) throw new UsageError('--policy and --tags are required');
  if (values.output !== 'text' && values.output !== 'json') {
    throw new UsageError(`-o must be text or json, not "${values.output}"`);
  }
  const file = values.policy;
  const loaded = loadManifests(await readFile(file, 'utf8'), file);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) writeLine(io.stderr, formatDiagnostic(d));
  if (errors.length > 0) return 2;
  const policy = pickPolicy(
    loaded.objects.filter((o): o is ImagePolicy => o.kind === 'ImagePolicy'),
    values.name,
    file,
  );
  const id = `ImagePolicy ${policy.metadata.namespace}/${policy.metadata.name}`;
  const repoRef = policy.spec.imageRepositoryRef;
  const repository = loaded.objects.find(
    (o): o is ImageRepository =>
      o.kind === 'ImageRepository' &&
      o.metadata.name === repoRef.name &&
      o.metadata.namespace === repoRef.namespace,
  );

  let compiled: ReturnType<typeof compilePolicy>;
  try {
    compiled = compilePolicy(policy.spec.policy, policy.spec.filterTags);
  } catch (err) {
    if (!(err instanceof InvalidPolicyError)) throw err;
    writeLine(
      io.stderr,
      `${file}:${policy.origin.line}: error: ${id} ${err.field} ${JSON.stringify(err.value)}: ${err.message}`,
    );
    return 2;
  }
  let exclusionList: GoRegex[] | undefined;
  try {
    exclusionList = repository?.spec.exclusionList.map((p) => compileGoRegex(p));
  } catch (err) {
    if (!(err instanceof RegexSyntaxError)) throw err;
    const r = repository as ImageRepository;
    writeLine(
      io.stderr,
      `${file}:${r.origin.line}: error: ImageRepository ${r.metadata.namespace}/${r.metadata.name} spec.exclusionList ${JSON.stringify(err.pattern)}: ${err.message}`,
    );
    return 2;
  }
  const tags = await readTags(values.tags, io);
  try {
    const selection = selectLatest(compiled, tags, exclusionList ? { exclusionList } : {});
    if (values.output === 'json') {
      writeLine(
        io.stdout,
        JSON.stringify({ tag: selection.tag, explain: selection.explain }, null, 2),
      );
    } else {
      writeLine(io.stdout, selection.tag);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof PolicyEvaluationError)) throw err;
    const why = err.explain.decision ? ` (${err.explain.decision})` : '';
    writeLine(io.stderr, `✗ ${id}: ${err.message}${why}`);
    if (values.output === 'json') {
      writeLine(io.stdout, JSON.stringify({ error: err.message, explain: err.explain }, null, 2));
    }
    return 1;
  }
}

/** policySelectCommand is `tagpilot policy select`. */
export const policySelectCommand: Command = {
  path: ['policy', 'select'],
  summary: 'Show which tag an ImagePolicy selects from a list of tags',
  usage,
  run,
};
