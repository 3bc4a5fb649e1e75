// `tagpilot template render`: renders a Go text/template with the commit-message function map
// (Go builtins + sprig's hermetic map, as Flux) and prints the text exactly as rendered.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CommitTemplateInput, commitTemplateData } from '../../core/template/commit-data.ts';
import { commitTemplateName } from '../../core/template/commit-message.ts';
import { TemplateExecError, TemplateParseError } from '../../core/template/errors.ts';
import { decodeJSON } from '../../core/template/go-json.ts';
import { sprigFuncs } from '../../core/template/sprig/index.ts';
import { Template } from '../../core/template/template.ts';
import type { GoValue } from '../../core/template/values.ts';
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';

const usage = `Usage: tagpilot template render --template <file> [--data <file.json>] [--commit]

Renders a Go text/template the way Flux renders spec.git.commit.messageTemplate
(template name "commit message", Go builtins + sprig's hermetic functions) and
prints the result exactly, without adding a newline.

Flags:
  --template <file>   template file ("-" for stdin)
  --data <file.json>  JSON data for the template ("-" for stdin); omitted = nil
  --commit            treat --data as a commit result and expose Flux's commit
                      template data (.AutomationObject, .Changed, .Updated, .Values):
                      {"automation":{"namespace":"..","name":".."},
                       "files":[{"file":"..","objects":[{"object":{"apiVersion":"..",
                       "kind":"..","name":"..","namespace":".."},"changes":[{"oldValue":"..",
                       "newValue":"..","setter":"ns:policy"}]}]}],
                       "latestByPolicy":{"ns:policy":{"name":"..","tag":"..","digest":".."}},
                       "values":{"key":"value"}}

Exit codes: 0 rendered, 2 bad arguments, unreadable input, or a template that
fails to parse or execute (the error is printed as Go prints it).`;

async function readInput(path: string, io: CliIO): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(Buffer.from(c as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(resolve(io.cwd, path), 'utf8');
}

function commitInput(raw: unknown, path: string): CommitTemplateInput {
  const o = raw as Partial<{
    automation: unknown;
    files: unknown;
    latestByPolicy: unknown;
    values: unknown;
  }>;
  if (!o || typeof o !== 'object' || !Array.isArray(o.files)) {
    throw new UsageError(`--data ${path}: a commit result needs a "files" array`);
  }
  (o.files as unknown[]).forEach((f, i) => {
    const file = f as { file?: unknown; objects?: unknown };
    if (typeof file?.file !== 'string' || !Array.isArray(file.objects)) {
      throw new UsageError(
        `--data ${path}: files[${i}] needs a "file" string and an "objects" array`,
      );
    }
    file.objects.forEach((ob, j) => {
      const x = ob as { object?: unknown; changes?: unknown };
      if (typeof x?.object !== 'object' || x.object === null || !Array.isArray(x.changes)) {
        throw new UsageError(
          `--data ${path}: files[${i}].objects[${j}] needs an "object" and a "changes" array`,
        );
      }
    });
  });
  const a = (o.automation ?? {}) as { namespace?: string; name?: string };
  const latest = new Map(
    Object.entries(
      (o.latestByPolicy ?? {}) as Record<string, { name: string; tag: string; digest?: string }>,
    ),
  );
  const base = {
    automation: { namespace: String(a.namespace ?? ''), name: String(a.name ?? '') },
    files: o.files as CommitTemplateInput['files'],
    latestByPolicy: latest,
  };
  return o.values ? { ...base, values: o.values as Record<string, string> } : base;
}

/** templateRender is the `template render` command. */
export const templateRender: Command = {
  path: ['template', 'render'],
  summary: 'render a Go text/template (commit message functions) with JSON data',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    let values: {
      template?: string | undefined;
      data?: string | undefined;
      commit?: boolean | undefined;
    };
    try {
      ({ values } = parseArgs({
        args,
        options: {
          template: { type: 'string' },
          data: { type: 'string' },
          commit: { type: 'boolean' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (!values.template) throw new UsageError('--template is required');
    let text: string;
    let data: GoValue = null;
    try {
      text = await readInput(values.template, io);
      if (values.data !== undefined) {
        const raw = await readInput(values.data, io);
        try {
          data = values.commit
            ? commitTemplateData(commitInput(JSON.parse(raw), values.data))
            : decodeJSON(raw);
        } catch (err) {
          if (err instanceof UsageError) throw err;
          throw new UsageError(`--data ${values.data}: invalid JSON: ${(err as Error).message}`);
        }
      }
    } catch (err) {
      if (err instanceof UsageError) throw err;
      writeLine(io.stderr, `✗ ${(err as Error).message}`);
      return 2;
    }
    try {
      const out = Template.parse(commitTemplateName, text, sprigFuncs).execute(data).output;
      io.stdout.write(out);
      return 0;
    } catch (err) {
      if (err instanceof TemplateParseError || err instanceof TemplateExecError) {
        writeLine(io.stderr, `✗ ${err.message}`);
        return 2;
      }
      throw err;
    }
  },
};
