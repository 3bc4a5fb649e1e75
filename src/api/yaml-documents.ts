// Multi-document YAML with source positions, read the way Kubernetes tooling reads manifests.
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { Diagnostic } from './diagnostic.ts';

/** FieldPath is a path into a document: map keys and list indexes. */
export type FieldPath = readonly (string | number)[];

/** Position is a 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** YamlDocument is one document of a file: its plain value and a way to find fields in the text. */
export interface YamlDocument {
  /** index is 1-based within the file. */
  readonly index: number;
  readonly value: unknown;
  /** position of the document start. */
  readonly start: Position;
  /** locate returns where a field's key (or the value, for list items) is written. */
  locate(path: FieldPath): Position | undefined;
}

/** ParsedYaml is every usable document of a file plus the syntax problems found. */
export interface ParsedYaml {
  readonly documents: YamlDocument[];
  readonly diagnostics: Diagnostic[];
}

// Bounds expansion of aliases so a hostile file cannot blow up memory ("billion laughs").
const MAX_ALIAS_COUNT = 100;
const MAX_SYNTAX_ERRORS = 3;

/** parseYamlDocuments splits text into documents; a broken document never hides the others. */
export function parseYamlDocuments(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    // Kubernetes decodes manifests as YAML 1.1 (yes/no/on/off are booleans there).
    version: '1.1',
    uniqueKeys: true,
    prettyErrors: true,
    // Problems become diagnostics below; nothing may go to the process's stderr.
    logLevel: 'silent',
  });
  const list = Array.isArray(docs) ? docs : [];
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const documents: YamlDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  list.forEach((doc, i) => {
    const index = i + 1;
    if (doc.errors.length > 0) {
      const syntax = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
      // Later errors are mostly the parser tripping over the first one; show a few.
      for (const err of syntax.slice(0, MAX_SYNTAX_ERRORS)) {
        const at = pos(err.pos[0]);
        const near = text.slice(err.pos[0], err.pos[1]).split('\n')[0]?.trim() ?? '';
        diagnostics.push({
          severity: 'error',
          file,
          document: index,
          line: at.line,
          column: at.column,
          message: `invalid YAML: ${firstLine(err.message)}${near === '' ? '' : ` near ${JSON.stringify(near.slice(0, 40))}`}`,
        });
      }
      if (syntax.length > MAX_SYNTAX_ERRORS) {
        const last = syntax[MAX_SYNTAX_ERRORS - 1];
        const at = pos(last?.pos[0] ?? 0);
        diagnostics.push({
          severity: 'error',
          file,
          document: index,
          line: at.line,
          column: at.column,
          message: `invalid YAML: ${syntax.length - MAX_SYNTAX_ERRORS} more syntax error(s) in this document`,
        });
      }
      if (doc.errors.some((e) => e.code === 'DUPLICATE_KEY')) {
        for (const d of duplicateKeys(text, i)) {
          diagnostics.push({
            severity: 'error',
            file,
            document: index,
            line: pos(d.offset).line,
            column: pos(d.offset).column,
            message: `invalid YAML: duplicate key ${JSON.stringify(d.key)} (first at line ${pos(d.first).line}); check the indentation`,
          });
        }
      }
      return;
    }
    for (const w of doc.warnings) {
      const at = pos(w.pos[0]);
      diagnostics.push({
        severity: 'warning',
        file,
        document: index,
        line: at.line,
        column: at.column,
        message: `YAML: ${firstLine(w.message)}`,
      });
    }
    const complexKey = findCollectionKey(doc.contents);
    if (complexKey !== undefined) {
      const at = pos(complexKey);
      diagnostics.push({
        severity: 'error',
        file,
        document: index,
        line: at.line,
        column: at.column,
        message: 'invalid YAML: a mapping key must be a plain value, not a list or mapping',
      });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      diagnostics.push({
        severity: 'error',
        file,
        document: index,
        message: `invalid YAML: ${err instanceof Error ? err.message : String(err)}`,
      });
      return;
    }
    const root = doc.contents as Node | null;
    const start = pos(root?.range?.[0] ?? doc.range[0]);
    documents.push({
      index,
      value,
      start,
      locate: (path) => {
        const offset = locateOffset(root, path);
        return offset === undefined ? undefined : pos(offset);
      },
    });
  });
  return { documents, diagnostics };
}

// firstLine keeps the yaml library's sentence and drops its position suffix (we add ours).
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

// findCollectionKey returns the offset of the first mapping key that is itself a collection
// (`? [a, b]: c` or `{a: 1}: c`), which has no JSON equivalent.
function findCollectionKey(node: unknown): number | undefined {
  if (isMap(node)) {
    for (const p of node.items) {
      if (p.key !== null && !isScalar(p.key) && (isMap(p.key) || isSeq(p.key))) {
        return (p.key as Node).range?.[0] ?? 0;
      }
      const inner = findCollectionKey(p.value);
      if (inner !== undefined) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = findCollectionKey(item);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

// duplicateKeys finds repeated mapping keys in document i by re-reading it leniently.
function duplicateKeys(text: string, i: number): { key: string; offset: number; first: number }[] {
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  const doc = Array.isArray(docs) ? docs[i] : undefined;
  const out: { key: string; offset: number; first: number }[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const p of node.items) {
        if (isScalar(p.key)) {
          const key = String(p.key.value);
          const offset = p.key.range?.[0] ?? 0;
          const first = seen.get(key);
          if (first === undefined) seen.set(key, offset);
          else out.push({ key, offset, first });
        }
        visit(p.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(doc?.contents);
  return out;
}

// locateOffset walks the node tree; it returns the deepest position it can find, so a missing
// field points at its parent.
function locateOffset(root: Node | null, path: FieldPath): number | undefined {
  let node: unknown = root;
  let best = root?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return best;
      const key = pair.key as Node;
      best = key.range?.[0] ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return best;
      best = item.range?.[0] ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}
