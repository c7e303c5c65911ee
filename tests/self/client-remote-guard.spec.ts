import { test, expect } from '../../fixtures/test.js';
import { checkRemote, PRODUCTION_DOMAINS, registrableDomain } from '../../client/remote-guard.js';
import { UsageError } from '../../client/usage-error.js';
import { contract } from '../../spec/contract.js';

const noConsent = { allowRemote: false, acceptTwilioCosts: false };
/** The load tool's use of the rule: TARGET_URL, and the verb of its message. */
const load = (url: string, consent = noConsent): void => checkRemote('TARGET_URL', url, consent, 'load');

test.describe('client/remote-guard: where a tool may send traffic', () => {
  test('accepts loopback targets, a path prefix included', () => {
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:1', 'http://[::1]:8080', 'http://127.0.0.1:1/gw'])
      expect(() => load(url)).not.toThrow();
  });

  test('refuses a remote target without --allow-remote, in one line naming the setting and the verb', () => {
    expect(() => load('https://staging.example.com')).toThrow(
      new UsageError(
        'TARGET_URL: https://staging.example.com is not on this machine (loopback); add --allow-remote to load a remote target',
      ),
    );
    expect(() => load('https://staging.example.com', { allowRemote: true, acceptTwilioCosts: false })).not.toThrow();
    expect(() => checkRemote('--b', 'https://staging.example.com', noConsent, 'diff')).toThrow(
      '--b: https://staging.example.com is not on this machine (loopback); add --allow-remote to diff a remote target',
    );
  });

  // Every spelling of a Twilio host (region, edge, capitals, trailing dot) is production; look-alikes are not.
  const hosts: [string, boolean][] = [
    ...contract.paths.productionOrigins.map((o): [string, boolean] => [new URL(o).hostname, true]),
    ...contract.paths.productionOrigins.map((o): [string, boolean] => [new URL(o).hostname.toUpperCase(), true]),
    ...contract.paths.productionOrigins.map((o): [string, boolean] => [new URL(o).hostname + '.', true]),
    ...['conversations.dublin.ie1', 'conversations.sydney.au1', 'api', 'anything.at.all'].map(
      (sub): [string, boolean] => [`${sub}.${PRODUCTION_DOMAINS[0]}`, true],
    ),
    [PRODUCTION_DOMAINS[0], true],
    [`${PRODUCTION_DOMAINS[0]}.evil.test`, false],
    [`not${PRODUCTION_DOMAINS[0]}`, false],
    [`conversations.not${PRODUCTION_DOMAINS[0]}`, false],
  ];
  for (const [host, production] of hosts) {
    test(`${production ? 'refuses' : 'allows with --allow-remote'} https://${host} without --i-accept-twilio-costs`, () => {
      const run = (): void => load(`https://${host}/`, { allowRemote: true, acceptTwilioCosts: false });
      if (production) expect(run).toThrow('--i-accept-twilio-costs');
      else expect(run).not.toThrow();
      expect(() => load(`https://${host}/`, { allowRemote: true, acceptTwilioCosts: true })).not.toThrow();
    });
  }

  test("the production domains are exactly those of the spec's servers", () => {
    const origins = contract.paths.productionOrigins.map((o) => registrableDomain(new URL(o).hostname));
    expect(
      origins.filter((d) => !PRODUCTION_DOMAINS.includes(d)),
      'servers outside the list',
    ).toEqual([]);
    expect(
      PRODUCTION_DOMAINS.filter((d) => !origins.includes(d)),
      'domains no server names',
    ).toEqual([]);
  });

  test("refuses Twilio's production origins unless the cost is explicitly accepted", () => {
    for (const origin of contract.paths.productionOrigins) {
      expect(() => load(origin, { allowRemote: true, acceptTwilioCosts: false })).toThrow('--i-accept-twilio-costs');
      expect(() => load(origin, { allowRemote: true, acceptTwilioCosts: true })).not.toThrow();
    }
  });
});
