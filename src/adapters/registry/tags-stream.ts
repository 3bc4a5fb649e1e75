// Incremental parser for a tags/list body `{"name":…,"tags":[…]}`: emits tags as bytes arrive, so a
// page with a million tags never exists as one string or one parsed object.

/** TagsParseError reports a body that is not a complete tags/list document. */
export class TagsParseError extends Error {
  override readonly name = 'TagsParseError';
}

type State =
  | 'start'
  | 'key-or-end'
  | 'key'
  | 'colon'
  | 'value'
  | 'skip'
  | 'tags-open'
  | 'tags-null'
  | 'tag-or-close'
  | 'tag'
  | 'tag-sep'
  | 'comma-or-end'
  | 'done';

const MAX_STRING = 4096;

/** TagsListParser consumes text chunks with push() and returns the tags completed in each chunk. */
export class TagsListParser {
  #state: State = 'start';
  #key = '';
  #str: string | undefined; // raw string text while inside a string
  #escaped = false;
  #literal = '';
  #depth = 0; // for skipping non-tag values
  #skipInString = false;
  #skipEscaped = false;
  #skipPrimitive = false;
  #sawTags = false;

  /** push parses one chunk and returns the tags it completed. */
  push(chunk: string): string[] {
    const out: string[] = [];
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      // Inside a string (key or tag): scan to the closing quote.
      if (this.#str !== undefined) {
        let j = i;
        let closed = false;
        while (j < n) {
          const c = chunk.charCodeAt(j);
          if (this.#escaped) this.#escaped = false;
          else if (c === 92) this.#escaped = true;
          else if (c === 34) {
            closed = true;
            break;
          }
          j++;
        }
        this.#str += chunk.slice(i, j);
        if (this.#str.length > MAX_STRING)
          throw new TagsParseError(`a string longer than ${MAX_STRING} characters`);
        i = j;
        if (!closed) break;
        i++; // the closing quote
        const value = decode(this.#str);
        this.#str = undefined;
        if (this.#state === 'key') {
          this.#key = value;
          this.#state = 'colon';
        } else {
          out.push(value);
          this.#state = 'tag-sep';
        }
        continue;
      }
      const ch = chunk[i] as string;
      if (this.#state === 'skip') {
        i = this.#skip(chunk, i);
        continue;
      }
      if (this.#state === 'tags-null') {
        this.#literal += ch;
        i++;
        if (!'null'.startsWith(this.#literal))
          throw new TagsParseError(`"tags" is neither an array nor null`);
        if (this.#literal === 'null') this.#state = 'comma-or-end';
        continue;
      }
      i++;
      if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
      switch (this.#state) {
        case 'start':
          if (ch !== '{') throw new TagsParseError(`expected "{" but found "${ch}"`);
          this.#state = 'key-or-end';
          break;
        case 'key-or-end':
          if (ch === '}') this.#state = 'done';
          else this.#openKey(ch);
          break;
        case 'key':
          this.#openKey(ch);
          break;
        case 'colon':
          if (ch !== ':') throw new TagsParseError(`expected ":" but found "${ch}"`);
          this.#state = this.#key === 'tags' ? 'tags-open' : 'value';
          break;
        case 'value':
          this.#state = 'skip';
          this.#depth = 0;
          this.#skipInString = false;
          this.#skipEscaped = false;
          this.#skipPrimitive = false;
          i--; // let the skipper see the first character
          break;
        case 'tags-open':
          this.#sawTags = true;
          if (ch === '[') this.#state = 'tag-or-close';
          else if (ch === 'n') {
            this.#literal = 'n';
            this.#state = 'tags-null';
          } else throw new TagsParseError(`"tags" is neither an array nor null`);
          break;
        case 'tag-or-close':
        case 'tag':
          if (ch === ']' && this.#state === 'tag-or-close') this.#state = 'comma-or-end';
          else if (ch === '"') {
            this.#str = '';
            this.#state = 'tag';
          } else throw new TagsParseError(`a tag that is not a string (found "${ch}")`);
          break;
        case 'tag-sep':
          if (ch === ',') this.#state = 'tag';
          else if (ch === ']') this.#state = 'comma-or-end';
          else throw new TagsParseError(`expected "," or "]" in tags but found "${ch}"`);
          break;
        case 'comma-or-end':
          if (ch === ',') this.#state = 'key';
          else if (ch === '}') this.#state = 'done';
          else throw new TagsParseError(`expected "," or "}" but found "${ch}"`);
          break;
        case 'done':
          throw new TagsParseError(`unexpected "${ch}" after the end of the document`);
      }
    }
    return out;
  }

  /** end checks the document was complete; `sawTags` is false when the body had no "tags" key. */
  end(): { sawTags: boolean } {
    if (this.#state !== 'done')
      throw new TagsParseError('the body ended before the JSON document did (truncated)');
    return { sawTags: this.#sawTags };
  }

  #openKey(ch: string): void {
    if (ch !== '"') throw new TagsParseError(`expected a key but found "${ch}"`);
    this.#str = '';
    this.#state = 'key';
  }

  /** #skip steps over one JSON value of any shape; returns the next index. */
  #skip(chunk: string, i: number): number {
    const n = chunk.length;
    while (i < n) {
      const ch = chunk[i] as string;
      if (this.#skipInString) {
        if (this.#skipEscaped) this.#skipEscaped = false;
        else if (ch === '\\') this.#skipEscaped = true;
        else if (ch === '"') {
          this.#skipInString = false;
          if (this.#depth === 0) {
            this.#state = 'comma-or-end';
            return i + 1;
          }
        }
        i++;
        continue;
      }
      if (this.#skipPrimitive) {
        if (
          ch === ',' ||
          ch === '}' ||
          ch === ']' ||
          ch === ' ' ||
          ch === '\n' ||
          ch === '\r' ||
          ch === '\t'
        ) {
          this.#state = 'comma-or-end';
          return i;
        }
        i++;
        continue;
      }
      if (ch === '"') this.#skipInString = true;
      else if (ch === '{' || ch === '[') this.#depth++;
      else if (ch === '}' || ch === ']') {
        this.#depth--;
        if (this.#depth === 0) {
          this.#state = 'comma-or-end';
          return i + 1;
        }
        if (this.#depth < 0) throw new TagsParseError(`unbalanced "${ch}"`);
      } else if (this.#depth === 0 && ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') {
        this.#skipPrimitive = true;
      }
      i++;
    }
    return i;
  }
}

function decode(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch (err) {
    throw new TagsParseError('a string with an invalid escape', { cause: err });
  }
}
