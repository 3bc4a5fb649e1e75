// The internal model: one shape per kind whatever API version the manifest used, with Flux's
// defaults applied. Everything downstream (reconcile, CLI, daemon) reads these types.
import type { PolicyChoice, TagFilter } from '../core/policy/types.ts';
import type { Duration } from './duration.ts';

/** Origin says where an object was read from. */
export interface Origin {
  readonly file: string;
  /** document is the 1-based document index within the file. */
  readonly document: number;
  readonly line: number;
}

/** ObjectMeta is the identity of an object; namespace is always set (defaulted). */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** ObjectBase is shared by every kind in the model. */
export interface ObjectBase {
  /** apiVersion is the version the manifest was written in. */
  readonly apiVersion: string;
  readonly metadata: ObjectMeta;
  readonly origin: Origin;
}

/** NamespacedRef points at an object by name; namespace is defaulted to the referrer's. */
export interface NamespacedRef {
  readonly name: string;
  readonly namespace: string;
}

/** NamespaceSelector is one `accessFrom.namespaceSelectors` entry. */
export interface NamespaceSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
}

/** ImageRepositoryProvider selects where registry credentials come from. */
export type ImageRepositoryProvider = 'generic' | 'aws' | 'azure' | 'gcp';

/** ImageRepository is an image to scan, with defaults applied. */
export interface ImageRepository extends ObjectBase {
  readonly kind: 'ImageRepository';
  readonly spec: {
    readonly image: string;
    /** canonicalImageName is Flux's `status.canonicalImageName` for `image`. */
    readonly canonicalImageName: string;
    readonly interval: Duration;
    /** timeout is `spec.timeout` or else `interval`, floored at 1s as Flux's GetTimeout does. */
    readonly timeout: Duration;
    readonly secretRef?: string;
    readonly proxySecretRef?: string;
    readonly certSecretRef?: string;
    readonly serviceAccountName?: string;
    readonly suspend: boolean;
    readonly accessFrom?: { readonly namespaceSelectors: readonly NamespaceSelector[] };
    /** exclusionList is never empty: an absent or empty list becomes `["^.*\\.sig$"]`. */
    readonly exclusionList: readonly string[];
    readonly provider: ImageRepositoryProvider;
    readonly insecure: boolean;
  };
}

/** DigestReflectionPolicy says when an ImagePolicy resolves the digest of the picked tag. */
export type DigestReflectionPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** ImagePolicy picks a tag from a repository, with defaults applied. */
export interface ImagePolicy extends ObjectBase {
  readonly kind: 'ImagePolicy';
  readonly spec: {
    readonly imageRepositoryRef: NamespacedRef;
    /** policy is the member Flux uses: semver, else alphabetical, else numerical. */
    readonly policy: PolicyChoice;
    /** filterTags is absent when the manifest has none (Flux then keeps every tag). */
    readonly filterTags?: TagFilter;
    readonly digestReflectionPolicy: DigestReflectionPolicy;
    /** interval is only set with `Always`; `0s` becomes 10m as in Flux's GetInterval. */
    readonly interval?: Duration;
    readonly suspend: boolean;
  };
}

/** GitRef is a Git reference as GitRepository `spec.ref` and IUA `git.checkout.ref` write it. */
export interface GitRef {
  readonly branch?: string;
  readonly tag?: string;
  readonly semver?: string;
  readonly name?: string;
  readonly commit?: string;
}

/** LabelSelector is a Kubernetes label selector. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly {
    readonly key: string;
    readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    readonly values: readonly string[];
  }[];
}

/** ImageUpdateAutomation writes picked tags back to Git, with defaults applied. */
export interface ImageUpdateAutomation extends ObjectBase {
  readonly kind: 'ImageUpdateAutomation';
  readonly spec: {
    readonly sourceRef: NamespacedRef & {
      readonly kind: 'GitRepository';
      readonly apiVersion?: string;
    };
    /** git is optional in the schema, but Flux stalls without it; check reports that. */
    readonly git?: {
      readonly checkout?: { readonly ref: GitRef };
      readonly commit: {
        readonly author: { readonly name: string; readonly email: string };
        readonly signingKey?: { readonly secretRef: string; readonly type: 'gpg' | 'ssh' };
        /** messageTemplate is absent when Flux would use its default message. */
        readonly messageTemplate?: string;
        readonly messageTemplateValues: Readonly<Record<string, string>>;
      };
      readonly push?: {
        readonly branch?: string;
        readonly refspec?: string;
        readonly options: Readonly<Record<string, string>>;
      };
    };
    readonly interval: Duration;
    /** policySelector absent means every ImagePolicy in the namespace. */
    readonly policySelector?: LabelSelector;
    /** update.path is '' for the repository root. */
    readonly update: { readonly strategy: 'Setters'; readonly path: string };
    readonly suspend: boolean;
  };
}

/** GitProvider selects how Git credentials are obtained. */
export type GitProvider = 'generic' | 'aws' | 'azure' | 'github';

/** GitRepository holds the fields of source.toolkit.fluxcd.io GitRepository that tagpilot uses. */
export interface GitRepository extends ObjectBase {
  readonly kind: 'GitRepository';
  readonly spec: {
    readonly url: string;
    readonly secretRef?: string;
    readonly proxySecretRef?: string;
    readonly provider: GitProvider;
    readonly serviceAccountName?: string;
    readonly interval: Duration;
    /** timeout defaults to 60s (CRD default). */
    readonly timeout: Duration;
    readonly ref?: GitRef;
    readonly suspend: boolean;
  };
}

/** Secret records which keys a Secret has; values are never kept in the model. */
export interface Secret extends ObjectBase {
  readonly kind: 'Secret';
  readonly type: string;
  /** keys are the names under `data` and `stringData`, sorted. */
  readonly keys: readonly string[];
}

/** Namespace is a cluster-scoped Namespace; its metadata.namespace is ''. */
export interface Namespace extends ObjectBase {
  readonly kind: 'Namespace';
}

/** ManifestObject is any object the api layer understands. */
export type ManifestObject =
  | ImageRepository
  | ImagePolicy
  | ImageUpdateAutomation
  | GitRepository
  | Secret
  | Namespace;
