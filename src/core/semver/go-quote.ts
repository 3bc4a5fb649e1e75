// Go's strconv.Quote (what fmt's %q prints for a string), so error messages read byte for byte
// like the ones Masterminds/semver returns inside Flux.
import { RE2JS } from 're2js';

// Go's unicode.IsPrint above ASCII: letters, marks, numbers, punctuation and symbols.
const PRINTABLE = RE2JS.compile('^[\\pL\\pM\\pN\\pP\\pS]$');

const ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  11: '\\v',
};

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

function isPrint(cp: number, ch: string): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return PRINTABLE.matches(ch);
}

/**
 * goQuote renders s the way Go's strconv.Quote does. A lone UTF-16 surrogate is shown as U+FFFD,
 * which is what the same text becomes once it is valid UTF-8 on the Go side.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const raw of s) {
    let ch = raw;
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      cp = 0xfffd;
      ch = '\ufffd';
    }
    if (cp === 0x22 || cp === 0x5c) out += `\\${ch}`;
    else if (isPrint(cp, ch)) out += ch;
    else if (ESCAPES[cp] !== undefined) out += ESCAPES[cp];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}
