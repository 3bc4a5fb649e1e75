// `tagpilot plan --source`: resolve every ImagePolicy's latest image from the registries (a real
// scan, nothing written, nothing pushed), then say which policies each automation would apply.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readManifestFiles } from '../../adapters/files/manifests.ts';
import { readSecrets } from '../../adapters/files/secrets.ts';
import { RegistryPool } from '../../adapters/registry/pool.ts';
import { MemoryObjectStateStore } from '../../adapters/store/object-state-memory.ts';
import { SqliteTagStore } from '../../adapters/store/sqlite.ts';
import type { ImageUpdateAutomation } from '../../api/model.ts';
import type { ImageRef } from '../../core/setters/result.ts';
import { Engine } from '../daemon/engine.ts';
import { silentLogger } from '../daemon/logger.ts';
import { buildObjectSet } from '../daemon/object-set.ts';
import { selectedPolicies } from '../daemon/steps/automation.ts';

/** AutomationPlanInput is one automation with the latest images of the policies it selects. */
export interface AutomationPlanInput {
  readonly automation: ImageUpdateAutomation;
  readonly latest: Map<string, ImageRef>;
}

/** SourcePlan is what scanning the source's registries resolved, and what went wrong. */
export interface SourcePlan {
  readonly automations: AutomationPlanInput[];
  /** failures lists objects that are not Ready, with their messages. */
  readonly failures: string[];
}

/** resolveSourcePlan scans and selects like one daemon pass, without git. */
export async function resolveSourcePlan(
  source: string,
  secretsDir: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<SourcePlan> {
  const manifests = await readManifestFiles([source]);
  const secretFiles = secretsDir ? (await readManifestFiles([secretsDir])).files : [];
  const set = buildObjectSet(manifests.files, readSecrets(secretFiles).secrets);
  set.automations.clear(); // plan never runs git; automations are evaluated below
  const dir = mkdtempSync(join(tmpdir(), 'tagpilot-plan-'));
  const state = new MemoryObjectStateStore();
  const tags = new SqliteTagStore(join(dir, 'tags.db'));
  const pool = new RegistryPool({ env });
  try {
    const engine = new Engine(
      { state, tags, registry: pool, clock: { now: () => new Date() }, log: silentLogger },
      { concurrency: 4, noCrossNamespaceRefs: false, minRetryMs: 3_600_000 },
    );
    engine.update(set);
    await engine.whenIdle();
    await engine.stop();
    const failures = engine
      .summary()
      .filter((s) => s.ready !== 'True')
      .map((s) => `${s.kind} ${s.namespace}/${s.name}: ${s.message}`);
    const all = buildObjectSet(manifests.files, new Map());
    const automations = [...all.automations.values()].map((automation) => {
      const latest = new Map<string, ImageRef>();
      for (const p of selectedPolicies(automation, set.policies.values())) {
        const ref = state.get({
          kind: 'ImagePolicy',
          namespace: p.metadata.namespace,
          name: p.metadata.name,
        })?.status.latestRef;
        if (ref) latest.set(`${p.metadata.namespace}:${p.metadata.name}`, ref as ImageRef);
      }
      return { automation, latest };
    });
    return { automations, failures };
  } finally {
    await pool.close();
    tags.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
