// Applying the setters to one file: find the markers, compute each value, splice the new text
// into the original bytes, then verify the result before accepting it.

import type { MarkedScalar } from './locate.ts';
import { locateMarkers } from './locate.ts';
import { screenToken, setterValue, splitSetterName } from './marker.ts';
import type { Outline } from './outline.ts';
import { outlineFromYaml } from './outline-yaml.ts';
import { type FileParseError, parseFile } from './parse.ts';
import { renderSplices, type Splice } from './render.ts';
import type {
  Change,
  IgnoredMarker,
  ImageRef,
  ObjectChanges,
  ObjectIdentifier,
  SetterProblem,
} from './result.ts';
import { type FastOutline, scanBlockYaml } from './scan/block-scanner.ts';
import { type Edited, verifyEditedLines } from './scan/verify-lines.ts';
import type { SourceLines } from './source-lines.ts';
import { verifyEdit } from './verify.ts';

/** SettersOptions tunes how markers are resolved. */
export interface SettersOptions {
  /** outOfScope explains, per "ns:name", why a known policy is not applied (shown when its marker is ignored). */
  readonly outOfScope?: ReadonlyMap<string, string>;
  /** parser 'general' skips the fast scanner (the differential tests compare both paths). */
  readonly parser?: 'auto' | 'general';
}

/** FileOutcome is the result of applying the setters to one file. */
export interface FileOutcome {
  readonly path: string;
  /** content is the new text (identical to the input when nothing changed). */
  readonly content: string;
  readonly changed: boolean;
  readonly objects: readonly ObjectChanges[];
  readonly ignored: readonly IgnoredMarker[];
  readonly problems: readonly SetterProblem[];
}

const notInScope =
  'no ImagePolicy with this namespace and name is in scope (unknown, in another namespace, excluded by policySelector, or without a latest image)';

function leadingSpaces(text: string, from: number): string {
  let i = from;
  while (text[i] === ' ') i++;
  return text.slice(from, i);
}

// A block scalar's header indicator end, body start, body indentation, and the end of its
// content (trailing blank lines stay where they are: they do not belong to a `-` chomped value).
function blockBody(m: MarkedScalar, text: string, lines: SourceLines) {
  let headerEnd = m.start;
  while (headerEnd < text.length && !' \t\r\n'.includes(text[headerEnd] ?? ' ')) headerEnd++;
  const headerLine = lines.lineOf(m.start);
  const bodyStart = lines.lineStart(headerLine + 1);
  let bodyIndent = `${leadingSpaces(text, lines.lineStart(headerLine))}  `;
  let contentEnd = bodyStart;
  for (let l = headerLine + 1; l < lines.lineCount && lines.lineStart(l) < m.end; l++) {
    const first = lines.firstNonBlank(l);
    if (first < 0) continue;
    if (contentEnd === bodyStart) bodyIndent = leadingSpaces(text, lines.lineStart(l));
    contentEnd = Math.min(m.end, lines.lineStart(l + 1));
  }
  if (contentEnd === bodyStart) contentEnd = m.end;
  return { headerEnd, bodyStart, end: contentEnd, bodyIndent };
}

function eolAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

function splicesFor(m: MarkedScalar, value: string, text: string, lines: SourceLines): Splice[] {
  const eol = eolAt(text, m.start);
  if (m.style === 'BLOCK_LITERAL' || m.style === 'BLOCK_FOLDED') {
    const b = blockBody(m, text, lines);
    // A body that ends the file without a line break keeps ending it that way.
    const bodyEol = text[b.end - 1] === '\n' ? eol : '';
    const splices = renderSplices(
      { style: m.style, start: m.start, inFlow: m.inFlow, eol: bodyEol, ...b },
      value,
    );
    // The body edit covers the whole body token; blank lines after the content are kept.
    const tail = text.slice(b.end, m.end);
    return splices.map((s) =>
      s.start === b.bodyStart ? { ...s, end: m.end, text: s.text + tail } : s,
    );
  }
  return renderSplices(
    {
      style: m.style,
      start: m.start,
      headerEnd: m.end,
      bodyStart: m.end,
      end: m.end,
      inFlow: m.inFlow,
      bodyIndent: '',
      eol,
    },
    value,
  );
}

function addChange(
  objects: { object: ObjectIdentifier; changes: Change[] }[],
  object: ObjectIdentifier,
  change: Change,
): void {
  const found = objects.find(
    (o) =>
      o.object.apiVersion === object.apiVersion &&
      o.object.kind === object.kind &&
      o.object.name === object.name &&
      o.object.namespace === object.namespace,
  );
  if (found) found.changes.push(change);
  else objects.push({ object, changes: [change] });
}

/** applySettersToFile rewrites the marked values of one file; `latest` is keyed "ns:name". */
export function applySettersToFile(
  path: string,
  content: string,
  latest: ReadonlyMap<string, ImageRef>,
  opts: SettersOptions = {},
): FileOutcome {
  const unchanged = { path, content, changed: false, objects: [] };
  if (!content.includes(screenToken)) return { ...unchanged, ignored: [], problems: [] };
  const parsed = outlineOf(content, opts.parser ?? 'auto');
  if ('error' in parsed) {
    const { line, column, message } = parsed.error;
    return { ...unchanged, ignored: [], problems: [{ file: path, line, column, message }] };
  }
  const { outline } = parsed;
  const { lines } = outline;
  const { marked, misplaced } = locateMarkers(outline);
  const ignored: IgnoredMarker[] = [];
  const problems: SetterProblem[] = [];
  const at = (offset: number) => lines.position(offset);
  for (const m of misplaced) {
    if (m.malformed) {
      ignored.push({
        file: path,
        ...at(m.offset),
        setter: m.setter,
        reason: 'malformed',
        detail:
          'the comment must be exactly one JSON object of strings, like # {"$imagepolicy": "ns:name"}; other text before or after it makes Flux ignore it',
      });
    } else if (m.onCollection) {
      problems.push({
        file: path,
        ...at(m.offset),
        message: `marker ${JSON.stringify(m.setter)} is on a mapping, sequence or alias, not on a scalar value; it is not applied`,
      });
    } else {
      ignored.push({
        file: path,
        ...at(m.offset),
        setter: m.setter,
        reason: 'not-attached',
        detail:
          'the comment is not the line comment of a scalar value nor the single comment line above a sequence item, so Flux does not read it',
      });
    }
  }
  const objects: { object: ObjectIdentifier; changes: Change[] }[] = [];
  const edited: Edited[] = [];
  for (const m of marked) {
    const split = splitSetterName(m.setter);
    const ref = split ? latest.get(split.policyKey) : undefined;
    if (!split || !('field' in split)) {
      ignored.push({
        file: path,
        ...at(m.comment.offset),
        setter: m.setter,
        reason: 'unknown-setter',
        detail: 'a setter is "ns:policy" optionally followed by ":tag", ":name" or ":digest"',
      });
      continue;
    }
    if (m.shadowed) {
      ignored.push({
        file: path,
        ...at(m.comment.offset),
        setter: m.setter,
        reason: 'duplicate-key',
        detail:
          'the value sits under a key that appears earlier in the same mapping; Flux reads only the first occurrence of a key, so this marker is not applied',
      });
      continue;
    }
    if (!ref) {
      const detail = opts.outOfScope?.get(split.policyKey) ?? notInScope;
      ignored.push({
        file: path,
        ...at(m.comment.offset),
        setter: m.setter,
        reason: 'policy-not-in-scope',
        detail,
      });
      continue;
    }
    const value = setterValue(ref, split.field);
    if (value === m.oldValue) continue;
    const splices = splicesFor(m, value, content, lines);
    edited.push({ marked: m, value, splices });
    addChange(objects, m.object, { oldValue: m.oldValue, newValue: value, setter: m.setter });
  }
  if (edited.length === 0) return { ...unchanged, ignored, problems };
  const next = spliceText(
    content,
    edited.flatMap((r) => r.splices),
  );
  const why =
    'fast' in parsed
      ? verifyEditedLines(outline, next, edited, () => verifyEdit(content, next, edited))
      : verifyEdit(content, next, edited, parsed.lexemes);
  if (why !== undefined) {
    problems.push({ file: path, line: 0, column: 0, message: `not updated: ${why}` });
    return { ...unchanged, ignored, problems };
  }
  return { path, content: next, changed: true, objects, ignored, problems };
}

type OutlineOf =
  | { readonly outline: Outline; readonly fast: FastOutline }
  | { readonly outline: Outline; readonly lexemes: readonly string[] }
  | { readonly error: FileParseError };

// The fast scanner outlines plain block YAML; anything else goes to the general parser.
function outlineOf(content: string, parser: 'auto' | 'general'): OutlineOf {
  const fast = parser === 'auto' ? scanBlockYaml(content) : undefined;
  if (fast) return { outline: fast, fast };
  const parsed = parseFile(content);
  if ('error' in parsed) return parsed;
  return { outline: outlineFromYaml(parsed), lexemes: parsed.lexemes };
}

/** spliceText applies non-overlapping splices to text. */
export function spliceText(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    out += text.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  return out + text.slice(pos);
}
