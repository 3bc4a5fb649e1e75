// The fast scanner's document state: open block collections, the entry awaiting a value on a
// later line, each document's object identity and slots, and the lines where collections start.

import type { ScalarPlace, SeqItemPlace } from '../comments.ts';
import type { OutlineDocument, Slot } from '../outline.ts';
import type { ObjectIdentifier } from '../result.ts';

/** Frame is one open block mapping or sequence. */
export interface Frame {
  readonly kind: 'map' | 'seq';
  readonly column: number;
  /** parentColumn is the column of the collection holding this one. */
  readonly parentColumn: number;
  /** indentless is a sequence written at its parent mapping's column. */
  readonly indentless: boolean;
  readonly role: 'root' | 'metadata' | undefined;
  /** shadowed is set below a later duplicate of a mapping key (Flux never visits it). */
  readonly shadowed: boolean;
  /** keys seen so far in a mapping. */
  readonly keys: Set<string>;
  items: number;
  lastItemBlock: boolean;
}

/** IdentifierField is a key whose value names the document's object. */
export type IdentifierField = 'apiVersion' | 'kind' | 'metadata' | 'name' | 'namespace';

/** Pending is a key or dash whose value is not known yet. */
export interface Pending {
  readonly place: ScalarPlace;
  readonly line: number;
  readonly field: IdentifierField | undefined;
  readonly frame: Frame;
  readonly shadowed: boolean;
}

type MutableObject = { -readonly [K in keyof ObjectIdentifier]: ObjectIdentifier[K] };

const rootFields = new Set(['apiVersion', 'kind', 'metadata']);
const metadataFields = new Set(['name', 'namespace']);

/** Documents accumulates the documents of one file as lines are scanned. */
export class Documents {
  readonly documents: OutlineDocument[] = [];
  readonly collectionLines = new Set<number>();
  readonly keys: string[] = [];
  #open = false;
  #frames: Frame[] = [];
  #pending: Pending | undefined;
  #object: MutableObject = { apiVersion: '', kind: '', name: '', namespace: '' };
  #slots: Slot[] = [];
  #seen = new Set<string>();

  /** separator handles a `---` line. */
  separator(): void {
    if (this.#open) this.#close();
    this.#open = true;
  }

  /** finish ends the last document. */
  finish(): boolean {
    if (this.#open) this.#close();
    return true;
  }

  #close(): void {
    this.#pending = undefined;
    this.documents.push({ object: this.#object, slots: this.#slots });
    this.#object = { apiVersion: '', kind: '', name: '', namespace: '' };
    this.#slots = [];
    this.#frames = [];
    this.#seen = new Set();
  }

  takePending(): Pending | undefined {
    const p = this.#pending;
    this.#pending = undefined;
    return p;
  }

  setPending(p: Pending): void {
    this.#pending = p;
  }

  /** frameFor closes the collections a line at column leaves and returns the one it belongs to. */
  frameFor(column: number, dash: boolean): Frame | undefined {
    const frames = this.#frames;
    for (;;) {
      const top = frames[frames.length - 1];
      if (!top) break;
      if (top.column > column || (top.indentless && top.column === column && !dash)) frames.pop();
      else break;
    }
    if (frames.length === 0) {
      // Only a mapping at column 0 is handled as a document's root.
      if (column !== 0 || dash || this.#slots.length > 0 || this.#seen.has('root'))
        return undefined;
      this.#open = true;
      this.#seen.add('root');
      const root: Frame = {
        kind: 'map',
        column: 0,
        parentColumn: 0,
        indentless: false,
        role: 'root',
        shadowed: false,
        keys: new Set(),
        items: 0,
        lastItemBlock: false,
      };
      frames.push(root);
      return root;
    }
    const top = frames[frames.length - 1] as Frame;
    return top.column === column ? top : undefined;
  }

  /** openNested starts the block collection that is the pending entry's value. */
  openNested(p: Pending, kind: 'map' | 'seq', column: number): Frame | undefined {
    if (p.field === 'metadata' && kind !== 'map') return undefined;
    this.collectionLines.add(p.line);
    if (p.place.kind === 'seq-item') p.frame.lastItemBlock = true;
    const frame: Frame = {
      kind,
      column,
      parentColumn: p.frame.column,
      indentless: column === p.frame.column,
      role: p.field === 'metadata' ? 'metadata' : undefined,
      shadowed: p.shadowed,
      keys: new Set(),
      items: 0,
      lastItemBlock: false,
    };
    this.#frames.push(frame);
    return frame;
  }

  /** repeatedKey records a key of a mapping and tells whether the mapping had it already. */
  repeatedKey(frame: Frame, key: string): boolean {
    if (frame.keys.has(key)) return true;
    frame.keys.add(key);
    return false;
  }

  /** addKey records a key; it returns the identifier field it is, or false for a duplicate one. */
  addKey(frame: Frame, key: string): IdentifierField | undefined | false {
    this.keys.push(key);
    const field =
      frame.role === 'root' && rootFields.has(key)
        ? key
        : frame.role === 'metadata' && metadataFields.has(key)
          ? key
          : undefined;
    if (field === undefined) return undefined;
    const id = `${frame.role}.${field}`;
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    return field as IdentifierField;
  }

  seqItemPlace(frame: Frame, dash: number): SeqItemPlace {
    const place: SeqItemPlace = {
      kind: 'seq-item',
      dash,
      first: frame.items === 0,
      afterBlock: frame.lastItemBlock,
      parentColumn: frame.parentColumn,
    };
    frame.items++;
    frame.lastItemBlock = false;
    return place;
  }

  /** addScalar records a one-line scalar value; false when it cannot name the object safely. */
  addScalar(p: Pending, slot: Slot, mayNotBeString: boolean): boolean {
    if (p.field !== undefined) {
      if (p.field === 'metadata' || (mayNotBeString && slot.style === 'PLAIN')) return false;
      this.#object[p.field] = slot.value;
    }
    this.#slots.push(p.shadowed ? { ...slot, shadowed: true } : slot);
    return true;
  }

  /** flowCollection records a one-line flow collection as a value, with its items' slots. */
  flowCollection(p: Pending, line: number, items: readonly Slot[]): boolean {
    if (p.field === 'metadata') return false;
    this.collectionLines.add(p.line);
    this.collectionLines.add(line);
    for (const item of items) this.#slots.push(p.shadowed ? { ...item, shadowed: true } : item);
    return true;
  }

  addBlockSlot(slot: Slot): void {
    this.#slots.push(slot);
  }
}
