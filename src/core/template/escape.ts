// The escapers behind Go's html, js and urlquery template functions.
import { isPrint, utf8Bytes } from './quote.ts';

/** htmlEscape is template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => {
    switch (c) {
      case '\0':
        return '\uFFFD';
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      default:
        return '&gt;';
    }
  });
}

const jsSpecial: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

/** goEscapeJS is template.JSEscapeString. */
export function goEscapeJS(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const sp = jsSpecial[ch];
    if (sp !== undefined && Object.hasOwn(jsSpecial, ch)) out += sp;
    else if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (cp < 0x80 || isPrint(cp)) out += ch;
    else out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

function escapeBytes(s: string, keep: (c: number) => boolean, spacePlus: boolean): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    if (keep(b)) out += String.fromCharCode(b);
    else if (b === 0x20 && spacePlus) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const unreserved = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x2d ||
  c === 0x2e ||
  c === 0x5f ||
  c === 0x7e;

/** queryEscape is url.QueryEscape. */
export function queryEscape(s: string): string {
  return escapeBytes(s, unreserved, true);
}
