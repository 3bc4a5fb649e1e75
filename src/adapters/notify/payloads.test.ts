// Payload shapes that need an address a loopback receiver cannot have (Office 365 connector
// hosts), checked against golden bodies; plus Discord's URL rewriting.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discordURL } from './discord.ts';
import { failureEvent, policyEvent } from './fixtures.test-support.ts';
import { canonicalHeaderKey } from './generic.ts';
import { goJSON } from './go-json.ts';
import { teamsPayload } from './msteams.ts';

function golden(name: string, body: string): string {
  const file = join(import.meta.dirname, 'testdata', name, 'body.json');
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(join(import.meta.dirname, 'testdata', name), { recursive: true });
    writeFileSync(file, body);
  }
  return readFileSync(file, 'utf8');
}

describe('payloads', () => {
  const connector = 'https://contoso.webhook.office.com/webhookb2/abc';
  const cases = [
    { name: 'msteams-connector-info', body: () => goJSON(teamsPayload(policyEvent, connector)) },
    { name: 'msteams-connector-error', body: () => goJSON(teamsPayload(failureEvent, connector)) },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const body = c.body();
      assert.equal(body, golden(c.name, body));
    });
  }

  it('picks the MessageCard only for Office 365 connector hosts', () => {
    assert.match(goJSON(teamsPayload(policyEvent, connector)), /^\{"@type":"MessageCard"/);
    assert.match(
      goJSON(teamsPayload(policyEvent, 'https://prod-1.westus.logic.azure.com:443/workflows/x')),
      /^\{"type":"message"/,
    );
  });

  const urls = [
    ['https://discord.com/api/webhooks/1/t', 'https://discord.com/api/webhooks/1/t/slack'],
    ['https://discord.com/api/webhooks/1/t/', 'https://discord.com/api/webhooks/1/t/slack'],
    ['https://discord.com/api/webhooks/1/t/slack', 'https://discord.com/api/webhooks/1/t/slack'],
    [
      'https://discord.com/api/webhooks/1/t?thread_id=9',
      'https://discord.com/api/webhooks/1/t/slack?thread_id=9',
    ],
  ];
  for (const [input, want] of urls) {
    it(`discord URL ${input}`, () => assert.equal(discordURL(input!), want));
  }

  const headerKeys = [
    ['gotk-component', 'Gotk-Component'],
    ['x-api-KEY', 'X-Api-Key'],
    ['Authorization', 'Authorization'],
    ['bad key', 'bad key'],
    ['a(b', 'a(b'],
  ];
  for (const [input, want] of headerKeys) {
    it(`canonical header key ${input}`, () => assert.equal(canonicalHeaderKey(input!), want));
  }
});
