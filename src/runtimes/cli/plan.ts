// `tagpilot plan`: show what the Setters strategy would change in a checkout (a unified diff,
// then a summary with every ignored marker and problem file), and optionally write it.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UpdatePathError } from '../../adapters/files/errors.ts';
import { updateTree } from '../../adapters/files/update-tree.ts';
import { unifiedDiff } from '../../core/setters/diff.ts';
import type { ImageRef, SettersResult } from '../../core/setters/result.ts';
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';

const usage = `Usage: tagpilot plan --dir <repo> --latest <latest.json> [--path <update.path>] [--write] [-o text|json]
       tagpilot plan --source <manifests dir> [--dir <repo>] [--secrets-dir <dir>] [--write] [-o text|json]

Finds every {"$imagepolicy": "ns:name[:tag|:name|:digest]"} marker under <update.path> (default
the repository root) and shows the change the Setters strategy makes, byte for byte.
  --latest  JSON object mapping "ns:name" to {"name", "tag", "digest"?} (an ImagePolicy's latestRef)
  --source  the Flux manifests: scan the registries, select every ImagePolicy's latest image now,
            and plan each ImageUpdateAutomation (its update.path and policySelector) against
            --dir (default: the source directory itself). Nothing is pushed.
  --write   apply the changes (atomically, only changed files)
  -o json   the result model: {"fileChanges","ignored","problems","written"}
Exit 0 when it ran (with or without changes), 2 on bad arguments or input.`;

type Values = {
  dir?: string;
  path?: string;
  latest?: string;
  source?: string;
  'secrets-dir'?: string;
  write?: boolean;
  output?: string;
};

function parse(args: string[]): Values {
  let values: Values;
  try {
    const parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        dir: { type: 'string' },
        path: { type: 'string', default: '.' },
        latest: { type: 'string' },
        source: { type: 'string' },
        'secrets-dir': { type: 'string' },
        write: { type: 'boolean', default: false },
        output: { type: 'string', short: 'o', default: 'text' },
      },
    });
    values = parsed.values as Values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.source) {
    if (values.latest) throw new UsageError('--source and --latest exclude each other');
    values.dir ??= values.source;
  }
  if (!values.dir) throw new UsageError('--dir <repo> is required');
  if (!values.latest && !values.source)
    throw new UsageError('--latest <latest.json> or --source <dir> is required');
  if (values.output !== 'text' && values.output !== 'json') {
    throw new UsageError(`-o must be text or json, not "${values.output}"`);
  }
  return values;
}

/** parseLatest validates a latest.json text: "ns:name" → {name, tag, digest?}. */
export function parseLatest(text: string, file: string): Map<string, ImageRef> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: not JSON: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(
      `${file}: must be an object mapping "ns:name" to {"name","tag","digest"?}`,
    );
  }
  const out = new Map<string, ImageRef>();
  for (const [key, value] of Object.entries(raw)) {
    const parts = key.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      throw new UsageError(`${file}: key ${JSON.stringify(key)} must be "namespace:name"`);
    }
    const v = value as Record<string, unknown>;
    if (typeof v !== 'object' || v === null)
      throw new UsageError(`${file}: ${key}: must be an object`);
    for (const field of ['name', 'tag'] as const) {
      if (typeof v[field] !== 'string' || v[field] === '') {
        throw new UsageError(
          `${file}: ${key}.${field}: must be a non-empty string, got ${JSON.stringify(v[field])}`,
        );
      }
    }
    if (v.digest !== undefined && typeof v.digest !== 'string') {
      throw new UsageError(
        `${file}: ${key}.digest: must be a string, got ${JSON.stringify(v.digest)}`,
      );
    }
    const ref: ImageRef = { name: v.name as string, tag: v.tag as string };
    out.set(key, v.digest ? { ...ref, digest: v.digest as string } : ref);
  }
  return out;
}

function colour(io: CliIO): (code: string, s: string) => string {
  const on = io.stdout.isTTY === true && io.env.NO_COLOR === undefined;
  return (code, s) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
}

function printText(io: CliIO, result: SettersResult, diffs: string[]): void {
  const c = colour(io);
  for (const d of diffs) {
    for (const line of d.slice(0, -1).split('\n')) {
      const first = line[0];
      const head = line.startsWith('---') || line.startsWith('+++');
      writeLine(
        io.stdout,
        head
          ? c('1', line)
          : first === '-'
            ? c('31', line)
            : first === '+'
              ? c('32', line)
              : first === '@'
                ? c('36', line)
                : line,
      );
    }
  }
  const objects = result.fileChanges.reduce((n, f) => n + f.objects.length, 0);
  const changes = result.fileChanges.reduce(
    (n, f) => n + f.objects.reduce((m, o) => m + o.changes.length, 0),
    0,
  );
  writeLine(
    io.stdout,
    `${diffs.length ? '\n' : ''}${result.fileChanges.length} file(s), ${objects} object(s), ${changes} change(s)`,
  );
  if (result.ignored.length) {
    writeLine(io.stdout, 'Ignored markers:');
    for (const m of result.ignored) {
      writeLine(
        io.stdout,
        `  ${m.file}:${m.line}:${m.column} ${m.setter} (${m.reason}): ${m.detail}`,
      );
    }
  }
  if (result.problems.length) {
    writeLine(io.stdout, 'Problems:');
    for (const p of result.problems) {
      const at = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
      writeLine(io.stdout, `  ${at}: ${p.message}`);
    }
  }
}

async function planTree(io: CliIO, v: Values, path: string, latest: Map<string, ImageRef>) {
  try {
    return await updateTree(resolve(io.cwd, v.dir as string), path, latest, {
      write: v.write === true,
    });
  } catch (err) {
    if (err instanceof UpdatePathError) throw new UsageError(err.message);
    throw err;
  }
}

async function runSource(io: CliIO, v: Values): Promise<number> {
  writeLine(io.stderr, '► scanning registries and selecting the latest images');
  // Loaded only for --source: it brings the registry client, which a --latest plan never needs.
  const { resolveSourcePlan } = await import('./plan-source.ts');
  const plan = await resolveSourcePlan(
    resolve(io.cwd, v.source as string),
    v['secrets-dir'],
    io.env,
  );
  for (const f of plan.failures) writeLine(io.stderr, `✗ ${f}`);
  const out: unknown[] = [];
  for (const { automation, latest } of plan.automations) {
    const id = `${automation.metadata.namespace}/${automation.metadata.name}`;
    const tree = await planTree(io, v, automation.spec.update.path || '.', latest);
    if (v.output === 'json') {
      out.push({ automation: id, ...tree.result });
      continue;
    }
    writeLine(
      io.stdout,
      `# ImageUpdateAutomation ${id} (update.path ${automation.spec.update.path || '.'})`,
    );
    printText(
      io,
      tree.result,
      tree.changed.map((f) => unifiedDiff(f.path, f.before, f.after)),
    );
  }
  if (v.output === 'json')
    writeLine(
      io.stdout,
      JSON.stringify(
        { automations: out, failures: plan.failures, written: v.write === true },
        null,
        2,
      ),
    );
  writeLine(
    io.stderr,
    `✔ planned ${plan.automations.length} automation(s)${v.write ? ' and wrote the changes' : ''}`,
  );
  return 0;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const v = parse(args);
  if (v.source) return runSource(io, v);
  const latestFile = resolve(io.cwd, v.latest as string);
  const text = await readFile(latestFile, 'utf8').catch((err: unknown) => {
    throw new UsageError(`--latest ${v.latest}: ${(err as Error).message}`);
  });
  const latest = parseLatest(text, v.latest as string);
  const tree = await planTree(io, v, v.path as string, latest);
  const written = v.write === true;
  if (v.output === 'json') {
    writeLine(io.stdout, JSON.stringify({ ...tree.result, written }, null, 2));
  } else {
    printText(
      io,
      tree.result,
      tree.changed.map((f) => unifiedDiff(f.path, f.before, f.after)),
    );
  }
  const files = tree.result.fileChanges.length;
  writeLine(
    io.stderr,
    `✔ ${written ? 'wrote' : 'planned'} changes to ${files} file(s) of ${tree.scanned} with markers`,
  );
  return 0;
}

/** planCommand is `tagpilot plan`. */
export const planCommand: Command = {
  path: ['plan'],
  summary: 'show (or --write) the image updates the Setters strategy makes',
  usage,
  run,
};
