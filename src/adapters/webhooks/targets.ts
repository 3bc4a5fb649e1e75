// Which objects a Receiver's `spec.resources` select, as notification-controller resolves them
// (explicit names, or `*` with matchLabels), narrowed to pushed repositories for `distribution`.
import { parseImageReference } from '../../core/reference/parse.ts';
import { type ObjectInfo, type Receiver, TRIGGERABLE_KINDS, type Triggered } from './receiver.ts';

/** TargetResult is the objects to trigger plus the named ones that do not exist. */
export interface TargetResult {
  triggered: Triggered[];
  missing: Triggered[];
  /** crossNamespace are entries refused because cross-namespace references are disabled. */
  crossNamespace: Triggered[];
}

function labelsMatch(
  want: Readonly<Record<string, string>>,
  have: Readonly<Record<string, string>> | undefined,
): boolean {
  return Object.entries(want).every(([k, v]) => have?.[k] === v);
}

function repositoryPath(image: string | undefined): string | undefined {
  if (image === undefined) return undefined;
  try {
    return parseImageReference(image).repository;
  } catch {
    return undefined;
  }
}

/** resolveTargets expands the Receiver's resources against the known objects. */
export function resolveTargets(
  receiver: Receiver,
  objects: readonly ObjectInfo[],
  options: { repositories?: readonly { path: string }[]; noCrossNamespaceRefs?: boolean } = {},
): TargetResult {
  const out: TargetResult = { triggered: [], missing: [], crossNamespace: [] };
  const seen = new Set<string>();
  const add = (o: Triggered) => {
    const key = `${o.kind}/${o.namespace}/${o.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.triggered.push({ kind: o.kind, namespace: o.namespace, name: o.name });
  };
  for (const res of receiver.resources) {
    if (!TRIGGERABLE_KINDS.includes(res.kind)) continue;
    const namespace = res.namespace ?? receiver.namespace;
    if (options.noCrossNamespaceRefs && namespace !== receiver.namespace) {
      out.crossNamespace.push({ kind: res.kind, namespace, name: res.name });
      continue;
    }
    const candidates =
      res.name === '*'
        ? objects.filter(
            (o) =>
              o.kind === res.kind &&
              o.namespace === namespace &&
              labelsMatch(res.matchLabels ?? {}, o.labels),
          )
        : objects.filter(
            (o) => o.kind === res.kind && o.namespace === namespace && o.name === res.name,
          );
    if (res.name !== '*' && candidates.length === 0) {
      out.missing.push({ kind: res.kind, namespace, name: res.name });
      continue;
    }
    for (const o of candidates) {
      if (options.repositories && o.kind === 'ImageRepository') {
        const path = repositoryPath(o.image);
        if (!options.repositories.some((r) => r.path === path)) continue;
      }
      add(o);
    }
  }
  return out;
}
