// Which strings a YAML 1.1 reader (Go's yaml.v2, used by kyaml and the Kubernetes apiserver
// clients) would not read back as a string when written as a plain scalar. Flux double-quotes
// exactly these values after setting them, so tagpilot must recognise the same set.

import { RE2JS } from 're2js';

// biome-ignore format: a table reads better than one value per line
const boolOrNull = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF',
  '-.inf', '-.Inf', '-.INF',
]);

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;

// Go's strconv.ParseInt(s, 0, 64) / ParseUint: optional sign, then 0x, 0o, 0b, leading-0 octal
// or decimal digits.
const goIntegerShape = RE2JS.compile(
  '([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)',
);
// yaml.v2's float shape (the value must also fit a float64).
const goFloatShape = RE2JS.compile('[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?');
const dotFloatShape = RE2JS.compile('\\.[0-9]+([eE][-+]?[0-9]+)?');

function goInteger(s: string): boolean {
  const m = goIntegerShape.matcher(s);
  if (!m.matches()) return false;
  const sign = m.group(1) ?? '';
  let body = m.group(2) ?? '';
  if (body.length > 1 && body[0] === '0' && (body[1] === 'o' || body[1] === 'O'))
    body = `0o${body.slice(2)}`;
  else if (
    body.length > 1 &&
    body[0] === '0' &&
    body[1] !== 'x' &&
    body[1] !== 'X' &&
    body[1] !== 'b' &&
    body[1] !== 'B'
  ) {
    body = `0o${body.slice(1)}`;
  }
  const n = BigInt(body);
  if (sign === '-') return -n >= int64Min;
  if (sign === '+') return n <= int64Max;
  return n <= uint64Max;
}

function goFloat(s: string): boolean {
  return goFloatShape.matches(s) && Number.isFinite(Number(s));
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function underscoresBetweenDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '_' && !(isDigit(s[i - 1]) && isDigit(s[i + 1]))) return false;
  }
  return true;
}

// yaml.v2 tries a timestamp before numbers, but hands timestamps to an interface{} as strings,
// so they never count as non-strings here.

/** isYaml11NonStringScalar reports whether a plain scalar `value` resolves to a non-string in yaml.v2. */
export function isYaml11NonStringScalar(value: string): boolean {
  if (value === '') return false;
  if (boolOrNull.has(value)) return true;
  const first = value[0] ?? '';
  if (first === '.') {
    // strconv.ParseFloat: underscores are allowed, but only between digits.
    if (!underscoresBetweenDigits(value)) return false;
    const plain = value.replaceAll('_', '');
    return dotFloatShape.matches(plain) && Number.isFinite(Number(plain));
  }
  if (first !== '+' && first !== '-' && (first < '0' || first > '9')) return false;
  const plain = value.replaceAll('_', '');
  return goInteger(plain) || goFloat(plain);
}

// A word made of these, starting with a letter, is a string in every YAML schema unless it is one
// of the boolean or null words (checked separately), or starts like an exponent: the `yaml`
// package's 1.1 schema reads `e9` as a float. Covers image names, tags and digests.
const wordShape = /^[A-Za-z][A-Za-z0-9._/:@+-]*$/;
const exponentStart = /^[eE][-+0-9]/;

/**
 * isPlainWordString reports, without parsing, a value that reads back as the same string when
 * written plain under YAML 1.1 and 1.2. False means "not known", not "not a string".
 */
export function isPlainWordString(value: string): boolean {
  return (
    wordShape.test(value) &&
    !exponentStart.test(value) &&
    !value.endsWith(':') &&
    !boolOrNull.has(value)
  );
}
