// The data a commit message template sees, shaped like Flux's TemplateData so templates behave as
// in Go: `.AutomationObject`, `.Changed` (update.Result), `.Values`, and the deprecated `.Updated`
// view (v1beta1/v1beta2 update.Result with image refs), which tagpilot keeps for every API version.
import type { FileChanges, ImageRef, ObjectIdentifier } from '../setters/result.ts';
import { GoFunc, GoStruct, type GoValue, infoOf, typed } from './values.ts';

/** CommitTemplateInput is what the automation knows after applying setters. */
export interface CommitTemplateInput {
  readonly automation: { readonly namespace: string; readonly name: string };
  readonly files: readonly FileChanges[];
  /** latestByPolicy maps a setter policy `namespace:name` to that policy's latest image. */
  readonly latestByPolicy: ReadonlyMap<string, ImageRef>;
  /** values is spec.git.commit.messageTemplateValues (absent → nil map, as in Go). */
  readonly values?: Readonly<Record<string, string>>;
}

const method = (name: string, fn: () => GoValue, sig = ''): [string, GoFunc] => [
  name,
  new GoFunc(name, [], undefined, fn, sig),
];

/** namespacedName is k8s types.NamespacedName: prints `namespace/name`. */
export function namespacedName(namespace: string, name: string): GoStruct {
  return new GoStruct(
    'types.NamespacedName',
    [
      { name: 'Namespace', value: namespace },
      { name: 'Name', value: name },
    ],
    Object.fromEntries([method('String', () => `${namespace}/${name}`)]),
  );
}

function objectIdentifier(o: ObjectIdentifier): GoStruct {
  const typeMeta = new GoStruct('yaml.TypeMeta', [
    { name: 'APIVersion', value: o.apiVersion },
    { name: 'Kind', value: o.kind },
  ]);
  const nameMeta = new GoStruct('yaml.NameMeta', [
    { name: 'Name', value: o.name },
    { name: 'Namespace', value: o.namespace },
  ]);
  const rid = new GoStruct('yaml.ResourceIdentifier', [
    { name: 'TypeMeta', value: typeMeta, embedded: true },
    { name: 'NameMeta', value: nameMeta, embedded: true },
  ]);
  return new GoStruct('update.ObjectIdentifier', [
    { name: 'ResourceIdentifier', value: rid, embedded: true },
  ]);
}

/** parseRef splits an image reference like go-containerregistry's weak parsing does. */
function parseRef(ref: string): {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
} {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  let name = at >= 0 ? ref.slice(0, at) : ref;
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  let registry = 'index.docker.io';
  let repository = name;
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first === 'docker.io' ? 'index.docker.io' : first;
    repository = name.slice(slash + 1);
  }
  if (registry === 'index.docker.io' && !repository.includes('/'))
    repository = `library/${repository}`;
  if (digest === undefined && tag === undefined) tag = 'latest';
  return {
    registry,
    repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** legacyImageRef is the v1beta2 update.ImageRef: prints as the full reference. */
function legacyImageRef(ref: ImageRef, policy: string): GoStruct {
  const full = `${ref.name}:${ref.tag}${ref.digest ? `@${ref.digest}` : ''}`;
  const p = parseRef(full);
  const [ns = '', name = ''] = policy.split(':');
  const qualified = `${p.registry}/${p.repository}`;
  return new GoStruct(
    'update.imageRef',
    [],
    Object.fromEntries([
      method('String', () => full),
      method('Identifier', () => p.digest ?? p.tag ?? ''),
      method('Repository', () => p.repository),
      method('Registry', () => p.registry),
      method('Name', () => (p.digest ? `${qualified}@${p.digest}` : `${qualified}:${p.tag}`)),
      method('Policy', () => namespacedName(ns, name)),
    ]),
  );
}

const changeList = (v: GoValue[]): GoValue[] =>
  typed(v, { name: '[]update.Change', elem: 'update.Change' });
const refList = (v: GoValue[]): GoValue[] =>
  typed(v, { name: '[]update.ImageRef', elem: 'update.ImageRef' });
const objectChanges = (m: Map<GoValue, GoValue>): Map<GoValue, GoValue> =>
  typed(m, {
    name: 'update.ObjectChanges',
    key: 'update.ObjectIdentifier',
    elem: '[]update.Change',
  });
const objectRefs = (m: Map<GoValue, GoValue>): Map<GoValue, GoValue> =>
  typed(m, {
    name: 'map[update.ObjectIdentifier][]update.ImageRef',
    key: 'update.ObjectIdentifier',
    elem: '[]update.ImageRef',
  });

/** commitTemplateData builds the template's root value (source.TemplateData). */
export function commitTemplateData(input: CommitTemplateInput): GoStruct {
  const ids = new Map<string, GoStruct>();
  const idOf = (o: ObjectIdentifier): GoStruct => {
    const key = JSON.stringify([o.apiVersion, o.kind, o.name, o.namespace]);
    const known = ids.get(key);
    if (known) return known;
    const id = objectIdentifier(o);
    ids.set(key, id);
    return id;
  };
  const refs = new Map<string, GoStruct>();
  const refOf = (setter: string): GoStruct | undefined => {
    const [ns, name] = setter.split(':');
    if (ns === undefined || name === undefined) return undefined;
    const key = `${ns}:${name}`;
    const latest = input.latestByPolicy.get(key);
    if (!latest) return undefined;
    const known = refs.get(key);
    if (known) return known;
    const r = legacyImageRef(latest, key);
    refs.set(key, r);
    return r;
  };

  const fileChanges = typed(new Map<GoValue, GoValue>(), {
    name: 'map[string]update.ObjectChanges',
    elem: 'update.ObjectChanges',
  });
  const legacyFiles = typed(new Map<GoValue, GoValue>(), {
    name: 'map[string]update.FileResult',
    elem: 'update.FileResult',
  });
  for (const f of input.files) {
    const oc =
      (fileChanges.get(f.file) as Map<GoValue, GoValue> | undefined) ?? objectChanges(new Map());
    const lo = objectRefs(new Map());
    for (const o of f.objects) {
      const id = idOf(o.object);
      const list = (oc.get(id) as GoValue[] | undefined) ?? changeList([]);
      const refsHere = (lo.get(id) as GoValue[] | undefined) ?? refList([]);
      for (const c of o.changes) {
        list.push(
          new GoStruct('update.Change', [
            { name: 'OldValue', value: c.oldValue },
            { name: 'NewValue', value: c.newValue },
            { name: 'Setter', value: c.setter },
          ]),
        );
        const r = refOf(c.setter);
        if (r && !refsHere.includes(r)) refsHere.push(r);
      }
      if (list.length > 0) oc.set(id, list);
      if (refsHere.length > 0) lo.set(id, refsHere);
    }
    if (oc.size > 0) fileChanges.set(f.file, oc);
    if (lo.size > 0)
      legacyFiles.set(f.file, new GoStruct('update.FileResult', [{ name: 'Objects', value: lo }]));
  }
  // Go leaves these maps nil until the first change is recorded (toJson prints null).
  if (fileChanges.size === 0) typed(fileChanges, { ...infoOf(fileChanges), nil: true });
  if (legacyFiles.size === 0) typed(legacyFiles, { ...infoOf(legacyFiles), nil: true });

  const changed = new GoStruct(
    'update.Result',
    [{ name: 'FileChanges', value: fileChanges }],
    Object.fromEntries([
      method('Changes', () => {
        const seen = new Set<string>();
        const out = changeList([]);
        for (const oc of fileChanges.values() as Iterable<Map<GoValue, GoValue>>) {
          for (const list of oc.values() as Iterable<GoStruct[]>) {
            for (const c of list) {
              const key = JSON.stringify(c.fields.map((x) => x.value));
              if (!seen.has(key)) {
                seen.add(key);
                out.push(c);
              }
            }
          }
        }
        return out.length > 0 ? out : typed(out, { ...infoOf(out), nil: true });
      }),
      method('Objects', () => {
        const out = objectChanges(new Map());
        for (const oc of fileChanges.values() as Iterable<Map<GoValue, GoValue>>) {
          for (const [id, list] of oc)
            out.set(
              id,
              changeList([...((out.get(id) as GoValue[]) ?? []), ...(list as GoValue[])]),
            );
        }
        return out;
      }),
    ]),
  );

  const updated = new GoStruct(
    'update.LegacyResult',
    [{ name: 'Files', value: legacyFiles }],
    Object.fromEntries([
      method('Images', () => {
        const out = refList([]);
        for (const fr of legacyFiles.values() as Iterable<GoStruct>) {
          for (const list of (fr.fields[0]!.value as Map<GoValue, GoValue>).values() as Iterable<
            GoValue[]
          >) {
            for (const r of list) if (!out.includes(r)) out.push(r);
          }
        }
        return out.length > 0 ? out : typed(out, { ...infoOf(out), nil: true });
      }),
      method('Objects', () => {
        const out = objectRefs(new Map());
        for (const fr of legacyFiles.values() as Iterable<GoStruct>) {
          for (const [id, list] of fr.fields[0]!.value as Map<GoValue, GoValue>) {
            out.set(id, refList([...((out.get(id) as GoValue[]) ?? []), ...(list as GoValue[])]));
          }
        }
        return out;
      }),
    ]),
  );

  const values = input.values
    ? typed(new Map<GoValue, GoValue>(Object.entries(input.values)), {
        name: 'map[string]string',
        elem: 'string',
      })
    : typed(new Map<GoValue, GoValue>(), { name: 'map[string]string', elem: 'string', nil: true });

  return new GoStruct('source.TemplateData', [
    {
      name: 'AutomationObject',
      value: namespacedName(input.automation.namespace, input.automation.name),
    },
    { name: 'Updated', value: updated },
    { name: 'Changed', value: changed },
    { name: 'Values', value: values },
  ]);
}
