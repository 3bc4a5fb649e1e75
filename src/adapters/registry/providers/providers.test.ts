// Provider pieces without network: SigV4 against AWS's published vectors, and host patterns.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsProvider, ecrRegion } from './aws.ts';
import { AzureProvider } from './azure.ts';
import { GcpProvider } from './gcp.ts';
import { signV4 } from './sigv4.ts';

describe('SigV4 (AWS test-suite vectors get-vanilla and post-vanilla)', () => {
  const cases = [
    { method: 'GET', sig: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' },
    { method: 'POST', sig: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b' },
  ];
  for (const c of cases) {
    it(c.method, () => {
      const h = signV4(
        {
          method: c.method,
          url: new URL('https://example.amazonaws.com/'),
          headers: {},
          body: '',
          region: 'us-east-1',
          service: 'service',
          now: new Date('2015-08-30T12:36:00Z'),
        },
        { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      );
      assert.equal(
        h.authorization,
        `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${c.sig}`,
      );
    });
  }
});

describe('provider host matching (Flux patterns)', () => {
  const cases = [
    { p: new AwsProvider(), host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', want: true },
    {
      p: new AwsProvider(),
      host: '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com',
      want: true,
    },
    { p: new AwsProvider(), host: 'public.ecr.aws', want: true },
    { p: new AwsProvider(), host: 'ghcr.io', want: false },
    { p: new GcpProvider(), host: 'europe-docker.pkg.dev', want: true },
    { p: new GcpProvider(), host: 'eu.gcr.io', want: true },
    { p: new GcpProvider(), host: 'docker.io', want: false },
    { p: new AzureProvider(), host: 'team.azurecr.io', want: true },
    { p: new AzureProvider(), host: 'azurecr.io', want: false },
  ];
  for (const c of cases)
    it(`${c.p.name}: ${c.host} → ${c.want}`, () => assert.equal(c.p.matches(c.host), c.want));
  it('reads the ECR region from the host', () =>
    assert.equal(ecrRegion('1.dkr.ecr.ap-south-2.amazonaws.com'), 'ap-south-2'));
});
