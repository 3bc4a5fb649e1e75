// Public entry of the engine: parse a Go text/template with a function map, execute it on data.
import { builtins } from './builtins.ts';
import { Exec, type ExecLimits } from './exec.ts';
import { parseTemplates, type Tree } from './parser.ts';
import type { GoFunc, GoValue } from './values.ts';

/** defaultLimits bound every execution: a hostile template cannot hang or exhaust memory. */
export const defaultLimits: ExecLimits = {
  maxSteps: 5_000_000,
  maxOutputBytes: 4 << 20,
  maxDepth: 1000,
};

/** ExecResult is a rendered text plus the struct fields the template touched. */
export interface ExecResult {
  readonly output: string;
  readonly fieldsUsed: ReadonlySet<string>;
}

/** Template is a parsed template set (the main template and its {{define}}s). */
export class Template {
  readonly name: string;
  private readonly text: string;
  private readonly trees: ReadonlyMap<string, Tree>;
  private readonly funcs: ReadonlyMap<string, GoFunc>;

  private constructor(
    name: string,
    text: string,
    trees: ReadonlyMap<string, Tree>,
    funcs: ReadonlyMap<string, GoFunc>,
  ) {
    this.name = name;
    this.text = text;
    this.trees = trees;
    this.funcs = funcs;
  }

  /** parse parses `text` as template `name`; throws TemplateParseError with Go's message. */
  static parse(
    name: string,
    text: string,
    funcs: ReadonlyMap<string, GoFunc> = new Map(),
  ): Template {
    const has = (fn: string): boolean => funcs.has(fn) || builtins.has(fn);
    return new Template(name, text, parseTemplates(name, text, has), funcs);
  }

  /** execute renders the template; throws TemplateExecError with Go's message. */
  execute(data: GoValue, limits: Partial<ExecLimits> = {}): ExecResult {
    const exec = new Exec(
      this.name,
      this.text,
      this.trees,
      { funcs: this.funcs, builtins },
      { ...defaultLimits, ...limits },
    );
    const output = exec.run(this.name, data);
    return { output, fieldsUsed: exec.fieldsUsed };
  }
}
