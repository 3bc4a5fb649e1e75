// Git failures as data: every git process failure becomes a GitError whose `kind` names the cause
// (auth, empty repository, hook rejection, …) so callers and users see distinct, clear messages.

/** GitErrorKind is the classified cause of a failed git operation. */
export type GitErrorKind =
  | 'auth'
  | 'permission-denied'
  | 'empty-repository'
  | 'missing-ref'
  | 'hook-rejected'
  | 'protected-branch'
  | 'non-fast-forward'
  | 'timeout'
  | 'tls'
  | 'not-found'
  | 'aborted'
  | 'corrupt-cache'
  | 'failed';

/** GitErrorDetails are the facts a GitError carries; stderr is already redacted. */
export interface GitErrorDetails {
  readonly kind: GitErrorKind;
  readonly args?: readonly string[];
  readonly exitCode?: number | null;
  readonly stderr?: string;
  readonly cause?: unknown;
}

/** GitError is a failed git operation: arguments, exit code and redacted stderr, never secrets. */
export class GitError extends Error {
  override readonly name = 'GitError';
  readonly kind: GitErrorKind;
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(message: string, details: GitErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.args = details.args ?? [];
    this.exitCode = details.exitCode ?? null;
    this.stderr = details.stderr ?? '';
  }
}

/** SecretError is an unusable Secret: it names the secret, the key and the problem, never values. */
export class SecretError extends Error {
  override readonly name = 'SecretError';
  readonly secret: string;
  readonly key: string;

  constructor(secret: string, key: string, problem: string) {
    super(`secret '${secret}': key '${key}': ${problem}`);
    this.secret = secret;
    this.key = key;
  }
}

// Ordered: the first matching rule wins, so specific server messages come before generic ones.
const rules: ReadonlyArray<readonly [GitErrorKind, RegExp]> = [
  [
    'protected-branch',
    /protected branch|GH006|not allowed to (push|force)|pre-receive hook declined.*protect/i,
  ],
  ['hook-rejected', /hook declined|\[remote rejected\]/i],
  ['non-fast-forward', /non-fast-forward|\(fetch first\)|\(stale info\)|\(already exists\)/i],
  [
    'tls',
    /SSL certificate problem|certificate verif|SSL_connect|alert (bad|unknown) certificate|handshake failure/i,
  ],
  // Known identity without write access: read-only deploy keys and tokens (flux2 #4715).
  [
    'permission-denied',
    /returned error: 403|read[- ]only|permission to \S+ denied|not authorized to push|write access .* not granted/i,
  ],
  [
    'auth',
    /authentication failed|could not read (username|password)|terminal prompts disabled|permission denied \((publickey|password)|returned error: 401|host key verification failed|no .* host key is known|invalid credentials|access denied|unauthorized/i,
  ],
  [
    'not-found',
    /repository .* not found|does not appear to be a git repository|returned error: 404|no such repository|not found/i,
  ],
  [
    'corrupt-cache',
    /corrupt|bad object|loose object .* is corrupt|not a git repository|unable to read tree|did not receive expected object|missing blob|fatal: bad tree/i,
  ],
];

/** classifyGitFailure maps git's stderr to a GitErrorKind (defaults to `failed`). */
export function classifyGitFailure(stderr: string): GitErrorKind {
  for (const [kind, re] of rules) {
    if (re.test(stderr)) return kind;
  }
  return 'failed';
}

const boilerplate =
  /^(hint:|Please make sure you have the correct access rights|and the repository exists|error: failed to push some refs|To \S+$|Done$)/;

/** lastLines returns the last meaningful lines of git output (boilerplate dropped), joined by '; '. */
export function lastLines(text: string, n = 3): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'remote:' && !boilerplate.test(l));
  return lines.slice(-n).join('; ');
}

/** kindPrefix is the human-readable cause put in front of a GitError message. */
export const kindPrefix: Readonly<Record<GitErrorKind, string>> = {
  auth: 'authentication failed',
  'permission-denied': 'permission denied',
  'empty-repository': 'empty repository',
  'missing-ref': 'reference not found',
  'hook-rejected': 'push rejected by a server hook',
  'protected-branch': 'push rejected: protected branch',
  'non-fast-forward': 'push rejected: remote has new commits (non-fast-forward)',
  timeout: 'timed out',
  tls: 'TLS handshake failed',
  'not-found': 'repository not found',
  aborted: 'aborted',
  'corrupt-cache': 'corrupt repository cache',
  failed: 'failed',
};
