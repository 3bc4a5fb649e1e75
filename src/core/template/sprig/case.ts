// huandu/xstrings v1.5 case conversions behind sprig's snakecase, kebabcase and camelcase
// (xstrings.ToSnakeCase, ToKebabCase, ToPascalCase), rune for rune.

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

const goSpace = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const isUpper = (r: string): boolean => /^\p{Lu}$/u.test(r);
const isPunct = (r: string): boolean => /^\p{P}$/u.test(r);
const isNumber = (r: string): boolean => /^\p{N}$/u.test(r);
const isConnector = (r: string): boolean => r === '-' || r === '_' || goSpace.test(r);

function isAlphabet(r: string): boolean {
  if (!/^\p{L}$/u.test(r)) return false;
  const c = r.codePointAt(0)!;
  if (c < 0x3400) return true;
  return !(
    (c >= 0x4e00 && c <= 0x9fcc) ||
    (c >= 0x3400 && c <= 0x4d85) ||
    (c >= 0x20000 && c <= 0x2b81d)
  );
}

/** toUpperRune / toLowerRune are unicode.ToUpper / ToLower (one rune in, one rune out). */
export const toUpperRune = (r: string): string => {
  const u = r.toUpperCase();
  return [...u].length === 1 ? u : r;
};
/** toLowerRune is unicode.ToLower for one rune. */
export const toLowerRune = (r: string): string => {
  if (r === '\u0130') return 'i';
  const l = r.toLowerCase();
  return [...l].length === 1 ? l : r;
};

interface Word {
  wt: WordType;
  word: string[];
  rest: string[];
}

function nextWord(cs: string[]): Word {
  if (cs.length === 0) return { wt: 'invalid', word: [], rest: [] };
  let end = 1;
  const first = cs[0]!;
  const run = (ok: (r: string) => boolean): void => {
    while (end < cs.length && ok(cs[end]!)) end++;
  };
  let wt: WordType;
  if (isConnector(first)) {
    wt = 'connector';
    run(isConnector);
  } else if (isPunct(first)) {
    wt = 'punct';
    run(isPunct);
  } else if (isUpper(first)) {
    wt = 'upper';
    if (end < cs.length) {
      const r = cs[end]!;
      if (isUpper(r)) {
        end++;
        run(isUpper);
        if (end < cs.length && isAlphabet(cs[end]!)) end--;
      } else if (isAlphabet(r)) {
        end++;
        run((x) => isAlphabet(x) && !isUpper(x));
      }
    }
  } else if (isAlphabet(first)) {
    wt = 'alphabet';
    run((x) => isAlphabet(x) && !isUpper(x));
  } else if (isNumber(first)) {
    wt = 'number';
    run(isNumber);
  } else {
    wt = 'other';
    run((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  }
  return { wt, word: cs.slice(0, end), rest: cs.slice(end) };
}

function lowerWord(wt: WordType, word: string[], connector: string): string {
  if (wt !== 'upper' && wt !== 'connector') return word.join('');
  return word.map((r) => (isConnector(r) ? connector : isUpper(r) ? toLowerRune(r) : r)).join('');
}

/** camelCaseToLowerCase is xstrings' snake/kebab conversion with the given connector. */
export function camelCaseToLowerCase(str: string, connector: string): string {
  if (str === '') return '';
  let out = '';
  let w = nextWord([...str]);
  while (w.rest.length > 0) {
    if (w.wt !== 'connector') out += lowerWord(w.wt, w.word, connector);
    const prev = w.wt;
    let last = w.word;
    w = nextWord(w.rest);
    if (prev === 'number') {
      while (w.wt === 'alphabet' || w.wt === 'number') {
        out += lowerWord(w.wt, w.word, connector);
        w = nextWord(w.rest);
      }
      if (w.wt !== 'invalid' && w.wt !== 'punct' && w.wt !== 'connector') out += connector;
    } else if (prev === 'connector') {
      out += lowerWord(prev, last, connector);
    } else if (prev !== 'punct') {
      if (w.wt !== 'number') {
        if (w.wt !== 'connector' && w.wt !== 'punct') out += connector;
        continue;
      }
      if (w.rest.length === 0) continue;
      last = w.word;
      w = nextWord(w.rest);
      if (w.wt !== 'alphabet') {
        out += lowerWord('number', last, connector);
        if (w.wt !== 'connector' && w.wt !== 'punct') out += connector;
        continue;
      }
      out += connector + lowerWord('number', last, connector);
      while (w.wt === 'alphabet' || w.wt === 'number') {
        out += lowerWord(w.wt, w.word, connector);
        w = nextWord(w.rest);
      }
      if (w.wt !== 'invalid' && w.wt !== 'connector' && w.wt !== 'punct') out += connector;
    }
  }
  return out + lowerWord(w.wt, w.word, connector);
}

/** toPascalCase is xstrings.ToPascalCase (sprig's camelcase). */
export function toPascalCase(str: string): string {
  if (str === '') return '';
  const cs = [...str];
  let out = '';
  let upperFirst = false;
  let r0 = '';
  let i = 0;
  while (i < cs.length) {
    r0 = cs[i++]!;
    if (!isConnector(r0)) {
      upperFirst = isUpper(r0);
      r0 = toUpperRune(r0);
      break;
    }
    out += r0;
  }
  if (i >= cs.length) return out + r0;
  while (i < cs.length) {
    const r1 = r0;
    r0 = cs[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) {
      upperFirst = isUpper(r0);
      r0 = toUpperRune(r0);
    } else {
      if (upperFirst) {
        if (isUpper(r0)) r0 = toLowerRune(r0);
        else upperFirst = false;
      }
      out += r1;
    }
  }
  return out + r0;
}
