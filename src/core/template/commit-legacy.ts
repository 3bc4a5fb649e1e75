// The deprecated `.Updated` view of the commit template data (Flux v1beta1/v1beta2 update.Result):
// files → objects → image refs of the policies whose setters changed something. Flux v1 removed
// it; tagpilot still renders it (with a status warning) so existing templates keep working.
import type { ImageRef } from '../setters/result.ts';
import {
  type CommitTemplateInput,
  type IdentifierCache,
  method,
  namespacedName,
  nilIfEmpty,
} from './commit-data.ts';
import {
  type GoField,
  type GoFunc,
  GoStruct,
  type GoValue,
  infoOf,
  registerZero,
  typed,
} from './values.ts';

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

/** ggcrReference mirrors go-containerregistry's name.Tag / name.Digest value (fields as Go has them). */
function ggcrReference(full: string): GoStruct {
  const p = parseRef(full);
  const hidden = (name: string, value: GoValue) => ({ name, value, unexported: true });
  const registry = new GoStruct('name.Registry', [
    hidden('insecure', false),
    hidden('registry', p.registry),
  ]);
  // A tag keeps the repository as written; a digest reference re-parses it fully qualified.
  const implicit =
    p.digest === undefined && p.repository.startsWith('library/') && !full.includes('library/');
  const repo = new GoStruct('name.Repository', [
    { name: 'Registry', value: registry, embedded: true },
    hidden('repository', implicit ? p.repository.slice('library/'.length) : p.repository),
  ]);
  const ref =
    p.digest === undefined
      ? new GoStruct('name.Tag', [
          { name: 'Repository', value: repo, embedded: true },
          hidden('tag', p.tag ?? ''),
          hidden('original', full),
        ])
      : new GoStruct('name.Digest', [
          { name: 'Repository', value: repo, embedded: true },
          hidden('digest', p.digest),
          hidden('original', full),
        ]);
  ref.constString = full;
  ref.jsonText = full;
  return ref;
}

/** LegacyImageRef is the v1beta2 update.ImageRef: prints as the full reference. */
class LegacyImageRef extends GoStruct {
  private readonly full: string;
  private readonly policy: string;
  private table: Record<string, GoFunc> | undefined;
  private fieldCache: GoField[] | undefined;
  constructor(ref: ImageRef, policy: string) {
    super('update.imageRef', []);
    this.full = `${ref.name}:${ref.tag}${ref.digest ? `@${ref.digest}` : ''}`;
    this.policy = policy;
    this.constString = this.full;
  }
  // Fields and methods are built on first use: printing a ref only needs String().
  override get fields(): readonly GoField[] {
    if (this.fieldCache) return this.fieldCache;
    const [ns = '', name = ''] = this.policy.split(':');
    this.fieldCache = [
      { name: 'Reference', value: ggcrReference(this.full), embedded: true },
      { name: 'policy', value: namespacedName(ns, name), unexported: true },
    ];
    return this.fieldCache;
  }
  override get methods(): Readonly<Record<string, GoFunc>> {
    if (this.table) return this.table;
    const full = this.full;
    const p = parseRef(full);
    const [ns = '', name = ''] = this.policy.split(':');
    const qualified = `${p.registry}/${p.repository}`;
    this.table = Object.fromEntries([
      method('String', () => full),
      method('Identifier', () => p.digest ?? p.tag ?? ''),
      method('Repository', () => p.repository),
      method('Registry', () => p.registry),
      method('Name', () => (p.digest ? `${qualified}@${p.digest}` : `${qualified}:${p.tag}`)),
      method('Policy', () => namespacedName(ns, name)),
    ]);
    return this.table;
  }
}

const refList = (v: GoValue[]): GoValue[] =>
  typed(v, { name: '[]update.ImageRef', elem: 'update.ImageRef' });
const objectRefs = (m: Map<GoValue, GoValue>): Map<GoValue, GoValue> =>
  typed(m, {
    name: 'map[update.ObjectIdentifier][]update.ImageRef',
    key: 'update.ObjectIdentifier',
    elem: '[]update.ImageRef',
  });

registerZero(
  'update.FileResult',
  () =>
    new GoStruct('update.FileResult', [
      {
        name: 'Objects',
        value: typed(objectRefs(new Map()), { ...infoOf(objectRefs(new Map())), nil: true }),
      },
    ]),
);

/** legacyUpdated builds `.Updated` (type update.LegacyResult) from the same setter result. */
export function legacyUpdated(input: CommitTemplateInput, idOf: IdentifierCache): GoStruct {
  const refs = new Map<string, GoStruct>();
  const refOf = (setter: string): GoStruct | undefined => {
    const first = setter.indexOf(':');
    if (first < 0) return undefined;
    const second = setter.indexOf(':', first + 1);
    const key = second < 0 ? setter : setter.slice(0, second);
    const known = refs.get(key);
    if (known) return known;
    const latest = input.latestByPolicy.get(key);
    if (!latest) return undefined;
    const r = new LegacyImageRef(latest, key);
    refs.set(key, r);
    return r;
  };
  const files = typed(new Map<GoValue, GoValue>(), {
    name: 'map[string]update.FileResult',
    elem: 'update.FileResult',
  });
  for (const f of input.files) {
    const lo = objectRefs(new Map());
    for (const o of f.objects) {
      const id = idOf(o.object);
      const here = (lo.get(id) as GoValue[] | undefined) ?? refList([]);
      for (const c of o.changes) {
        const r = refOf(c.setter);
        if (r && !here.includes(r)) here.push(r);
      }
      if (here.length > 0) lo.set(id, here);
    }
    if (lo.size > 0)
      files.set(f.file, new GoStruct('update.FileResult', [{ name: 'Objects', value: lo }]));
  }
  nilIfEmpty(files);
  const images = (): GoValue => {
    const out = refList([]);
    const seen = new Set<GoValue>();
    for (const fr of files.values() as Iterable<GoStruct>) {
      for (const list of (fr.fields[0]!.value as Map<GoValue, GoValue>).values() as Iterable<
        GoValue[]
      >) {
        for (const r of list) {
          if (!seen.has(r)) {
            seen.add(r);
            out.push(r);
          }
        }
      }
    }
    return nilIfEmpty(out);
  };
  const objects = (): GoValue => {
    const out = objectRefs(new Map());
    for (const fr of files.values() as Iterable<GoStruct>) {
      for (const [id, list] of fr.fields[0]!.value as Map<GoValue, GoValue>) {
        out.set(id, refList([...((out.get(id) as GoValue[]) ?? []), ...(list as GoValue[])]));
      }
    }
    return out;
  };
  return new GoStruct(
    'update.LegacyResult',
    [{ name: 'Files', value: files }],
    Object.fromEntries([method('Images', images), method('Objects', objects)]),
  );
}
