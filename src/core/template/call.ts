// Calls and arguments for the template executor (Go's evalField, evalCall, evalArg and
// validateType): method and field lookup, arity and type checks, and how function errors surface.
import { TemplateExecError, TemplateLimitError } from './errors.ts';
import { formatValue } from './fmt.ts';
import type { Node, PipeNode } from './nodes.ts';
import { nodeString } from './nodes.ts';
import { quoteGo, utf8Bytes } from './quote.ts';
import { ArgTypeError, coerceArg, FuncError } from './types.ts';
import {
  type GoFunc,
  GoStruct,
  type GoValue,
  Iface,
  infoOf,
  intValue,
  isInterfaceType,
  structField,
  structMethod,
  typeName,
  unwrap,
} from './values.ts';

/** ExecLimits bounds a run: evaluation steps, output size and template call depth. */
export interface ExecLimits {
  readonly maxSteps: number;
  readonly maxOutputBytes: number;
  readonly maxDepth: number;
}

/** FuncTable is the function namespace: user functions shadow builtins, as in Go. */
export interface FuncTable {
  readonly funcs: ReadonlyMap<string, GoFunc>;
  readonly builtins: ReadonlyMap<string, GoFunc>;
}

/** MISSING marks "no final pipeline value" (Go's missingVal). */
export const MISSING = new GoStruct('template.missingValType', []);

/** CallEvaluator evaluates calls and arguments; Evaluator supplies pipelines and chains. */
export abstract class CallEvaluator {
  protected vars: { name: string; value: GoValue }[] = [];
  protected node: Node | null = null;
  protected tmplName: string;
  private steps = 0;
  /** fieldsUsed records `<type>.<field>` for every field or method of the root struct the template touched. */
  readonly fieldsUsed = new Set<string>();
  /** rootType is the struct type whose field use is recorded (set from the data's type). */
  rootType = '';
  protected readonly parseName: string;
  private readonly text: string;
  protected readonly table: FuncTable;
  protected readonly limits: ExecLimits;

  constructor(parseName: string, text: string, table: FuncTable, limits: ExecLimits) {
    this.parseName = parseName;
    this.text = text;
    this.table = table;
    this.limits = limits;
    this.tmplName = parseName;
  }

  errorf(msg: string): never {
    const name = this.tmplName;
    if (!this.node) throw new TemplateExecError(`template: ${name}: ${msg}`);
    const pos = this.node.pos;
    const before = this.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = utf8Bytes(nl < 0 ? before : before.slice(nl + 1)).length;
    throw new TemplateExecError(
      `template: ${this.parseName}:${line}:${col}: executing ${quoteGo(name)} at <${nodeString(this.node)}>: ${msg}`,
    );
  }
  limit(what: string): never {
    throw new TemplateLimitError(`template: ${this.tmplName}: ${what}`);
  }
  protected tick(): void {
    if (++this.steps > this.limits.maxSteps) {
      this.limit(`execution exceeded ${this.limits.maxSteps} steps`);
    }
  }

  abstract evalPipeline(dot: GoValue, pipe: PipeNode): GoValue;
  abstract idealConstant(n: Extract<Node, { kind: 'number' }>): GoValue;
  protected abstract evalChain(
    dot: GoValue,
    chain: Extract<Node, { kind: 'chain' }>,
    args: Node[] | null,
    final: GoValue,
  ): GoValue;
  protected abstract evalVariable(
    dot: GoValue,
    v: Extract<Node, { kind: 'variable' }>,
    args: Node[] | null,
    final: GoValue,
  ): GoValue;
  protected abstract evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    node: Node,
    ident: string[],
    args: Node[] | null,
    final: GoValue,
  ): GoValue;
  protected abstract evalFunction(
    dot: GoValue,
    node: Extract<Node, { kind: 'identifier' }>,
    cmd: Node,
    args: Node[] | null,
    final: GoValue,
  ): GoValue;

  protected evalField(
    dot: GoValue,
    field: string,
    node: Node,
    args: Node[] | null,
    final: GoValue,
    receiver: GoValue,
  ): GoValue {
    if (receiver === undefined || receiver === null) return undefined;
    const outer = receiver;
    if (receiver instanceof Iface) {
      if (receiver.value === null || receiver.value === undefined) {
        this.errorf(`nil pointer evaluating ${typeName(outer)}.${field}`);
      }
      receiver = receiver.value;
    }
    if (receiver instanceof GoStruct && receiver.type === this.rootType) {
      this.fieldsUsed.add(`${receiver.type}.${field}`);
    }
    if (receiver instanceof GoStruct) {
      const method = structMethod(receiver, field);
      if (method) return this.evalCall(dot, method, false, node, field, args, final);
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof GoStruct) {
      const f = structField(receiver, field);
      if (f.found) {
        if (f.unexported)
          this.errorf(`${field} is an unexported field of struct type ${typeName(outer)}`);
        if (hasArgs) this.errorf(`${field} has arguments but cannot be invoked as function`);
        return f.value;
      }
    } else if (receiver instanceof Map) {
      const info = infoOf(receiver);
      if ((info.key ?? 'string') === 'string') {
        if (hasArgs) this.errorf(`${field} is not a method but has arguments`);
        if (!receiver.has(field)) return undefined;
        const v = receiver.get(field);
        return isInterfaceType(info.elem) && !(v instanceof Iface) ? new Iface(info.elem, v) : v;
      }
    }
    return this.errorf(`can't evaluate field ${field} in type ${typeName(outer)}`);
  }

  protected evalCall(
    dot: GoValue,
    fn: GoFunc,
    isBuiltin: boolean,
    node: Node,
    name: string,
    argNodes: Node[] | null,
    final: GoValue,
  ): GoValue {
    const args = argNodes ? argNodes.slice(1) : [];
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic !== undefined) {
      numFixed = fn.params.length;
      if (numIn < numFixed) {
        this.errorf(
          `wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`,
        );
      }
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: GoValue;
      for (const a of args) {
        v = this.evalArg(dot, 'reflect.Value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.coerce(final, 'reflect.Value');
      return v;
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++)
      argv.push(this.evalArg(dot, fn.params[i]!, args[i]!));
    if (fn.variadic !== undefined)
      for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]!));
    if (final !== MISSING) {
      let t = fn.variadic ?? fn.params[fn.params.length - 1]!;
      if (fn.variadic !== undefined && numIn - 1 < numFixed) t = fn.params[numIn - 1]!;
      argv.push(this.coerce(final, t));
    }
    if (isBuiltin && name === 'call') {
      argv.unshift(args.length === 0 ? formatValue(final) : nodeString(args[0]!));
    }
    try {
      return fn.fn(...argv);
    } catch (err) {
      if (err instanceof TemplateExecError) throw err;
      this.node = node;
      if (err instanceof FuncError || err instanceof ArgTypeError)
        this.errorf(`error calling ${name}: ${err.message}`);
      if (err instanceof RangeError) throw err;
      throw err;
    }
  }

  private coerce(v: GoValue, t: string | null): GoValue {
    try {
      return coerceArg(v, t);
    } catch (err) {
      if (err instanceof ArgTypeError) this.errorf(err.message);
      throw err;
    }
  }

  evalArg(dot: GoValue, typ: string | null, n: Node): GoValue {
    this.node = n;
    switch (n.kind) {
      case 'dot':
        return this.coerce(dot, typ);
      case 'nil':
        if (
          typ !== null &&
          (typ === 'reflect.Value' ||
            typ.startsWith('[]') ||
            typ.startsWith('map[') ||
            isInterfaceType(typ))
        ) {
          return this.coerce(undefined, typ);
        }
        return this.errorf(`cannot assign nil to ${typ}`);
      case 'field':
        return this.coerce(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), typ);
      case 'variable':
        return this.coerce(this.evalVariable(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.coerce(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.coerce(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.coerce(this.evalChain(dot, n, null, MISSING), typ);
    }
    const s = nodeString(n);
    switch (typ) {
      case 'bool':
        if (n.kind === 'bool') return n.val;
        return this.errorf(`expected bool; found ${s}`);
      case 'string':
        if (n.kind === 'string') return n.text;
        return this.errorf(`expected string; found ${s}`);
      case 'int':
        if (n.kind === 'number' && n.isInt) return n.int;
        return this.errorf(`expected integer; found ${s}`);
      case 'float64':
        if (n.kind === 'number' && n.isFloat) return n.float;
        return this.errorf(`expected float; found ${s}`);
      case 'interface {}':
      case 'reflect.Value':
        if (n.kind === 'bool') return n.val;
        if (n.kind === 'number') return this.idealConstant(n);
        if (n.kind === 'string') return n.text;
    }
    return this.errorf(`can't handle ${s} for arg of type ${typ}`);
  }
}

/** isTrue is Go's template truth: non-zero numbers, non-empty strings/collections, any struct. */
export function isTrue(v: GoValue): boolean {
  v = unwrap(v);
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  const i = intValue(v);
  if (i !== undefined) return i !== 0n;
  return true;
}
