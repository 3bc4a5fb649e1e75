// Pipeline evaluation for the template executor, following Go's text/template exec.go:
// commands, constants, variables, field chains and function lookup (calls live in call.ts).
import { CallEvaluator, MISSING } from './call.ts';
import type { CommandNode, Node, PipeNode } from './nodes.ts';
import { nodeString } from './nodes.ts';
import { quoteGo } from './quote.ts';
import { type GoValue, Iface } from './values.ts';

export type { ExecLimits, FuncTable } from './call.ts';
export { isTrue } from './call.ts';

/** Evaluator holds variables and evaluates pipelines; Exec adds the statement walker. */
export class Evaluator extends CallEvaluator {
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

  protected setVar(name: string, value: GoValue): void {
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

  protected evalChain(
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

  protected evalVariable(
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

  protected evalFieldChain(
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

  protected evalFunction(
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
}
