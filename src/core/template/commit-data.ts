// The data a commit message template sees, shaped like Flux's TemplateData so templates behave as
// in Go: `.AutomationObject`, `.Changed` (update.Result), `.Values`, and the deprecated `.Updated`
// view (commit-legacy.ts), which tagpilot keeps for every API version and builds only when used.
import type { FileChanges, ImageRef, ObjectIdentifier } from '../setters/result.ts';
import { legacyUpdated } from './commit-legacy.ts';
import { GoFunc, GoStruct, type GoValue, infoOf, registerZero, typed } from './values.ts';

/** CommitTemplateInput is what the automation knows after applying setters. */
export interface CommitTemplateInput {
  readonly automation: { readonly namespace: string; readonly name: string };
  readonly files: readonly FileChanges[];
  /** latestByPolicy maps a setter policy `namespace:name` to that policy's latest image. */
  readonly latestByPolicy: ReadonlyMap<string, ImageRef>;
  /** values is spec.git.commit.messageTemplateValues (absent → nil map, as in Go). */
  readonly values?: Readonly<Record<string, string>>;
}

/** method declares a no-argument method value. */
export const method = (name: string, fn: () => GoValue): [string, GoFunc] => [
  name,
  new GoFunc(name, [], undefined, fn),
];

/** nilIfEmpty marks an empty slice or map as Go's nil (toJson prints null, %#v shows nil). */
export function nilIfEmpty<T extends GoValue[] | Map<GoValue, GoValue>>(v: T): T {
  const n = Array.isArray(v) ? v.length : (v as Map<GoValue, GoValue>).size;
  return n === 0 ? typed(v, { ...infoOf(v), nil: true }) : v;
}

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

/** objectIdentifier is update.ObjectIdentifier (embedding kyaml's ResourceIdentifier). */
export function objectIdentifier(o: ObjectIdentifier): GoStruct {
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

const changeList = (v: GoValue[]): GoValue[] =>
  typed(v, { name: '[]update.Change', elem: 'update.Change' });
const objectChanges = (m: Map<GoValue, GoValue>): Map<GoValue, GoValue> =>
  typed(m, {
    name: 'update.ObjectChanges',
    key: 'update.ObjectIdentifier',
    elem: '[]update.Change',
  });

registerZero('update.ObjectChanges', () =>
  typed(objectChanges(new Map()), { ...infoOf(objectChanges(new Map())), nil: true }),
);

/** IdentifierCache hands out one ObjectIdentifier value per distinct object (map key identity). */
export type IdentifierCache = (o: ObjectIdentifier) => GoStruct;

function identifierCache(): IdentifierCache {
  const ids = new Map<string, GoStruct>();
  return (o) => {
    const key = `${o.apiVersion}\u0000${o.kind}\u0000${o.name}\u0000${o.namespace}`;
    const known = ids.get(key);
    if (known) return known;
    const id = objectIdentifier(o);
    ids.set(key, id);
    return id;
  };
}

function changedView(input: CommitTemplateInput, idOf: IdentifierCache): GoStruct {
  const fileChanges = typed(new Map<GoValue, GoValue>(), {
    name: 'map[string]update.ObjectChanges',
    elem: 'update.ObjectChanges',
  });
  for (const f of input.files) {
    const oc =
      (fileChanges.get(f.file) as Map<GoValue, GoValue> | undefined) ?? objectChanges(new Map());
    for (const o of f.objects) {
      const id = idOf(o.object);
      const list = (oc.get(id) as GoValue[] | undefined) ?? changeList([]);
      for (const c of o.changes) {
        list.push(
          new GoStruct('update.Change', [
            { name: 'OldValue', value: c.oldValue },
            { name: 'NewValue', value: c.newValue },
            { name: 'Setter', value: c.setter },
          ]),
        );
      }
      if (list.length > 0) oc.set(id, list);
    }
    if (oc.size > 0) fileChanges.set(f.file, oc);
  }
  // Go leaves the map nil until the first change is recorded (toJson prints null).
  nilIfEmpty(fileChanges);
  const changes = (): GoValue => {
    const seen = new Set<string>();
    const out = changeList([]);
    for (const oc of fileChanges.values() as Iterable<Map<GoValue, GoValue>>) {
      for (const list of oc.values() as Iterable<GoStruct[]>) {
        for (const c of list) {
          const f = c.fields;
          const key = `${f[0]!.value}\u0000${f[1]!.value}\u0000${f[2]!.value}`;
          if (!seen.has(key)) {
            seen.add(key);
            out.push(c);
          }
        }
      }
    }
    return nilIfEmpty(out);
  };
  const objects = (): GoValue => {
    const out = objectChanges(new Map());
    for (const oc of fileChanges.values() as Iterable<Map<GoValue, GoValue>>) {
      for (const [id, list] of oc) {
        out.set(id, changeList([...((out.get(id) as GoValue[]) ?? []), ...(list as GoValue[])]));
      }
    }
    return out;
  };
  return new GoStruct(
    'update.Result',
    [{ name: 'FileChanges', value: fileChanges }],
    Object.fromEntries([method('Changes', changes), method('Objects', objects)]),
  );
}

/** commitTemplateData builds the template's root value (source.TemplateData). */
export function commitTemplateData(input: CommitTemplateInput): GoStruct {
  const idOf = identifierCache();
  let updated: GoStruct | undefined;
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
    {
      name: 'Updated',
      // Built on first use: most templates never read the deprecated view.
      get value(): GoValue {
        updated ??= legacyUpdated(input, idOf);
        return updated;
      },
    },
    { name: 'Changed', value: changedView(input, idOf) },
    { name: 'Values', value: values },
  ]);
}
