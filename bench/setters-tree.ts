// Generates the setters benchmark tree: N YAML files of realistic manifests (~10 KB each), a
// fraction of them carrying one `$imagepolicy` marker.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** TreeSpec sizes the generated repository. */
export interface TreeSpec {
  readonly files: number;
  readonly markedEvery: number;
  readonly envPerFile: number;
}

function manifest(i: number, marked: boolean, envCount: number): string {
  const lines = [
    '# generated for the setters benchmark',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: app-${i}`,
    `  namespace: team-${i % 37}`,
    '  labels:',
    `    app.kubernetes.io/name: app-${i}`,
    '    app.kubernetes.io/part-of: bench',
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    `      app: app-${i}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: app-${i}`,
    '    spec:',
    '      containers:',
    `        - name: app-${i}`,
    marked
      ? `          image: ghcr.io/bench/app-${i % 50}:1.0.0 # {"$imagepolicy": "flux-system:app-${i % 50}"}`
      : `          image: ghcr.io/bench/app-${i % 50}:1.0.0`,
    '          ports:',
    '            - containerPort: 8080',
    '          env:',
  ];
  for (let e = 0; e < envCount; e++) {
    lines.push(
      `            - name: SETTING_${e}`,
      `              value: "value number ${e} for app ${i}"`,
    );
  }
  lines.push('          resources:', '            limits:', '              memory: 128Mi', '');
  return lines.join('\n');
}

/** generateTree writes the benchmark tree under dir and returns the total bytes written. */
export function generateTree(dir: string, spec: TreeSpec): number {
  let bytes = 0;
  for (let i = 0; i < spec.files; i++) {
    const sub = join(dir, `team-${i % 37}`, `app-${Math.floor(i / 37) % 100}`);
    mkdirSync(sub, { recursive: true });
    const text = manifest(i, i % spec.markedEvery === 0, spec.envPerFile);
    writeFileSync(join(sub, `deploy-${i}.yaml`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}
