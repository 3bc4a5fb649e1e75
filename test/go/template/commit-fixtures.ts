// Realistic commit-template inputs (what the setters report after an automation run) for the
// differential tests and the benchmark: n images spread over several files and objects.
import type { CommitTemplateInput } from '../../../src/core/template/commit-data.ts';
import type { FileChanges, ImageRef } from '../../../src/core/setters/result.ts';

/** CommitFixture is one dataset in both shapes: for tagpilot and (as JSON) for the Go harness. */
export interface CommitFixture {
  readonly name: string;
  readonly input: CommitTemplateInput;
  readonly json: unknown;
  /** objects counts distinct objects; Go orders `.Changes`/`.Images` randomly when it is > 1. */
  readonly objects: number;
}

const registries = ['ghcr.io/acme', 'docker.io/library', 'registry.example.com:5000/team', 'quay.io/org'];

/** commitFixture builds n image updates over `files` files (two objects per file when possible). */
export function commitFixture(n: number, files: number, values?: Record<string, string>): CommitFixture {
  const latest = new Map<string, ImageRef>();
  const byFile: FileChanges[] = [];
  const perFile = new Map<number, { object: number; changes: { oldValue: string; newValue: string; setter: string }[] }[]>();
  for (let i = 0; i < n; i++) {
    const name = `${registries[i % registries.length]}/app-${i}`;
    const tag = `1.${i}.${i % 7}`;
    const digest = i % 5 === 4 ? `sha256:${i.toString(16).padStart(64, 'a')}` : undefined;
    const policy = `flux-system:app-${i}`;
    latest.set(policy, digest ? { name, tag, digest } : { name, tag });
    const f = i % files;
    const objs = perFile.get(f) ?? [];
    const object = Math.floor(i / files) % 2;
    let o = objs.find((x) => x.object === object);
    if (!o) objs.push((o = { object, changes: [] }));
    if (i % 3 === 2) {
      o.changes.push({ oldValue: `1.${i}.0`, newValue: tag, setter: `${policy}:tag` });
      o.changes.push({ oldValue: `${name}-old`, newValue: name, setter: `${policy}:name` });
    } else {
      const full = `${name}:${tag}${digest ? `@${digest}` : ''}`;
      o.changes.push({ oldValue: `${name}:1.${i}.0`, newValue: full, setter: policy });
    }
    perFile.set(f, objs);
  }
  let objects = 0;
  for (const [f, objs] of [...perFile].sort((a, b) => a[0] - b[0])) {
    byFile.push({
      file: f === 0 ? 'kustomization.yaml' : `apps/app-${f}/deployment.yaml`,
      objects: objs.map((o) => {
        objects++;
        return {
          object:
            f === 0
              ? { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', name: '', namespace: '' }
              : { apiVersion: 'apps/v1', kind: o.object ? 'CronJob' : 'Deployment', name: `app-${f}-${o.object}`, namespace: 'apps' },
          changes: o.changes,
        };
      }),
    });
  }
  byFile.sort((a, b) => (a.file < b.file ? -1 : 1));
  const automation = { namespace: 'flux-system', name: 'update-all' };
  const input: CommitTemplateInput = values
    ? { automation, files: byFile, latestByPolicy: latest, values }
    : { automation, files: byFile, latestByPolicy: latest };
  const json = {
    automation,
    files: byFile,
    latestByPolicy: Object.fromEntries(latest),
    values: values ?? null,
  };
  return { name: `${n} images in ${files} files`, input, json, objects };
}

/** commitFixtures are the datasets every Flux template is checked against. */
export function commitFixtures(): CommitFixture[] {
  return [
    commitFixture(1, 1, { cluster: 'prod' }),
    commitFixture(3, 2),
    commitFixture(20, 5, { cluster: 'staging', team: 'a' }),
    commitFixture(0, 1),
  ];
}
