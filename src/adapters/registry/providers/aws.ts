// provider: aws — ECR GetAuthorizationToken (private ECR per region, ECR Public in us-east-1),
// signed with SigV4 from static keys or an IRSA web-identity token exchanged at STS.

import { readFile } from 'node:fs/promises';
import { RE2JS } from 're2js';
import { RegistryError } from '../errors.ts';
import { providerJson } from './http.ts';
import type { CloudProvider, ProviderCredential } from './provider.ts';
import { type AwsCredentials, signV4 } from './sigv4.ts';

const ECR_HOST = RE2JS.compile(
  '^([0-9+]*)\\.dkr[.-]ecr(?:-fips)?\\.([^/.]*)\\.(amazonaws\\.com[.cn]*|amazonaws\\.eu|sc2s\\.sgov\\.gov|c2s\\.ic\\.gov|cloud\\.adc-e\\.uk|csp\\.hci\\.ic\\.gov|on\\.aws)$',
);

/** AwsOptions configures endpoints and identity (defaults: AWS endpoints, process environment). */
export interface AwsOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** ecrEndpoint gives the ECR API URL for a region (stand-ins in tests). */
  ecrEndpoint?: (region: string) => string;
  ecrPublicEndpoint?: string;
  stsEndpoint?: string;
  /** region forces the region (for hosts that do not encode one, e.g. in tests). */
  region?: string;
  matches?: (registry: string) => boolean;
  now?: () => Date;
}

/** ecrRegion returns the region of a private ECR host, or undefined. */
export function ecrRegion(registry: string): string | undefined {
  const m = ECR_HOST.matcher(registry.split(':')[0] ?? '');
  return m.matches() ? (m.group(2) ?? undefined) : undefined;
}

/** AwsProvider implements provider: aws. */
export class AwsProvider implements CloudProvider {
  readonly name = 'aws' as const;
  readonly #o: AwsOptions;
  constructor(o: AwsOptions = {}) {
    this.#o = o;
  }

  matches(registry: string): boolean {
    if (this.#o.matches) return this.#o.matches(registry);
    return registry === 'public.ecr.aws' || ecrRegion(registry) !== undefined;
  }

  async credential(registry: string, signal?: AbortSignal): Promise<ProviderCredential> {
    const creds = await this.#awsCredentials(registry, signal);
    const isPublic = registry === 'public.ecr.aws';
    const region =
      this.#o.region ?? (isPublic ? 'us-east-1' : (ecrRegion(registry) ?? 'us-east-1'));
    const url = new URL(
      isPublic
        ? (this.#o.ecrPublicEndpoint ?? 'https://api.ecr-public.us-east-1.amazonaws.com/')
        : (this.#o.ecrEndpoint?.(region) ?? `https://api.ecr.${region}.amazonaws.com/`),
    );
    const target = isPublic
      ? 'SpencerFrontendService.GetAuthorizationToken'
      : 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken';
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target };
    const body = '{}';
    const signed = signV4(
      {
        method: 'POST',
        url,
        headers,
        body,
        region,
        service: isPublic ? 'ecr-public' : 'ecr',
        now: this.#now(),
      },
      creds,
    );
    const res = (await providerJson(
      'aws',
      registry,
      url,
      { method: 'POST', headers: { ...headers, ...signed }, body },
      { signal },
    )) as {
      authorizationData?: unknown;
    };
    const data = Array.isArray(res.authorizationData)
      ? res.authorizationData[0]
      : res.authorizationData;
    const d = data as { authorizationToken?: string; expiresAt?: number | string } | undefined;
    if (!d?.authorizationToken)
      throw new RegistryError('aws: GetAuthorizationToken returned no authorizationToken', {
        kind: 'protocol',
        host: registry,
      });
    const decoded = Buffer.from(d.authorizationToken, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
      throw new RegistryError('aws: authorizationToken is not base64 of user:password', {
        kind: 'protocol',
        host: registry,
      });
    const expiresAt =
      typeof d.expiresAt === 'number' ? d.expiresAt * 1000 : Date.parse(String(d.expiresAt ?? ''));
    return {
      credential: {
        kind: 'basic',
        username: decoded.slice(0, colon),
        password: decoded.slice(colon + 1),
      },
      expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + 12 * 3600_000,
    };
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }

  async #awsCredentials(registry: string, signal?: AbortSignal): Promise<AwsCredentials> {
    const env = this.#o.env ?? process.env;
    if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
      return {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      };
    }
    if (env.AWS_ROLE_ARN && env.AWS_WEB_IDENTITY_TOKEN_FILE) {
      const token = (await readFile(env.AWS_WEB_IDENTITY_TOKEN_FILE, 'utf8')).trim();
      const sts = new URL(
        this.#o.stsEndpoint ?? `https://sts.${env.AWS_REGION ?? 'us-east-1'}.amazonaws.com/`,
      );
      const form = new URLSearchParams({
        Action: 'AssumeRoleWithWebIdentity',
        Version: '2011-06-15',
        RoleArn: env.AWS_ROLE_ARN,
        RoleSessionName: env.AWS_ROLE_SESSION_NAME ?? 'tagpilot',
        WebIdentityToken: token,
      });
      const res = (await providerJson(
        'aws',
        registry,
        sts,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form.toString(),
        },
        { signal },
      )) as {
        AssumeRoleWithWebIdentityResponse?: {
          AssumeRoleWithWebIdentityResult?: { Credentials?: Record<string, string> };
        };
      };
      const c = res.AssumeRoleWithWebIdentityResponse?.AssumeRoleWithWebIdentityResult?.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey)
        throw new RegistryError('aws: STS returned no credentials', {
          kind: 'protocol',
          host: registry,
        });
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      };
    }
    throw new RegistryError(
      'aws: no AWS credentials (set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE)',
      { kind: 'config', host: registry },
    );
  }
}
