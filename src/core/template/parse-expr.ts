// Expression half of the text/template parser: the token buffer with Go's look-ahead rules,
// and pipelines, commands, operands and terms (with Go's error texts and line numbers).
import { TemplateParseError } from './errors.ts';
import { type Item, type ItemType, itemString, type Lexer } from './lexer.ts';
import { charNumber, parseNumber, unquote } from './literals.ts';
import {
  type CommandNode,
  type ListNode,
  type Node,
  nodeString,
  type PipeNode,
  type VariableNode,
} from './nodes.ts';
import { quoteGo } from './quote.ts';

/** maxParenDepth bounds nested parentheses (Go allows 10000; JS stacks are smaller). */
const maxParenDepth = 1000;

/** Tree is one parsed template (the main one or a {{define}}). */
export interface Tree {
  readonly name: string;
  readonly root: ListNode;
}

/** ExprParser holds the token buffer and parses pipelines, commands and operands. */
export class ExprParser {
  protected token: Item[] = [];
  protected peekCount = 0;
  protected vars: string[] = ['$'];
  protected actionLine = 0;
  protected rangeDepth = 0;
  protected stackDepth = 0;
  protected readonly parseName: string;
  protected readonly lex: Lexer;
  protected readonly hasFunc: (name: string) => boolean;
  protected readonly treeSet: Map<string, Tree>;

  constructor(
    parseName: string,
    lex: Lexer,
    hasFunc: (name: string) => boolean,
    treeSet: Map<string, Tree>,
  ) {
    this.parseName = parseName;
    this.lex = lex;
    this.hasFunc = hasFunc;
    this.treeSet = treeSet;
  }

  errorf(msg: string): never {
    const line = this.token[0]?.line ?? 1;
    throw new TemplateParseError(`template: ${this.parseName}:${line}: ${msg}`);
  }
  next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount]!;
  }
  backup(): void {
    this.peekCount++;
  }
  backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  nextNonSpace(): Item {
    for (;;) {
      const t = this.next();
      if (t.typ !== 'space') return t;
    }
  }
  peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  expect(typ: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }
  unexpected(token: Item, context: string): never {
    if (token.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  unquoteOrFail(lit: string): string {
    try {
      return unquote(lit);
    } catch (err) {
      return this.errorf((err as Error).message);
    }
  }

  pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = {
      kind: 'pipe',
      pos: token.pos,
      line: token.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.next();
      const after = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (after.typ === 'space') {
        this.backup3(v, after);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0]!.kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): Node | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      const chain: Node = { kind: 'chain', pos, node, field: fields };
      switch (node.kind) {
        case 'field':
          node = { kind: 'field', pos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { kind: 'variable', pos, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${quoteGo(nodeString(node))}`);
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!this.hasFunc(token.val)) this.errorf(`function ${quoteGo(token.val)} not defined`);
        return { kind: 'identifier', pos: token.pos, ident: token.val };
      case 'dot':
        return { kind: 'dot', pos: token.pos };
      case 'nil':
        return { kind: 'nil', pos: token.pos };
      case 'variable':
        return this.useVar(token.pos, token.val);
      case 'field':
        return { kind: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
      case 'bool':
        return { kind: 'bool', pos: token.pos, val: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        try {
          const num = token.typ === 'charConstant' ? charNumber(token.val) : parseNumber(token.val);
          return { kind: 'number', pos: token.pos, ...num };
        } catch (err) {
          return this.errorf((err as Error).message);
        }
      case 'leftParen': {
        if (this.stackDepth >= maxParenDepth) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', 'rightParen');
        } finally {
          this.stackDepth--;
        }
      }
      case 'string':
      case 'rawString':
        return {
          kind: 'string',
          pos: token.pos,
          quoted: token.val,
          text: this.unquoteOrFail(token.val),
        };
    }
    this.backup();
    return null;
  }

  newVariable(pos: number, name: string): VariableNode {
    return { kind: 'variable', pos, ident: name.split('.') };
  }

  useVar(pos: number, name: string): Node {
    const v = this.newVariable(pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${quoteGo(v.ident[0]!)}`);
    return v;
  }
}
