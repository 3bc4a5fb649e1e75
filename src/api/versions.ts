// Which apiVersion/kind pairs tagpilot reads, and what it says about old versions.
import type { Severity } from './diagnostic.ts';
import { closest } from './edit-distance.ts';

/** KnownKind is a kind tagpilot reads into its model. */
export type KnownKind =
  | 'ImageRepository'
  | 'ImagePolicy'
  | 'ImageUpdateAutomation'
  | 'GitRepository'
  | 'Secret'
  | 'Namespace';

/** VersionVerdict says how to treat one apiVersion of a kind. */
export type VersionVerdict =
  | {
      readonly use: true;
      readonly version: string;
      readonly note?: { severity: Severity; message: string };
    }
  | { readonly use: false; readonly reason?: string };

const IMAGE_GROUP = 'image.toolkit.fluxcd.io';
const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
const IMAGE_KINDS = ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'];

/** classify decides whether a document is one of ours and under which schema version. */
export function classify(apiVersion: string, kind: string): VersionVerdict & { kind?: KnownKind } {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  if (group === IMAGE_GROUP) {
    if (!IMAGE_KINDS.includes(kind)) {
      const near = closest(kind, IMAGE_KINDS);
      return {
        use: false,
        reason: `unknown kind ${JSON.stringify(kind)} in ${IMAGE_GROUP} (known: ${IMAGE_KINDS.join(', ')})${near ? `; did you mean ${near}?` : ''}`,
      };
    }
    const k = kind as KnownKind;
    if (version === 'v1') return { use: true, version, kind: k };
    if (version === 'v1beta2') {
      return {
        use: true,
        version,
        kind: k,
        note: {
          severity: 'warning',
          message: `${apiVersion} is deprecated (Flux image controllers v1.0) and no longer served from v1.2; change apiVersion to ${IMAGE_GROUP}/v1 (same fields)`,
        },
      };
    }
    if (version === 'v1beta1') {
      return {
        use: true,
        version,
        kind: k,
        note: {
          severity: 'warning',
          message: `${apiVersion} was removed in Flux image controllers v1.0; change apiVersion to ${IMAGE_GROUP}/v1`,
        },
      };
    }
    return {
      use: false,
      reason: `${apiVersion} is not supported (tagpilot reads ${IMAGE_GROUP} v1beta1, v1beta2 and v1)`,
    };
  }
  if (group === SOURCE_GROUP && kind === 'GitRepository') {
    if (version === 'v1') return { use: true, version, kind: 'GitRepository' };
    if (version === 'v1beta2' || version === 'v1beta1') {
      return {
        use: true,
        version,
        kind: 'GitRepository',
        note: {
          severity: 'warning',
          message: `${apiVersion} is deprecated; change apiVersion to ${SOURCE_GROUP}/v1`,
        },
      };
    }
    return {
      use: false,
      reason: `${apiVersion} GitRepository is not supported (use ${SOURCE_GROUP}/v1)`,
    };
  }
  if (apiVersion === 'v1' && kind === 'Secret') return { use: true, version, kind: 'Secret' };
  // Namespaces matter for cross-namespace access checks (accessFrom selects namespace labels).
  if (apiVersion === 'v1' && kind === 'Namespace') return { use: true, version, kind: 'Namespace' };
  return { use: false };
}
