// WWW-Authenticate parsing (RFC 7235): tokenised, since realm/scope values contain commas and colons.

/** Challenge is one auth challenge, e.g. Bearer with realm/service/scope parameters. */
export interface Challenge {
  /** scheme is lower-cased: `bearer`, `basic`, … */
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

/** parseChallenges reads every challenge of a WWW-Authenticate header value. */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skipWs = (): void => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && TOKEN.test(header[i] as string)) i++;
    return header.slice(start, i);
  };
  const readValue = (): string => {
    if (header[i] !== '"') return readToken();
    i++;
    let v = '';
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      v += header[i];
      i++;
    }
    i++; // closing quote
    return v;
  };
  let current: Challenge | undefined;
  while (i < n) {
    skipWs();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const start = i;
    const word = readToken();
    if (!word) {
      i++; // skip junk we cannot read
      continue;
    }
    skipWs();
    if (header[i] === '=' && current) {
      i++;
      skipWs();
      current.params[word.toLowerCase()] = readValue();
      continue;
    }
    if (header[i] === '=' && !current) {
      i = start + word.length + 1;
      readValue();
      continue;
    }
    current = { scheme: word.toLowerCase(), params: {} };
    out.push(current);
  }
  return out;
}

/** pickChallenge prefers Bearer, then Basic; other schemes are unsupported. */
export function pickChallenge(challenges: readonly Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer' && c.params.realm) ??
    challenges.find((c) => c.scheme === 'basic')
  );
}
