// Registry host validation with the rules of Go's net/url (go1.26) as go-containerregistry
// applies them: a registry is valid when `url.Parse("//" + s).Host === s`.
import { allIn, DIGITS, HEX, isDecimalOctet } from './chars.ts';

// HOST_SAFE holds the ASCII bytes Go's url package accepts unescaped in a host.
const HOST_SAFE = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}-._~!$&'()*+,;=:[]<>"`;

/** isRegistryAuthority reports whether s survives Go's `url.Parse("//"+s)` with Host == s. */
export function isRegistryAuthority(s: string): boolean {
  if (s === '') return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  // A path, query, fragment or userinfo delimiter moves text out of Host; any percent escape
  // either fails or unescapes to something different from the input.
  for (const ch of '/?#@%') if (s.includes(ch)) return false;
  const open = s.lastIndexOf('[');
  if (open > 0) return false;
  if (open === 0) {
    const close = s.lastIndexOf(']');
    if (close === -1) return false;
    if (!validOptionalPort(s.slice(close + 1))) return false;
    const literal = s.slice(1, close);
    if (!allHostSafe(literal)) return false;
    return isIPv6Literal(literal);
  }
  // Without a scheme Go takes the port after the last colon; earlier colons stay in the host.
  const colon = s.lastIndexOf(':');
  if (colon !== -1 && !validOptionalPort(s.slice(colon))) return false;
  return allHostSafe(s);
}

function allHostSafe(s: string): boolean {
  for (const ch of s) {
    if ((ch.codePointAt(0) ?? 0) >= 0x80) continue;
    if (!HOST_SAFE.includes(ch)) return false;
  }
  return true;
}

function validOptionalPort(port: string): boolean {
  return port === '' || (port.startsWith(':') && allIn(port.slice(1), DIGITS));
}

// isIPv6Literal follows Go's netip.ParseAddr for a bracketed literal: it must parse as IPv6
// (IPv4 is rejected, IPv4-mapped/embedded forms are fine). Zones never reach here (no '%').
function isIPv6Literal(s: string): boolean {
  for (const ch of s) {
    if (ch === '.') return false; // netip parses it as IPv4, which brackets may not hold
    if (ch === ':') return parseIPv6(s);
  }
  return false;
}

function parseIPv6(input: string): boolean {
  let s = input;
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return true;
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    while (off < s.length && HEX.includes(s[off] ?? '')) {
      if (off > 3) return false;
      off++;
    }
    if (off === 0) return false;
    if (s[off] === '.') {
      if (ellipsis < 0 && i !== 12) return false;
      if (i + 4 > 16) return false;
      if (!isIPv4(s)) return false;
      s = '';
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s === '') break;
    if (s[0] !== ':' || s.length === 1) return false;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return false;
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return false;
  if (i < 16) return ellipsis >= 0;
  return ellipsis < 0;
}

function isIPv4(s: string): boolean {
  const fields = s.split('.');
  if (fields.length !== 4) return false;
  return fields.every(isDecimalOctet);
}
