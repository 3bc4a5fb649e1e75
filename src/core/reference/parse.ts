// Image reference parsing compatible with go-containerregistry's `name` package (weak validation),
// as Flux's image-reflector-controller uses it (reflector.md §3.1).

import { isRegistryAuthority } from './authority.ts';
import { allIn, DIGITS, HEX_LOWER, isDecimalOctet } from './chars.ts';

/** ImageReference is a parsed image reference; canonicalName is `<registry>/<repository>`. */
export interface ImageReference {
  /** registry is the host[:port], with `docker.io` rewritten to `index.docker.io`. */
  readonly registry: string;
  /** repository is the path inside the registry, with Docker Hub's implicit `library/`. */
  readonly repository: string;
  /** tag is the tag as written, absent when the input had none. */
  readonly tag?: string;
  /** digest is `sha256:<64 hex>` as written, absent when the input had none. */
  readonly digest?: string;
  /** canonicalName is what Flux stores as `status.canonicalImageName`. */
  readonly canonicalName: string;
  /**
   * scheme is go-containerregistry's `Registry.Scheme()`: `http` for `insecure` and for local
   * or private hosts (where go-containerregistry tries HTTPS first, then falls back), else `https`.
   */
  readonly scheme: 'http' | 'https';
}

/** ImageReferenceErrorReason classifies why a reference was rejected. */
export type ImageReferenceErrorReason = 'scheme' | 'tag' | 'syntax';

/** ImageReferenceError reports an unparsable or disallowed image reference (Flux: ImageURLInvalid). */
export class ImageReferenceError extends Error {
  override readonly name = 'ImageReferenceError';
  /** input is the reference exactly as given. */
  readonly input: string;
  readonly reason: ImageReferenceErrorReason;
  constructor(
    input: string,
    reason: ImageReferenceErrorReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.input = input;
    this.reason = reason;
  }
}

/** ParseOptions tunes reference parsing. */
export interface ParseOptions {
  /** insecure marks the registry as plain HTTP (ImageRepository `spec.insecure`). */
  readonly insecure?: boolean;
}

const DEFAULT_REGISTRY = 'index.docker.io';
const REGISTRY_ALIAS = 'docker.io';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const TAG_CHARS = `${LOWER}${LOWER.toUpperCase()}${DIGITS}_-.`;
const REPO_CHARS = `${LOWER}${DIGITS}_-./`;

/**
 * parseImageReference parses `[registry/]repository[:tag][@digest]` like go-containerregistry's
 * `name.ParseReference`: tag form first, then digest form; throws ImageReferenceError.
 */
export function parseImageReference(input: string, opts: ParseOptions = {}): ImageReference {
  const insecure = opts.insecure === true;
  let tagErr: string;
  try {
    return parseTagForm(input, insecure);
  } catch (err) {
    if (!(err instanceof BadName)) throw err;
    tagErr = err.message;
  }
  try {
    return parseDigestForm(input, insecure);
  } catch (err) {
    if (!(err instanceof BadName)) throw err;
    throw new ImageReferenceError(input, 'syntax', `could not parse reference: ${input}`, {
      cause: new Error(`${tagErr}; ${err.message}`),
    });
  }
}

/**
 * parseRepositoryImage applies ImageRepository `spec.image` rules: no URL scheme, no tag or
 * digest, then parses; messages are Flux's. Returns the reference (tag/digest absent).
 */
export function parseRepositoryImage(image: string, opts: ParseOptions = {}): ImageReference {
  const scheme = image.indexOf('://');
  if (scheme !== -1) {
    throw new ImageReferenceError(
      image,
      'scheme',
      `image '${image}' should not include URL scheme; remove '${image.slice(0, scheme)}://'`,
    );
  }
  const ref = parseImageReference(image, opts);
  // Flux strips the normalised registry string as a prefix of the input; a colon left over is a
  // tag (or digest). For `docker.io/x:t` nothing is stripped, which still finds the colon.
  const rest = image.startsWith(ref.registry) ? image.slice(ref.registry.length) : image;
  const pieces = rest.split(':');
  if (pieces.length > 1) {
    // Flux names only the text between the first and second colon.
    throw new ImageReferenceError(
      image,
      'tag',
      `image '${image}' should not include a tag; remove ':${pieces[1]}'`,
    );
  }
  return ref;
}

/** BadName is go-containerregistry's ErrBadName; internal, folded into ImageReferenceError. */
class BadName extends Error {}

function parseTagForm(input: string, insecure: boolean): ImageReference {
  let base = input;
  let tag: string | undefined;
  const parts = input.split(':');
  const last = parts[parts.length - 1] ?? '';
  // A last colon-part holding a `/` belongs to host:port, not to a tag.
  if (parts.length > 1 && !last.includes('/')) {
    base = parts.slice(0, -1).join(':');
    if (last === '') throw new BadName(`${input} must specify a tag name after the colon`);
    checkElement('tag', last, TAG_CHARS, 1, 128);
    tag = last;
  }
  return build(base, insecure, tag, undefined);
}

function parseDigestForm(input: string, insecure: boolean): ImageReference {
  const parts = input.split('@');
  if (parts.length !== 2) {
    throw new BadName(`a digest must contain exactly one '@' separator, saw: ${input}`);
  }
  let base = parts[0] ?? '';
  const digest = parts[1] ?? '';
  if (!digest.startsWith('sha256:')) throw new BadName(`unsupported digest algorithm: ${digest}`);
  const hex = digest.slice('sha256:'.length);
  if (hex.length !== 64 || !allIn(hex, HEX_LOWER)) {
    throw new BadName(`invalid checksum digest format: ${digest}`);
  }
  let tag: string | undefined;
  try {
    // go-containerregistry accepts `repo:tag@digest`, keeping the repository of the tag form.
    const withTag = parseTagForm(base, insecure);
    base = withTag.canonicalName;
    tag = withTag.tag;
  } catch (err) {
    if (!(err instanceof BadName)) throw err;
  }
  const ref = build(base, insecure, undefined, digest);
  return tag === undefined ? ref : { ...ref, tag };
}

function build(
  base: string,
  insecure: boolean,
  tag: string | undefined,
  digest: string | undefined,
): ImageReference {
  if (base.length === 0) throw new BadName('a repository name must be specified');
  let registry = '';
  let repo = base;
  const slash = base.indexOf('/');
  if (slash !== -1) {
    const first = base.slice(0, slash);
    if (first.includes('.') || first.includes(':')) {
      registry = first;
      repo = base.slice(slash + 1);
    }
  }
  checkElement('repository', repo, REPO_CHARS, 2, 255);
  checkRegistry(registry);
  if (registry === '' || registry === REGISTRY_ALIAS) registry = DEFAULT_REGISTRY;
  const repository =
    registry === DEFAULT_REGISTRY && !repo.includes('/') ? `library/${repo}` : repo;
  return {
    registry,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
    canonicalName: `${registry}/${repository}`,
    scheme: registryScheme(registry, insecure),
  };
}

function checkElement(what: string, value: string, chars: string, min: number, max: number): void {
  const runes = [...value].length;
  if (runes < min || runes > max) {
    throw new BadName(`${what} must be between ${min} and ${max} characters in length: ${value}`);
  }
  if (!allIn(value, chars)) throw new BadName(`${what} contains invalid characters: ${value}`);
}

function checkRegistry(registry: string): void {
  if (!isRegistryAuthority(registry)) {
    throw new BadName(`registries must be valid RFC 3986 URI authorities: ${registry}`);
  }
}

// registryScheme mirrors go-containerregistry v0.21.6 `Registry.Scheme()`: plain HTTP for
// insecure, RFC 1918 IPv4, localhost:port, *.localhost and names containing a loopback address.
function registryScheme(registry: string, insecure: boolean): 'http' | 'https' {
  if (insecure || isRFC1918(registry.split(':')[0] ?? '')) return 'http';
  if (registry.startsWith('localhost:') || isDotLocalhost(registry)) {
    return 'http';
  }
  return registry.includes('127.0.0.1') || registry.includes('::1') ? 'http' : 'https';
}

function isRFC1918(host: string): boolean {
  const octets = host.split('.');
  if (octets.length !== 4 || !octets.every(isDecimalOctet)) return false;
  const [a, b] = octets.map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

// isDotLocalhost is go-containerregistry's `.*\.localhost(?::\d{1,5})?$`.
function isDotLocalhost(registry: string): boolean {
  const colon = registry.lastIndexOf(':');
  const port = colon === -1 ? '' : registry.slice(colon + 1);
  const host =
    colon !== -1 && port.length >= 1 && port.length <= 5 && allIn(port, DIGITS)
      ? registry.slice(0, colon)
      : registry;
  return host.endsWith('.localhost') || registry.endsWith('.localhost');
}
