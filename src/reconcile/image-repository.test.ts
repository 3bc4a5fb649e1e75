import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadManifests } from '../api/load.ts';
import type { ImageRepository } from '../api/model.ts';
import { type ImageRepositoryStatus, scanReason } from './image-repository.ts';

const repo = (extra = '') =>
  loadManifests(
    `apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata: {name: app, namespace: apps}
spec:
  image: alpine
  interval: 5m
${extra}`,
    'r.yaml',
  ).objects[0] as ImageRepository;

const now = new Date('2026-01-01T12:00:00Z');
const scanned: ImageRepositoryStatus = {
  canonicalImageName: 'index.docker.io/library/alpine',
  observedExclusionList: ['^.*\\.sig$'],
  lastHandledReconcileAt: 'a',
  lastScanResult: { tagCount: 3, scanTime: '2026-01-01T11:58:00Z', latestTags: [], revision: '1' },
};

// Flux's shouldScan table (reflector.md §3.2): first matching row wins.
const cases: {
  name: string;
  previous: ImageRepositoryStatus;
  requestedAt?: string;
  extra?: string;
  tags?: number;
  want: string | number;
}[] = [
  { name: 'never scanned', previous: {}, want: 'first scan' },
  {
    name: 'new reconcile request',
    previous: scanned,
    requestedAt: 'b',
    want: 'reconcile requested',
  },
  { name: 'handled reconcile request', previous: scanned, requestedAt: 'a', want: 180_000 },
  { name: 'image changed', previous: scanned, extra: '', want: 180_000 },
  {
    name: 'exclusion list changed',
    previous: scanned,
    extra: "  exclusionList: ['^dev-']\n",
    want: 'updated exclusion list',
  },
  { name: 'empty store', previous: scanned, tags: 0, want: 'no tags in database' },
  {
    name: 'interval elapsed',
    previous: {
      ...scanned,
      lastScanResult: {
        ...(scanned.lastScanResult as NonNullable<ImageRepositoryStatus['lastScanResult']>),
        scanTime: '2026-01-01T11:55:00.5Z',
      },
    },
    want: 'triggered by interval',
  },
];

describe('scanReason (Flux shouldScan)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = scanReason(
        { repository: repo(c.extra), previous: c.previous, requestedAt: c.requestedAt },
        c.tags ?? 3,
        now,
      );

      assert.deepEqual(got, typeof c.want === 'string' ? { reason: c.want } : { waitMs: c.want });
    });
  }

  it('a new canonical name forces a scan', () => {
    const got = scanReason(
      {
        repository: repo(),
        previous: { ...scanned, canonicalImageName: 'ghcr.io/x/y' },
        requestedAt: undefined,
      },
      3,
      now,
    );

    assert.deepEqual(got, { reason: 'new image name' });
  });
});
