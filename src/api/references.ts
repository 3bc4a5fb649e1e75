// Checks across objects: duplicates, references between kinds and the Secrets they need.
// A referenced object missing from the given files is only a warning: it may live elsewhere.
import type { Diagnostic, Severity } from './diagnostic.ts';
import { closest } from './edit-distance.ts';
import { fieldPosition, type ObjectKey } from './load.ts';
import type {
  GitRepository,
  ImagePolicy,
  ImageRepository,
  ImageUpdateAutomation,
  ManifestObject,
  Secret,
} from './model.ts';
import { pushBranchProblem } from './push-branch.ts';

/** ObjectSet is everything loaded from the inputs. */
export interface ObjectSet {
  readonly objects: readonly ManifestObject[];
  /** invalid are recognised objects with errors; references to them are not "missing". */
  readonly invalid: readonly (ObjectKey & { readonly origin: ManifestObject['origin'] })[];
}

type Report = (o: ManifestObject, severity: Severity, path: string, message: string) => void;

/** checkReferences returns problems that need more than one object to see. */
export function checkReferences(set: ObjectSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (o, severity, path, message) => {
    const at = fieldPosition(o, path);
    out.push({
      severity,
      file: o.origin.file,
      document: o.origin.document,
      line: at?.line ?? o.origin.line,
      column: at?.column ?? 1,
      kind: o.kind,
      object: `${o.metadata.namespace}/${o.metadata.name}`,
      path,
      message,
    });
  };
  const index = new Map<string, ManifestObject>();
  const known = new Set(set.invalid.map(keyOf));
  for (const o of set.objects) {
    const key = keyOf({ kind: o.kind, ...o.metadata });
    const first = index.get(key);
    if (first) {
      report(
        o,
        'error',
        'metadata.name',
        `duplicate ${o.kind} ${o.metadata.namespace}/${o.metadata.name}; first defined at ${first.origin.file}:${first.origin.line}`,
      );
      continue;
    }
    index.set(key, o);
  }
  // Names per kind and namespace, for "did you mean" hints; built once (inputs can be large).
  const names = new Map<string, string[]>();
  const addName = (kind: string, namespace: string, name: string) => {
    const k = `${kind}\0${namespace}`;
    const list = names.get(k);
    if (list) list.push(name);
    else names.set(k, [name]);
  };
  for (const o of set.objects) addName(o.kind, o.metadata.namespace, o.metadata.name);
  for (const o of set.invalid) addName(o.kind, o.namespace, o.name);
  const find = <K extends ManifestObject['kind']>(kind: K, namespace: string, name: string) => {
    const key = keyOf({ kind, namespace, name });
    return {
      found: index.get(key) as Extract<ManifestObject, { kind: K }> | undefined,
      known: known.has(key),
      names: names.get(`${kind}\0${namespace}`) ?? [],
    };
  };
  for (const o of index.values()) {
    if (o.kind === 'ImagePolicy') checkPolicy(o, find, report);
    if (o.kind === 'ImageRepository') checkRepository(o, find, report);
    if (o.kind === 'ImageUpdateAutomation') checkAutomation(o, find, report);
    if (o.kind === 'GitRepository') checkGitRepository(o, find, report);
  }
  return out;
}

type Find = <K extends ManifestObject['kind']>(
  kind: K,
  namespace: string,
  name: string,
) => {
  found: Extract<ManifestObject, { kind: K }> | undefined;
  known: boolean;
  /** names are the objects of that kind in that namespace, for "did you mean" hints. */
  names: string[];
};

function keyOf(k: { kind: string; namespace: string; name: string }): string {
  return `${k.kind}\0${k.namespace}\0${k.name}`;
}

function missing(kind: string, ns: string, name: string, names: readonly string[] = []): string {
  const close = closest(name, names);
  const hint = close === undefined ? '' : `; did you mean ${JSON.stringify(close)}?`;
  return `refers to ${kind} ${ns}/${name}, which is not among the given files${hint}`;
}

function checkPolicy(p: ImagePolicy, find: Find, report: Report): void {
  const ref = p.spec.imageRepositoryRef;
  const r = find('ImageRepository', ref.namespace, ref.name);
  if (!r.found) {
    if (!r.known)
      report(
        p,
        'warning',
        'spec.imageRepositoryRef',
        missing('ImageRepository', ref.namespace, ref.name, r.names),
      );
    return;
  }
  if (ref.namespace === p.metadata.namespace) return;
  const access = r.found.spec.accessFrom;
  if (access === undefined) {
    report(
      p,
      'error',
      'spec.imageRepositoryRef.namespace',
      `ImageRepository ${ref.namespace}/${ref.name} has no spec.accessFrom, so Flux denies this cross-namespace reference (AccessDenied: missing ACL labels on 'accessFrom')`,
    );
    return;
  }
  // With the policy's Namespace among the inputs, evaluate the selectors as Flux's ACL does:
  // any selector whose matchLabels all match (empty matches every namespace). The API server
  // labels every Namespace with kubernetes.io/metadata.name.
  const ns = find('Namespace', '', p.metadata.namespace).found;
  if (!ns) return;
  const labels: Record<string, string> = {
    ...ns.metadata.labels,
    'kubernetes.io/metadata.name': ns.metadata.name,
  };
  const allowed = access.namespaceSelectors.some((sel) =>
    Object.entries(sel.matchLabels).every(([k, v]) => labels[k] === v),
  );
  if (!allowed) {
    report(
      p,
      'error',
      'spec.imageRepositoryRef.namespace',
      `the labels of Namespace ${ns.metadata.name} match none of ImageRepository ${ref.namespace}/${ref.name} spec.accessFrom.namespaceSelectors, so Flux denies this reference (AccessDenied)`,
    );
  }
}

function checkRepository(r: ImageRepository, find: Find, report: Report): void {
  const ns = r.metadata.namespace;
  const secret = (field: string, name: string | undefined): Secret | undefined => {
    if (name === undefined) return;
    const s = find('Secret', ns, name);
    if (!s.found && !s.known) report(r, 'warning', field, missing('Secret', ns, name, s.names));
    return s.found;
  };
  const pull = secret('spec.secretRef', r.spec.secretRef);
  if (pull && !isDockerConfig(pull)) {
    report(
      r,
      'warning',
      'spec.secretRef',
      `Secret ${ns}/${pull.metadata.name} is of type ${pull.type}; Flux only reads credentials from kubernetes.io/dockerconfigjson (.dockerconfigjson) or kubernetes.io/dockercfg (.dockercfg) Secrets, so scans run anonymously`,
    );
  }
  const cert = secret('spec.certSecretRef', r.spec.certSecretRef);
  if (cert) {
    const has = (k: string) => cert.keys.includes(k);
    const pair = (has('tls.crt') && has('tls.key')) || (has('certFile') && has('keyFile'));
    const ca = has('ca.crt') || has('caFile');
    if (!pair && !ca) {
      report(
        r,
        'error',
        'spec.certSecretRef',
        `Secret ${ns}/${cert.metadata.name} needs tls.crt and tls.key, or ca.crt (has: ${cert.keys.join(', ') || 'no keys'})`,
      );
    } else if (has('tls.crt') !== has('tls.key')) {
      report(
        r,
        'error',
        'spec.certSecretRef',
        `Secret ${ns}/${cert.metadata.name} must hold tls.crt and tls.key together`,
      );
    }
  }
  const proxy = secret('spec.proxySecretRef', r.spec.proxySecretRef);
  if (proxy && !proxy.keys.includes('address')) {
    report(
      r,
      'error',
      'spec.proxySecretRef',
      `Secret ${ns}/${proxy.metadata.name} has no "address" key`,
    );
  }
}

function isDockerConfig(s: Secret): boolean {
  return (
    (s.type === 'kubernetes.io/dockerconfigjson' && s.keys.includes('.dockerconfigjson')) ||
    (s.type === 'kubernetes.io/dockercfg' && s.keys.includes('.dockercfg'))
  );
}

function checkAutomation(a: ImageUpdateAutomation, find: Find, report: Report): void {
  const src = a.spec.sourceRef;
  const repo = find('GitRepository', src.namespace, src.name);
  if (!repo.found && !repo.known)
    report(
      a,
      'warning',
      'spec.sourceRef',
      missing('GitRepository', src.namespace, src.name, repo.names),
    );
  const git = a.spec.git;
  if (git && (repo.found || !repo.known)) {
    const problem = pushBranchProblem(a, repo.found as GitRepository | undefined);
    if (problem) report(a, problem.severity, 'spec.git.push.branch', problem.message);
  }
  const key = git?.commit.signingKey;
  if (key) {
    const s = find('Secret', a.metadata.namespace, key.secretRef);
    const need = key.type === 'ssh' ? 'identity' : 'git.asc';
    if (!s.found && !s.known)
      report(
        a,
        'warning',
        'spec.git.commit.signingKey.secretRef',
        missing('Secret', a.metadata.namespace, key.secretRef, s.names),
      );
    else if (s.found && !s.found.keys.includes(need)) {
      report(
        a,
        'error',
        'spec.git.commit.signingKey.secretRef',
        `Secret ${a.metadata.namespace}/${key.secretRef} has no "${need}" key, needed for ${key.type} signing`,
      );
    }
  }
  const ns = a.metadata.namespace;
  if (find('ImagePolicy', ns, '').names.length === 0) {
    report(
      a,
      'warning',
      'metadata.namespace',
      `no ImagePolicy in namespace ${a.metadata.namespace} among the given files; Flux only applies policies from the automation's own namespace`,
    );
  }
}

function checkGitRepository(g: GitRepository, find: Find, report: Report): void {
  const name = g.spec.secretRef;
  if (name === undefined) return;
  const s = find('Secret', g.metadata.namespace, name);
  if (!s.found) {
    if (!s.known)
      report(
        g,
        'warning',
        'spec.secretRef',
        missing('Secret', g.metadata.namespace, name, s.names),
      );
    return;
  }
  if (g.spec.url.startsWith('ssh://')) {
    const lacking = ['identity', 'known_hosts'].filter((k) => !s.found?.keys.includes(k));
    if (lacking.length > 0) {
      report(
        g,
        'error',
        'spec.secretRef',
        `Secret ${g.metadata.namespace}/${name} lacks ${lacking.join(' and ')}, required for ssh:// URLs`,
      );
    }
  }
}
