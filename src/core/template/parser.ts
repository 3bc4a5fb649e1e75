// Parser for Go's text/template language, producing the same trees (and the same error texts,
// with the same line numbers) as Go's text/template/parse. Expressions live in parse-expr.ts.
import { TemplateParseError } from './errors.ts';
import { type Item, Lexer } from './lexer.ts';
import { isEmptyTree, type ListNode, type Node, nodeString, type PipeNode } from './nodes.ts';
import { ExprParser, type Tree } from './parse-expr.ts';
import { quoteGo } from './quote.ts';

export type { Tree } from './parse-expr.ts';

class TreeParser extends ExprParser {
  name: string;
  root: ListNode = { kind: 'list', pos: 0, nodes: [] };

  constructor(
    name: string,
    parseName: string,
    lex: Lexer,
    hasFunc: (name: string) => boolean,
    treeSet: Map<string, Tree>,
  ) {
    super(parseName, lex, hasFunc, treeSet);
    this.name = name;
  }

  add(): void {
    const tree = this.treeSet.get(this.name);
    if (tree === undefined || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, { name: this.name, root: this.root });
      return;
    }
    if (!isEmptyTree(this.root)) {
      this.errorf(`template: multiple definition of template ${quoteGo(this.name)}`);
    }
  }

  parse(): void {
    this.root = { kind: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'eof') {
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().typ === 'define') {
          const def = new TreeParser(
            'definition',
            this.parseName,
            this.lex,
            this.hasFunc,
            this.treeSet,
          );
          def.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
  }

  parseDefinition(): void {
    const context = 'define clause';
    const t = this.nextNonSpace();
    if (t.typ !== 'string' && t.typ !== 'rawString') this.unexpected(t, context);
    this.name = this.unquoteOrFail(t.val);
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  itemList(): [ListNode, Node] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'text':
        return { kind: 'text', pos: token.pos, text: token.val };
      case 'leftDelim':
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        return this.unexpected(token, 'input');
    }
  }

  action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const t = this.nextNonSpace();
        if (t.typ !== 'rightDelim') this.unexpected(t, `{{${token.typ}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${token.typ}}} outside {{range}}`);
        return { kind: token.typ, pos: token.pos, line: token.line };
      }
      case 'else': {
        const peek = this.peekNonSpace();
        if (peek.typ === 'if' || peek.typ === 'with') {
          return { kind: 'else', pos: peek.pos, line: peek.line };
        }
        const t = this.expect('rightDelim', 'else');
        return { kind: 'else', pos: t.pos, line: t.line };
      }
      case 'end':
        return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.parseControl(token.typ);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const t = this.peek();
    return {
      kind: 'action',
      pos: t.pos,
      line: t.line,
      pipe: this.pipeline('command', 'rightDelim'),
    };
  }

  parseControl(context: 'if' | 'range' | 'with'): Node {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === 'else') {
        const pk = this.peek().typ;
        if ((context === 'if' && pk === 'if') || (context === 'with' && pk === 'with')) {
          this.next();
          elseList = { kind: 'list', pos: next.pos, nodes: [this.parseControl(context)] };
        } else {
          let end: Node;
          [elseList, end] = this.itemList();
          if (end.kind !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
        }
      }
      return { kind: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new TreeParser(name, this.parseName, this.lex, this.hasFunc, this.treeSet);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add();
    return { kind: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  templateName(token: Item, context: string): string {
    if (token.typ === 'string' || token.typ === 'rawString') return this.unquoteOrFail(token.val);
    return this.unexpected(token, context);
  }
}

/** parseTemplates parses `text` as template `name`; returns every tree it defines, by name. */
export function parseTemplates(
  name: string,
  text: string,
  hasFunc: (name: string) => boolean,
): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const lex = new Lexer(text);
  lex.breakOK = !hasFunc('break');
  lex.continueOK = !hasFunc('continue');
  const main = new TreeParser(name, name, lex, hasFunc, treeSet);
  try {
    main.parse();
    main.add();
  } catch (err) {
    if (err instanceof RangeError) {
      throw new TemplateParseError(`template: ${name}: template too deeply nested`, { cause: err });
    }
    throw err;
  }
  return treeSet;
}
