// Statement walker of the template executor (Go's exec.go walk*): text, actions, if / with /
// range (with break, continue and else), template calls, plus the output budget.
import { TemplateExecError } from './errors.ts';
import { Evaluator, type ExecLimits, type FuncTable, isTrue } from './eval.ts';
import { formatValue } from './fmt.ts';
import { sortedEntries } from './map-order.ts';
import type { BranchNode, Node } from './nodes.ts';
import { nodeString } from './nodes.ts';
import type { Tree } from './parser.ts';
import { byteLength, isAscii, quoteGo } from './quote.ts';
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
  typeName,
  unwrap,
} from './values.ts';

export type { ExecLimits, FuncTable } from './eval.ts';
export { isTrue } from './eval.ts';

const BREAK = { kind: 'break' };
const CONTINUE = { kind: 'continue' };

/** Exec runs one template tree set against data. */
export class Exec extends Evaluator {
  private depth = 0;
  private out: string[] = [];
  private outLen = 0;
  private readonly trees: ReadonlyMap<string, Tree>;

  constructor(
    parseName: string,
    text: string,
    trees: ReadonlyMap<string, Tree>,
    table: FuncTable,
    limits: ExecLimits,
  ) {
    super(parseName, text, table, limits);
    this.trees = trees;
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
    if (data instanceof GoStruct) this.rootType = data.type;
    try {
      this.walk(data, tree.root);
    } catch (err) {
      if (err instanceof RangeError) this.limit('template recursion too deep');
      throw err;
    }
    return this.out.join('');
  }

  private write(s: string): void {
    this.outLen += isAscii(s) ? s.length : byteLength(s);
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
        this.walkIfOrWith(node, dot);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'text':
        this.write(node.text);
        return;
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
      for (let i = 0; i < v.length; i++) {
        const e = v[i];
        one(BigInt(i), iface && !(e instanceof Iface) ? new Iface(iface, e) : e);
      }
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

  private printValue(node: Node, v: GoValue): void {
    this.node = node;
    if (v === undefined || v === null) {
      this.write('<no value>');
      return;
    }
    if (v instanceof GoFunc) this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`);
    this.write(formatValue(v));
  }
}
