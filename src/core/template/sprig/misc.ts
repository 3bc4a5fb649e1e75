// The rest of sprig's hermetic map: defaults, reflection, paths, URLs, flow control, and the
// functions tagpilot declines (key/cert generation, password hashing, AES, clock-based dates).
import { type GoValue, typeName, unwrap } from '../values.ts';
import { deepEqual, fail, isEmpty, kindName, toInt64 } from './cast.ts';
import { ANY, type Def, DICT, def } from './def.ts';

/** cleanPath is Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

function basePath(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  if (p === '') return '/';
  return p.slice(p.lastIndexOf('/') + 1);
}

function dirPath(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(p.slice(0, i + 1));
}

function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

function durationString(secs: bigint): string {
  if (secs === 0n) return '0s';
  const neg = secs < 0n;
  let s = neg ? -secs : secs;
  const h = s / 3600n;
  s %= 3600n;
  const m = s / 60n;
  s %= 60n;
  let out = `${s}s`;
  if (h > 0n || m > 0n) out = `${m}m${out}`;
  if (h > 0n) out = `${h}h${out}`;
  return (neg ? '-' : '') + out;
}

function urlParse(v: string): GoValue {
  const m =
    /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(v);
  if (!m) return fail(`unable to parse url: parse ${JSON.stringify(v)}: invalid URL`);
  const [, scheme = '', auth, authority = '', rest = '', query = '', fragment = ''] = m;
  for (const part of [rest, fragment]) {
    const bad = /%(?![0-9a-fA-F]{2})/.exec(part);
    if (bad) {
      const esc = part.slice(bad.index, bad.index + 3);
      fail(
        `unable to parse url: parse ${JSON.stringify(v)}: invalid URL escape ${JSON.stringify(esc)}`,
      );
    }
  }
  const at = authority.lastIndexOf('@');
  const host = at >= 0 ? authority.slice(at + 1) : authority;
  const userinfo = at >= 0 ? authority.slice(0, at) : '';
  const hostname = host.startsWith('[')
    ? host.slice(1, host.indexOf(']'))
    : host.replace(/:\d*$/, '');
  const opaque = scheme && auth === undefined && !rest.startsWith('/') ? rest : '';
  const d = new Map<GoValue, GoValue>([
    ['scheme', scheme.toLowerCase()],
    ['host', host],
    ['hostname', hostname],
    ['path', opaque ? '' : decodeURIComponentSafe(rest)],
    ['query', query],
    ['opaque', opaque],
    ['fragment', decodeURIComponentSafe(fragment)],
    ['userinfo', userinfo],
  ]);
  return d;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function urlJoin(d: Map<GoValue, GoValue>): string {
  const get = (k: string): string => {
    if (!d.has(k)) return '';
    const v = unwrap(d.get(k));
    if (typeof v !== 'string')
      fail(`unable to parse ${k} key, must be of type string, but ${kindName(v)} found`);
    return v as string;
  };
  const scheme = get('scheme');
  const opaque = get('opaque');
  const host = get('host');
  const user = get('userinfo');
  const path = get('path');
  let out = scheme ? `${scheme}:` : '';
  if (opaque) out += opaque;
  else {
    if (scheme || host || user) {
      if (host || path || user) out += '//';
      if (user) out += `${user}@`;
      out += host;
    }
    if (path && !path.startsWith('/') && host) out += '/';
    out += encodeURI(path).replace(/%25([0-9A-F]{2})/g, '%$1');
  }
  const query = get('query');
  if (query) out += `?${query}`;
  const fragment = get('fragment');
  if (fragment) out += `#${encodeURI(fragment)}`;
  return out;
}

const unsupported = (name: string): Def =>
  def(name, [], ANY, () =>
    fail(`${name} is not supported by tagpilot (non-deterministic or key material)`),
  );

/** miscFuncs are sprig's defaults, reflection, path, URL and flow functions. */
export const miscFuncs: Def[] = [
  def('hello', [], undefined, () => 'Hello!'),
  def('default', [ANY], ANY, (d: GoValue, ...given: GoValue[]) =>
    given.length === 0 || isEmpty(given[0]) ? d : unwrap(given[0]),
  ),
  def('empty', [ANY], undefined, isEmpty),
  def('coalesce', [], ANY, (...v: GoValue[]) => {
    const hit = v.find((x) => !isEmpty(x));
    return hit === undefined ? null : unwrap(hit);
  }),
  def('all', [], ANY, (...v: GoValue[]) => v.every((x) => !isEmpty(x))),
  def('any', [], ANY, (...v: GoValue[]) => v.some((x) => !isEmpty(x))),
  def('ternary', [ANY, ANY, 'bool'], undefined, (t: GoValue, f: GoValue, c: boolean) =>
    c ? t : f,
  ),
  def('typeOf', [ANY], undefined, (v: GoValue) => typeName(unwrap(v) ?? null)),
  def(
    'typeIs',
    ['string', ANY],
    undefined,
    (t: string, v: GoValue) => t === typeName(unwrap(v) ?? null),
  ),
  def('typeIsLike', ['string', ANY], undefined, (t: string, v: GoValue) => {
    const n = typeName(unwrap(v) ?? null);
    return t === n || `*${t}` === n;
  }),
  def('kindOf', [ANY], undefined, kindName),
  def('kindIs', ['string', ANY], undefined, (t: string, v: GoValue) => t === kindName(v)),
  def('deepEqual', [ANY, ANY], undefined, deepEqual),
  def('base', ['string'], undefined, basePath),
  def('dir', ['string'], undefined, dirPath),
  def('clean', ['string'], undefined, cleanPath),
  def('ext', ['string'], undefined, extPath),
  def('isAbs', ['string'], undefined, (p: string) => p.startsWith('/')),
  def('osBase', ['string'], undefined, basePath),
  def('osDir', ['string'], undefined, dirPath),
  def('osClean', ['string'], undefined, cleanPath),
  def('osExt', ['string'], undefined, extPath),
  def('osIsAbs', ['string'], undefined, (p: string) => p.startsWith('/')),
  def('fail', ['string'], undefined, (msg: string) => fail(msg)),
  def('urlParse', ['string'], undefined, urlParse),
  def('urlJoin', [DICT], undefined, urlJoin),
  def('duration', [ANY], undefined, (v: GoValue) => {
    const u = unwrap(v);
    let n = 0n;
    if (typeof u === 'string') n = /^[+-]?\d+$/.test(u) ? BigInt(u) : 0n;
    else if (typeName(u ?? null) === 'int64') n = toInt64(u);
    return durationString(n);
  }),
  ...[
    'ago',
    'durationRound',
    'toDate',
    'mustToDate',
    'unixEpoch',
    'mustDateModify',
    'must_date_modify',
    'bcrypt',
    'htpasswd',
    'genPrivateKey',
    'derivePassword',
    'buildCustomCert',
    'genCA',
    'genCAWithKey',
    'genSelfSignedCert',
    'genSelfSignedCertWithKey',
    'genSignedCert',
    'genSignedCertWithKey',
    'encryptAES',
    'decryptAES',
  ].map(unsupported),
];
