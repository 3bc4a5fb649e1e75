// Parse-tree nodes of a text/template, and their source-like rendering (Go's Node.String), which
// appears in execution errors as `executing "name" at <...>`.
import { quoteGo } from './quote.ts';

/** NumberValue is a numeric constant with every interpretation Go's parser derived for it. */
export interface NumberValue {
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly int: bigint;
  readonly uint: bigint;
  readonly float: number;
  readonly text: string;
}

/** Node is any parse-tree node; `pos` is the offset in the template source. */
export type Node =
  | { kind: 'list'; pos: number; nodes: Node[] }
  | { kind: 'text'; pos: number; text: string }
  | { kind: 'action'; pos: number; line: number; pipe: PipeNode }
  | PipeNode
  | CommandNode
  | { kind: 'identifier'; pos: number; ident: string }
  | VariableNode
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'field'; pos: number; ident: string[] }
  | { kind: 'chain'; pos: number; node: Node; field: string[] }
  | { kind: 'bool'; pos: number; val: boolean }
  | ({ kind: 'number'; pos: number } & NumberValue)
  | { kind: 'string'; pos: number; quoted: string; text: string }
  | { kind: 'end'; pos: number }
  | { kind: 'else'; pos: number; line: number }
  | BranchNode
  | { kind: 'break'; pos: number; line: number }
  | { kind: 'continue'; pos: number; line: number }
  | { kind: 'template'; pos: number; line: number; name: string; pipe: PipeNode | null };

/** PipeNode is a pipeline with optional variable declarations. */
export interface PipeNode {
  kind: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
/** CommandNode is one pipeline stage: a function/field and its arguments. */
export interface CommandNode {
  kind: 'command';
  pos: number;
  args: Node[];
}
/** VariableNode is `$x` possibly followed by field names (`$x.A.B`). */
export interface VariableNode {
  kind: 'variable';
  pos: number;
  ident: string[];
}
/** BranchNode is if / range / with. */
export interface BranchNode {
  kind: 'if' | 'range' | 'with';
  pos: number;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
/** ListNode is a sequence of nodes. */
export type ListNode = Extract<Node, { kind: 'list' }>;

/** nodeString renders a node the way Go's Node.String does. */
export function nodeString(n: Node): string {
  switch (n.kind) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) {
        s += n.decl.map(nodeString).join(', ');
        s += n.isAssign ? ' = ' : ' := ';
      }
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args
        .map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a)))
        .join(' ');
    case 'identifier':
      return n.ident;
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return n.ident.map((i) => `.${i}`).join('');
    case 'chain': {
      const head = n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.field.map((f) => `.${f}`).join('');
    }
    case 'bool':
      return n.val ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
    case 'if':
    case 'range':
    case 'with': {
      const els = n.elseList ? `{{else}}${nodeString(n.elseList)}` : '';
      return `{{${n.kind} ${nodeString(n.pipe)}}}${nodeString(n.list)}${els}{{end}}`;
    }
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'template':
      return n.pipe
        ? `{{template ${quoteGo(n.name)} ${nodeString(n.pipe)}}}`
        : `{{template ${quoteGo(n.name)}}}`;
  }
}

const goSpaceOnly = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** isEmptyTree is Go's parse.IsEmptyTree: only whitespace text and comments. */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  if (n.kind === 'list') return n.nodes.every(isEmptyTree);
  if (n.kind === 'text') return goSpaceOnly.test(n.text);
  return false;
}
