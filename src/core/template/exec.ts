// Executor for parsed templates, following Go's text/template exec.go: the same evaluation order,
// the same interface-unwrapping points and the same error texts, plus step and output budgets.
import { TemplateExecError, TemplateLimitError } from './errors.ts';
import { formatValue } from './fmt.ts';
import { sortedEntries } from './map-order.ts';
import type { BranchNode, CommandNode, Node, PipeNode } from './nodes.ts';
import { nodeString } from './nodes.ts';
import type { Tree } from './parser.ts';
import { quoteGo, utf8Bytes } from './quote.ts';
import { ArgTypeError, coerceArg, FuncError } from './types.ts';
import {
  GoFunc,
  GoNum,
  GoStruct,
  type GoValue,
  Iface,
  infoOf,
  intValue,
  isInterfaceType,
  kindOf,
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
const MISSING = new GoStruct('template.missingValType', []);
const BREAK = { kind: 'break' };
const CONTINUE = { kind: 'continue' };

/** Exec runs one template tree set against data. */
export class Exec {
  private vars: { name: string; value: GoValue }[] = [];
  private node: Node | null = null;
  private tmplName: string;
  private depth = 0;
  private steps = 0;
  private out: string[] = [];
  private outLen = 0;
  /** fieldsUsed records `<struct type>.<field>` for every struct field or method the template touched. */
  readonly fieldsUsed = new Set<string>();

  private readonly parseName: string;
  private readonly text: string;
  private readonly trees: ReadonlyMap<string, Tree>;
  private readonly table: FuncTable;
  private readonly limits: ExecLimits;

  constructor(
    parseName: string,
    text: string,
    trees: ReadonlyMap<string, Tree>,
    table: FuncTable,
    limits: ExecLimits,
  ) {
    this.parseName = parseName;
    this.text = text;
    this.trees = trees;
    this.table = table;
    this.limits = limits;
    this.tmplName = parseName;
  }

  /** run executes the named template and returns its output. */
  run(name: string, data: GoValue): string {
    const tree = this.trees.get(name);
    this.tmplName = name;
    if (!tree)
      throw new TemplateExecError(
        `template: ${name}: ${quoteGo(name)} is an incomplete or empty template`,
      );
    this.vars = [{ name: '$', value: data }];
    try {
      this.walk(data, tree.root);
    } catch (err) {
      if (err instanceof RangeError) this.limit('template recursion too deep');
      throw err;
    }
    return this.out.join('');
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
  private tick(): void {
    if (++this.steps > this.limits.maxSteps) {
      this.limit(`execution exceeded ${this.limits.maxSteps} steps`);
    }
  }
  private write(s: string): void {
    this.outLen += s.length;
    if (this.outLen > this.limits.maxOutputBytes) {
      this.limit(`output exceeded ${this.limits.maxOutputBytes} bytes`);
    }
    this.out.push(s);
  }

  walk(dot: GoValue, node: Node): void {
    this.tick();
    this.node = node;
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node, dot);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        return this.write(node.text);
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(node: BranchNode, dot: GoValue): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) this.walk(node.kind === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: GoValue, r: BranchNode): void {
    this.node = r;
    const outer = this.vars.length;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const one = (index: GoValue, elem: GoValue): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.vars[this.vars.length - 1]!.value = elem;
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.vars[this.vars.length - 2]!.value = index;
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      let ran = false;
      try {
        ran = this.iterate(val, decl.length, one);
      } catch (e) {
        if (e !== BREAK) throw e;
        return;
      }
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.vars.length = outer;
    }
  }

  private iterate(val: GoValue, nvars: number, one: (i: GoValue, e: GoValue) => void): boolean {
    const v = unwrap(val);
    const k = kindOf(v);
    if (k === 'int' || k === 'uint') {
      if (nvars > 1)
        this.errorf(`can't use ${formatValue(v)} to iterate over more than one variable`);
      const n = intValue(v)!;
      for (let i = 0n; i < n; i++) {
        this.tick();
        one(undefined, typeof v === 'bigint' ? i : new GoNum((v as GoNum).type, i));
      }
      return n > 0n;
    }
    if (Array.isArray(v)) {
      const iface = isInterfaceType(infoOf(v).elem) ? infoOf(v).elem : undefined;
      v.forEach((e, i) => one(BigInt(i), iface && !(e instanceof Iface) ? new Iface(iface, e) : e));
      return v.length > 0;
    }
    if (v instanceof Map) {
      const iface = isInterfaceType(infoOf(v).elem) ? infoOf(v).elem : undefined;
      for (const [key, e] of sortedEntries(v)) {
        one(key, iface && !(e instanceof Iface) ? new Iface(iface, e) : e);
      }
      return v.size > 0;
    }
    if (v === undefined || v === null) return false;
    return this.errorf(`range can't iterate over ${formatValue(v)}`);
  }

  private walkTemplate(dot: GoValue, t: Extract<Node, { kind: 'template' }>): void {
    this.node = t;
    const tree = this.trees.get(t.name);
    if (!tree) this.errorf(`template ${quoteGo(t.name)} not defined`);
    if (this.depth >= this.limits.maxDepth) {
      this.errorf(`exceeded maximum template depth (${this.limits.maxDepth})`);
    }
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    const saved = { vars: this.vars, name: this.tmplName };
    this.depth++;
    this.vars = [{ name: '$', value: newDot }];
    this.tmplName = t.name;
    try {
      this.walk(newDot, tree.root);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  evalPipeline(dot: GoValue, pipe: PipeNode): GoValue {
    this.node = pipe;
    let value: GoValue = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value instanceof Iface && value.type === 'interface {}') value = value.value ?? undefined;
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  private notAFunction(args: Node[], final: GoValue): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
    }
  }

  evalCommand(dot: GoValue, cmd: CommandNode, final: GoValue): GoValue {
    this.tick();
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field':
        this.node = first;
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.val;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    return this.errorf(`can't evaluate command ${quoteGo(nodeString(first))}`);
  }

  idealConstant(n: Extract<Node, { kind: 'number' }>): GoValue {
    this.node = n;
    const hexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hexInt && n.text[0] !== "'" && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return n.int;
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  private evalChain(
    dot: GoValue,
    chain: Extract<Node, { kind: 'chain' }>,
    args: Node[] | null,
    final: GoValue,
  ): GoValue {
    this.node = chain;
    if (chain.node.kind === 'nil')
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariable(
    dot: GoValue,
    v: Extract<Node, { kind: 'variable' }>,
    args: Node[] | null,
    final: GoValue,
  ): GoValue {
    this.node = v;
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    node: Node,
    ident: string[],
    args: Node[] | null,
    final: GoValue,
  ): GoValue {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver);
    }
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  private evalFunction(
    dot: GoValue,
    node: Extract<Node, { kind: 'identifier' }>,
    cmd: Node,
    args: Node[] | null,
    final: GoValue,
  ): GoValue {
    this.node = node;
    const name = node.ident;
    const fn = this.table.funcs.get(name);
    const builtin = fn ? undefined : this.table.builtins.get(name);
    if (!fn && !builtin) this.errorf(`${quoteGo(name)} is not a defined function`);
    return this.evalCall(dot, (fn ?? builtin)!, builtin !== undefined, cmd, name, args, final);
  }

  private evalField(
    dot: GoValue,
    field: string,
    node: Node,
    args: Node[] | null,
    final: GoValue,
    receiver: GoValue,
  ): GoValue {
    if (receiver === undefined || receiver === null) return undefined;
    const typ = typeName(receiver);
    if (receiver instanceof Iface) {
      if (receiver.value === null || receiver.value === undefined) {
        this.errorf(`nil pointer evaluating ${typ}.${field}`);
      }
      receiver = receiver.value;
    }
    if (receiver instanceof GoStruct) this.fieldsUsed.add(`${receiver.type}.${field}`);
    if (receiver instanceof GoStruct) {
      const method = structMethod(receiver, field);
      if (method) return this.evalCall(dot, method, false, node, field, args, final);
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof GoStruct) {
      const f = structField(receiver, field);
      if (f.found) {
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
    return this.errorf(`can't evaluate field ${field} in type ${typ}`);
  }

  private evalCall(
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

  private printValue(node: Node, v: GoValue): void {
    this.node = node;
    if (v === undefined || v === null) return this.write('<no value>');
    if (v instanceof GoFunc) this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`);
    this.write(formatValue(v));
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
