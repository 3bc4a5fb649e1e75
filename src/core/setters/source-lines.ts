// Line arithmetic over one file's text, plus the set of real comment tokens (so a `#` inside a
// block scalar body is never mistaken for a comment).

/** SourceLines answers line questions about one YAML text. */
export class SourceLines {
  readonly text: string;
  readonly #starts: number[];
  readonly #comments: ReadonlySet<number>;

  constructor(text: string, lineStarts: readonly number[], commentOffsets: ReadonlySet<number>) {
    this.text = text;
    this.#starts = [...lineStarts];
    if (this.#starts[0] !== 0) this.#starts.unshift(0);
    this.#comments = commentOffsets;
  }

  /** lineOf returns the 0-based line index containing offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** position returns the 1-based line and column of offset. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - (this.#starts[line] ?? 0) + 1 };
  }

  /** lineCount is the number of lines. */
  get lineCount(): number {
    return this.#starts.length;
  }

  /** lineStart is the offset of a line's first character. */
  lineStart(line: number): number {
    return this.#starts[line] ?? this.text.length;
  }

  /** lineEnd is the offset of a line's end, before any `\r\n` or `\n`. */
  lineEnd(line: number): number {
    let end = line + 1 < this.#starts.length ? (this.#starts[line + 1] ?? 0) - 1 : this.text.length;
    if (end > 0 && this.text[end - 1] === '\r' && end - 1 >= this.lineStart(line)) end--;
    return Math.max(end, this.lineStart(line));
  }

  /** commentOffsets lists every comment token's offset in ascending order. */
  commentOffsets(): number[] {
    return [...this.#comments].sort((a, b) => a - b);
  }

  /** isComment tells whether a real comment token starts at offset. */
  isComment(offset: number): boolean {
    return this.#comments.has(offset);
  }

  /** commentText returns the comment starting at offset, up to the end of its line. */
  commentText(offset: number): string {
    return this.text.slice(offset, this.lineEnd(this.lineOf(offset)));
  }

  /** firstNonBlank returns the offset of the first non-space, non-tab character of a line, or -1. */
  firstNonBlank(line: number): number {
    const end = this.lineEnd(line);
    for (let i = this.lineStart(line); i < end; i++) {
      const c = this.text[i];
      if (c !== ' ' && c !== '\t') return i;
    }
    return -1;
  }

  /** commentOnlyLine returns the comment offset when a line holds nothing but a comment. */
  commentOnlyLine(line: number): number | undefined {
    const first = this.firstNonBlank(line);
    return first >= 0 && this.isComment(first) ? first : undefined;
  }

  /** trailingComment returns the offset of a comment following `from` on the same line. */
  trailingComment(from: number, allowComma: boolean): number | undefined {
    const end = this.lineEnd(this.lineOf(from));
    let i = from;
    const skip = (): void => {
      while (i < end && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    };
    skip();
    if (allowComma && this.text[i] === ',') {
      i++;
      skip();
    }
    return i < end && this.isComment(i) ? i : undefined;
  }
}
