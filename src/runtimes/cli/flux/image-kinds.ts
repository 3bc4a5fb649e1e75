// The words flux uses for the three image kinds on its command line and in its messages.
import { UsageError } from '../command.ts';
import type { ImageKind } from '../daemon-client.ts';

/** ImageKindWords ties a CLI word (`repository`) to its Kind and flux's human wording. */
export interface ImageKindWords {
  word: 'repository' | 'policy' | 'update';
  kind: ImageKind;
  /** human is flux's lower-case wording used by suspend/resume (`image repository`). */
  human: string;
}

/** IMAGE_KIND_WORDS lists the kinds in flux's `get images all` order. */
export const IMAGE_KIND_WORDS: readonly ImageKindWords[] = [
  { word: 'repository', kind: 'ImageRepository', human: 'image repository' },
  { word: 'policy', kind: 'ImagePolicy', human: 'image policy' },
  { word: 'update', kind: 'ImageUpdateAutomation', human: 'image update automation' },
];

/** kindWords returns the entry for a CLI word. */
export function kindWords(word: string): ImageKindWords {
  const k = IMAGE_KIND_WORDS.find((w) => w.word === word);
  if (!k) throw new UsageError(`unknown image kind "${word}": use repository, policy or update`);
  return k;
}

/** successLine is flux's per-kind line after a successful reconcile (without the ✔). */
export function successLine(
  kind: ImageKind,
  o: import('../daemon-client.ts').DaemonObject,
): string {
  const s = o.status ?? {};
  if (kind === 'ImageRepository') return `scan fetched ${s.lastScanResult?.tagCount ?? 0} tags`;
  if (kind === 'ImagePolicy') {
    const r = s.latestRef;
    if (!r) return 'no ref selected yet';
    return `selected ref ${r.name}:${r.tag}${r.digest ? `@${r.digest}` : ''}`;
  }
  const ready = s.conditions?.find((c) => c.type === 'Ready');
  if (ready?.message) return ready.message;
  return s.lastAutomationRunTime ? `last run ${s.lastAutomationRunTime}` : 'automation not yet run';
}
