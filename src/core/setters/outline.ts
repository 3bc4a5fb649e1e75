// The outline of a YAML file: exactly what the setters need to know about it, whichever parser
// produced it. Each document's object identity, every scalar sitting where a marker can apply
// (block mapping values, block sequence items, flow items) with its exact source span, and the
// lines on which a collection starts (a marker there is misplaced). Two parsers fill it: the
// general one built on the `yaml` package (outline-yaml.ts) and a fast scanner for plain block
// YAML (scan/), which hands every file it does not fully understand to the general one.

import type { ScalarPlace } from './comments.ts';
import type { ObjectIdentifier } from './result.ts';
import type { SourceLines } from './source-lines.ts';

/** ScalarStyle is how a scalar is written (the `yaml` package's names). */
export type ScalarStyle =
  | 'PLAIN'
  | 'QUOTE_DOUBLE'
  | 'QUOTE_SINGLE'
  | 'BLOCK_LITERAL'
  | 'BLOCK_FOLDED';

/** Slot is one scalar a marker can apply to. */
export interface Slot {
  readonly place: ScalarPlace;
  readonly style: ScalarStyle;
  /** start is the scalar's first character (a block scalar's header indicator). */
  readonly start: number;
  /** headerEnd ends a flow scalar, or a block scalar's header indicator. */
  readonly headerEnd: number;
  /** end ends the scalar's text (for a block scalar: the end of its body). */
  readonly end: number;
  /** value is the scalar's string value (for a plain scalar, its text, whatever it resolves to). */
  readonly value: string;
  /**
   * shadowed is set under a mapping key that appeared earlier in the same mapping. Flux (kyaml)
   * looks fields up by name, so it never visits a later duplicate key or anything below it.
   */
  readonly shadowed?: boolean;
}

/** OutlineDocument is one YAML document of a file. */
export interface OutlineDocument {
  readonly object: ObjectIdentifier;
  readonly slots: readonly Slot[];
}

/** Outline is a parsed file reduced to what the setters read. */
export interface Outline {
  readonly documents: readonly OutlineDocument[];
  readonly lines: SourceLines;
  /** collectionLines are the 0-based lines where a mapping, sequence or alias is a value. */
  readonly collectionLines: ReadonlySet<number>;
}
