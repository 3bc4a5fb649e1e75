// Parsing one file for the setters: the `yaml` package's CST (exact offsets, every comment token)
// composed into documents, plus the file-level checks kyaml's reader makes before Flux sets
// anything (document separators, one mapping per document).

import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isNode,
  Lexer,
  LineCounter,
  Parser,
  visit,
} from 'yaml';

type Token = CST.Token;

import { SourceLines } from './source-lines.ts';

/** ParsedFile is one YAML file ready for marker lookup. */
export interface ParsedFile {
  readonly documents: readonly Document.Parsed[];
  readonly lines: SourceLines;
  /** lexemes are the `yaml` lexer's output for the text (control markers included). */
  readonly lexemes: readonly string[];
}

/** FileParseError is why a file could not be used, with a 1-based position. */
export interface FileParseError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const composerOptions = {
  keepSourceTokens: true,
  // yaml.v3 (and so Flux) accepts duplicate keys in a node tree; so do we.
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
} as const;

// The lexer's zero-width markers (document, flow end, scalar); they take no room in the text.
const scalarMarker = '\x1f';
const controlMarkers = new Set(['\x02', '\x18', scalarMarker]);

// kyaml splits documents itself on lines starting with `---` and refuses a separator line that
// carries anything but a comment.
function separatorError(text: string, lines: SourceLines): FileParseError | undefined {
  for (let l = 1; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    if (!text.startsWith('---', start)) continue;
    if (lines.lineEnd(l) >= text.length && !text.endsWith('\n')) continue;
    const rest = text.slice(start + 3, lines.lineEnd(l)).trim();
    if (rest !== '' && !rest.startsWith('#')) {
      return {
        line: l + 1,
        column: 1,
        message: `invalid document separator: ${text.slice(start, lines.lineEnd(l)).trim()}`,
      };
    }
  }
  return undefined;
}

// yaml.v3 refuses an alias to an anchor not defined earlier in the document.
function aliasError(doc: Document.Parsed, lines: SourceLines): FileParseError | undefined {
  const anchors = new Set<string>();
  let found: FileParseError | undefined;
  visit(doc, (_, node) => {
    if (isAlias(node)) {
      if (!anchors.has(node.source)) {
        const at = lines.position(node.range?.[0] ?? 0);
        found = { ...at, message: `unknown anchor ${JSON.stringify(node.source)} referenced` };
        return visit.BREAK;
      }
    } else if (isNode(node) && node.anchor) anchors.add(node.anchor);
    return undefined;
  });
  return found;
}

function documentShapeError(doc: Document.Parsed, lines: SourceLines): FileParseError | undefined {
  const root = doc.contents;
  if (root === null || (root as { value?: unknown }).value === null) return undefined;
  const at = lines.position(doc.range[0]);
  if (!isMap(root)) {
    return { ...at, message: 'document is not a mapping (Flux reads only mapping documents)' };
  }
  const meta = root.get('metadata', true);
  if (meta !== undefined && meta !== null && !isMap(meta)) {
    const v = (meta as { value?: unknown }).value;
    if (v !== null) return { ...at, message: 'metadata is not a mapping' };
  }
  return undefined;
}

/** parseFile parses a YAML text; it returns the first error when the file cannot be used. */
export function parseFile(text: string): ParsedFile | { error: FileParseError } {
  const counter = new LineCounter();
  // Lexing once and feeding the parser keeps the lexemes for the post-edit check.
  const lexemes = [...new Lexer().lex(text)];
  const parser = new Parser(counter.addNewLine);
  counter.addNewLine(0);
  const tokens: Token[] = [];
  const comments = new Set<number>();
  let offset = 0;
  let prev = '';
  let aliases = false;
  for (const lexeme of lexemes) {
    if (lexeme[0] === '*' && prev !== scalarMarker) aliases = true;
    // A comment lexeme starts with `#`; a scalar body starting with `#` follows the scalar marker.
    if (lexeme[0] === '#' && prev !== scalarMarker) comments.add(offset);
    if (!controlMarkers.has(lexeme)) offset += lexeme.length;
    prev = lexeme;
    for (const t of parser.next(lexeme)) tokens.push(t);
  }
  for (const t of parser.end()) tokens.push(t);
  const lines = new SourceLines(text, counter.lineStarts, comments);
  const documents = [...new Composer(composerOptions).compose(tokens)];
  for (const doc of documents) {
    const err = doc.errors[0];
    if (err) {
      const pos = lines.position(err.pos[0]);
      const message = err.message.split('\n')[0] ?? err.message;
      return { error: { ...pos, message } };
    }
  }
  const directive = tokens.find((t) => t.type === 'directive');
  if (directive) {
    const at = lines.position(directive.offset);
    // kyaml splits the file on `---` lines, which separates a directive from its document.
    return { error: { ...at, message: 'YAML directives (%YAML, %TAG) are not supported by Flux' } };
  }
  const sep = separatorError(text, lines);
  if (sep) return { error: sep };
  for (const doc of documents) {
    const shape = documentShapeError(doc, lines) ?? (aliases ? aliasError(doc, lines) : undefined);
    if (shape) return { error: shape };
  }
  return { documents, lines, lexemes };
}
