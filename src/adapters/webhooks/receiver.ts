// Flux `Receiver` objects (notification.toolkit.fluxcd.io v1/v1beta2/v1beta1) as tagpilot uses them.

import { eventSourceKinds } from '../../api/notification/types.ts';

/** RECEIVER_GROUP is the API group of Receiver. */
export const RECEIVER_GROUP = 'notification.toolkit.fluxcd.io';

/** RECEIVER_VERSIONS are the served versions tagpilot reads (one schema for our purposes). */
export const RECEIVER_VERSIONS = ['v1', 'v1beta2', 'v1beta1'] as const;

/**
 * RECEIVER_TYPES are the sender types tagpilot verifies: Flux's, minus `generic-oidc` and
 * `cdevents`, plus tagpilot's own `distribution` (CNCF distribution registry notifications).
 */
export const RECEIVER_TYPES = [
  'generic',
  'generic-hmac',
  'github',
  'gitlab',
  'bitbucket',
  'harbor',
  'dockerhub',
  'quay',
  'gcr',
  'nexus',
  'acr',
  'distribution',
] as const;

/** ReceiverType is one of RECEIVER_TYPES. */
export type ReceiverType = (typeof RECEIVER_TYPES)[number];

/**
 * RESOURCE_KINDS are the kinds Flux lets a Receiver name: its CRD enum is the one of
 * CrossNamespaceObjectReference, which Alert event sources use too.
 */
export const RESOURCE_KINDS = eventSourceKinds;

/** TRIGGERABLE_KINDS are the resource kinds a tagpilot daemon can reconcile on a webhook. */
export const TRIGGERABLE_KINDS = [
  'ImageRepository',
  'ImagePolicy',
  'ImageUpdateAutomation',
  'GitRepository',
];

/** ReceiverResource is one `spec.resources[]` entry (CrossNamespaceObjectReference). */
export interface ReceiverResource {
  apiVersion?: string;
  kind: string;
  /** name is an object name or `*` (then matchLabels selects). */
  name: string;
  namespace?: string;
  matchLabels?: Record<string, string>;
}

/** Receiver is a validated Receiver object. */
export interface Receiver {
  name: string;
  namespace: string;
  type: ReceiverType;
  /** secretName is `spec.secretRef.name`: a Secret in the Receiver's namespace with `token`. */
  secretName: string;
  resources: ReceiverResource[];
  /** events limits accepted event types (github, gitlab, bitbucket); empty accepts all. */
  events: string[];
  suspend: boolean;
}

/** Triggered names one object the daemon should reconcile now. */
export interface Triggered {
  kind: string;
  namespace: string;
  name: string;
}

/** ObjectInfo is what the handler needs to know about the daemon's objects to expand `*`. */
export interface ObjectInfo {
  kind: string;
  namespace: string;
  name: string;
  labels?: Readonly<Record<string, string>>;
  /** image is ImageRepository `spec.image`, used by the `distribution` type to match pushes. */
  image?: string;
}

/** SecretLookup returns the decoded data of a Secret, or undefined when it does not exist. */
export type SecretLookup = (
  namespace: string,
  name: string,
) => Readonly<Record<string, string>> | undefined;
