// Tokeniser for Go's text/template language. It follows Go's lexer state by state so that token
// boundaries, trim markers and error texts (which end up in parse errors) come out the same.
import { countNewlines, hasRightTrim, isSpace, lexInsideAction, lexText } from './lex-states.ts';
import type { Item, ItemType } from './tokens.ts';

export type { Item, ItemType } from './tokens.ts';
export { itemString } from './tokens.ts';

/** State is one step of the lexer's state machine. */
export type State = ((l: Lexer) => State) | null;

/** Lexer produces items on demand for the parser. */
export class Lexer {
  readonly input: string;
  pos = 0;
  start = 0;
  line = 1;
  startLine = 1;
  parenDepth = 0;
  insideAction = false;
  item: Item = { typ: 'eof', pos: 0, val: 'EOF', line: 1 };
  breakOK = true;
  continueOK = true;
  private input2: string;

  constructor(input: string) {
    this.input = input;
    this.input2 = input;
  }

  /** nextItem runs the state machine until it yields one item. */
  nextItem(): Item {
    this.item = { typ: 'eof', pos: this.pos, val: 'EOF', line: this.startLine };
    let state: State = this.insideAction ? lexInsideAction : lexText;
    while (state) state = state(this);
    return this.item;
  }

  get src(): string {
    return this.input2;
  }
  next(): string | undefined {
    if (this.pos >= this.input2.length) return undefined;
    const cp = this.input2.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    if (ch === '\n') this.line++;
    return ch;
  }
  peek(): string | undefined {
    if (this.pos >= this.input2.length) return undefined;
    return String.fromCodePoint(this.input2.codePointAt(this.pos)!);
  }
  backup(ch: string | undefined): void {
    if (ch === undefined) return;
    this.pos -= ch.length;
    if (ch === '\n') this.line--;
  }
  thisItem(typ: ItemType): Item {
    const i = {
      typ,
      pos: this.start,
      val: this.input2.slice(this.start, this.pos),
      line: this.startLine,
    };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }
  emit(typ: ItemType): State {
    return this.emitItem(this.thisItem(typ));
  }
  emitItem(i: Item): State {
    this.item = i;
    return null;
  }
  ignore(): void {
    this.line += countNewlines(this.input2.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }
  accept(valid: string): boolean {
    const c = this.next();
    if (c !== undefined && valid.includes(c)) return true;
    this.backup(c);
    return false;
  }
  acceptRun(valid: string): void {
    for (;;) {
      const c = this.next();
      if (c === undefined || !valid.includes(c)) {
        this.backup(c);
        return;
      }
    }
  }
  errorf(msg: string): State {
    this.item = { typ: 'error', pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input2 = '';
    return null;
  }
  atRightDelim(): { delim: boolean; trim: boolean } {
    const s = this.input2;
    if (hasRightTrim(s, this.pos) && s.startsWith('}}', this.pos + 2)) {
      return { delim: true, trim: true };
    }
    if (s.startsWith('}}', this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    if (r === undefined || '.,|:)('.includes(r)) return true;
    return this.input2.startsWith('}}', this.pos);
  }
}
