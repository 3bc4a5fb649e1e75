// The lexer's states, one function per state as in Go's text/template/parse/lex.go.
import type { Lexer, State } from './lexer.ts';
import { quoteGo, quoteRuneU } from './quote.ts';
import { keywords } from './tokens.ts';

const spaceChars = ' \t\r\n';
/** isSpace is Go's template whitespace test. */
export const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\r' || c === '\n';
const alnum = /^[_\p{L}\p{Nd}]$/u;
/** isAlphaNumeric accepts identifier characters. */
export const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && alnum.test(c);
/** hasLeftTrim detects `- ` after a left delimiter. */
export const hasLeftTrim = (s: string, at: number): boolean => s[at] === '-' && isSpace(s[at + 1]);
/** hasRightTrim detects ` -` before a right delimiter. */
export const hasRightTrim = (s: string, at: number): boolean => isSpace(s[at]) && s[at + 1] === '-';

/** rightTrimLength counts trailing template whitespace. */
export function rightTrimLength(s: string): number {
  let n = s.length;
  while (n > 0 && spaceChars.includes(s[n - 1]!)) n--;
  return s.length - n;
}
/** leftTrimLength counts leading template whitespace from an offset. */
export function leftTrimLength(s: string, from: number): number {
  let n = from;
  while (n < s.length && spaceChars.includes(s[n]!)) n++;
  return n - from;
}

/** countNewlines counts line feeds. */
export function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** lexText scans plain text up to the next action. */
export function lexText(l: Lexer): State {
  const s = l.src;
  const x = s.indexOf('{{', l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trim = 0;
      if (hasLeftTrim(s, x + 2)) trim = rightTrimLength(s.slice(l.start, l.pos));
      l.pos -= trim;
      l.line += countNewlines(s.slice(l.start, l.pos));
      const i = l.thisItem('text');
      l.pos += trim;
      l.ignore();
      if (i.val.length > 0) return l.emitItem(i);
    }
    return lexLeftDelim;
  }
  l.pos = s.length;
  if (l.pos > l.start) {
    l.line += countNewlines(s.slice(l.start, l.pos));
    return l.emit('text');
  }
  return l.emit('eof');
}

function lexLeftDelim(l: Lexer): State {
  l.pos += 2;
  const trim = hasLeftTrim(l.src, l.pos);
  const after = trim ? 2 : 0;
  if (l.src.startsWith('/*', l.pos + after)) {
    l.pos += after;
    l.ignore();
    return lexComment;
  }
  const i = l.thisItem('leftDelim');
  l.insideAction = true;
  l.pos += after;
  l.ignore();
  l.parenDepth = 0;
  return l.emitItem(i);
}

function lexComment(l: Lexer): State {
  l.pos += 2;
  const x = l.src.indexOf('*/', l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + 2;
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  l.line += countNewlines(l.src.slice(l.start, l.pos));
  l.thisItem('comment');
  if (trim) l.pos += 2;
  l.pos += 2;
  if (trim) l.pos += leftTrimLength(l.src, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): State {
  const { trim } = l.atRightDelim();
  if (trim) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += 2;
  const i = l.thisItem('rightDelim');
  if (trim) {
    l.pos += leftTrimLength(l.src, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  return l.emitItem(i);
}

/** lexInsideAction scans one token inside an action. */
export function lexInsideAction(l: Lexer): State {
  if (l.atRightDelim().delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === undefined) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup(r);
    return lexSpace;
  }
  switch (r) {
    case '=':
      return l.emit('assign');
    case ':':
      if (l.next() !== '=') return l.errorf('expected :=');
      return l.emit('declare');
    case '|':
      return l.emit('pipe');
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '(':
      l.parenDepth++;
      return l.emit('leftParen');
    case ')':
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit('rightParen');
  }
  if (r === '.') {
    const c = l.src[l.pos];
    if (l.pos < l.src.length && (c! < '0' || c! > '9')) return lexFieldOrVariable(l, 'field');
  }
  if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
    l.backup(r);
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup(r);
    return lexIdentifier;
  }
  const cp = r.codePointAt(0)!;
  if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) return l.emit('char');
  return l.errorf(`unrecognized character in action: ${quoteRuneU(cp)}`);
}

function lexSpace(l: Lexer): State {
  let n = 0;
  while (isSpace(l.peek())) {
    l.next();
    n++;
  }
  if (hasRightTrim(l.src, l.pos - 1) && l.src.startsWith('}}', l.pos + 1)) {
    l.backup(l.src[l.pos - 1]);
    if (n === 1) return lexRightDelim;
  }
  return l.emit('space');
}

function lexIdentifier(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup(r);
    const word = l.src.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${quoteRuneU(r?.codePointAt(0) ?? -1)}`);
    const kw = keywords[word];
    if (kw !== undefined && Object.hasOwn(keywords, word)) {
      if ((kw === 'break' && !l.breakOK) || (kw === 'continue' && !l.continueOK)) {
        return l.emit('identifier');
      }
      return l.emit(kw);
    }
    if (word[0] === '.') return l.emit('field');
    if (word === 'true' || word === 'false') return l.emit('bool');
    return l.emit('identifier');
  }
}

function lexVariable(l: Lexer): State {
  if (l.atTerminator()) return l.emit('variable');
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, typ: 'field' | 'variable'): State {
  if (l.atTerminator()) return l.emit(typ === 'variable' ? 'variable' : 'dot');
  let r: string | undefined;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup(r);
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${quoteRuneU(r?.codePointAt(0) ?? -1)}`);
  return l.emit(typ);
}

function lexChar(l: Lexer): State {
  for (;;) {
    const c = l.next();
    if (c === '\\') {
      const r = l.next();
      if (r !== undefined && r !== '\n') continue;
      return l.errorf('unterminated character constant');
    }
    if (c === undefined || c === '\n') return l.errorf('unterminated character constant');
    if (c === "'") break;
  }
  return l.emit('charConstant');
}

function lexNumber(l: Lexer): State {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${quoteGo(l.src.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === '+' || sign === '-') {
    if (!scanNumber(l) || l.src[l.pos - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${quoteGo(l.src.slice(l.start, l.pos))}`);
    }
    return l.emit('complex');
  }
  return l.emit('number');
}

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): State {
  for (;;) {
    const c = l.next();
    if (c === '\\') {
      const r = l.next();
      if (r !== undefined && r !== '\n') continue;
      return l.errorf('unterminated quoted string');
    }
    if (c === undefined || c === '\n') return l.errorf('unterminated quoted string');
    if (c === '"') break;
  }
  return l.emit('string');
}

function lexRawQuote(l: Lexer): State {
  for (;;) {
    const c = l.next();
    if (c === undefined) return l.errorf('unterminated raw quoted string');
    if (c === '`') break;
  }
  return l.emit('rawString');
}
