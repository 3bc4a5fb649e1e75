// `npm run bench`: runs the quick benchmarks one after another; `npm run bench -- --all` also runs
// the heavy ones (large generated trees, 1,000 repositories, 50,000-commit repositories).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const quick = ['policy.ts', 'semver.ts', 'template.ts', 'manifests.ts', 'webhooks.ts', 'alerts.ts'];
const heavy = ['setters.ts', 'scan.ts', 'daemon.ts', 'git.ts'];
const all = process.argv.includes('--all');

for (const file of all ? [...quick, ...heavy] : quick) {
  console.log(`\n=== bench/${file}`);
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-semi-space-size=4', join(import.meta.dirname, file)],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) console.log(`bench/${file} exited with ${r.status ?? r.signal}`);
}
if (!all) console.log(`\nHeavy benchmarks (${heavy.join(', ')}): npm run bench -- --all`);
