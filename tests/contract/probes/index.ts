import { listDefault, listRequestedSize } from './list.js';
import { fetchByUrl, fetchListed } from './fetch.js';
import { walkAt, type WalkKind } from './walk-sizes.js';
import { followPageLinks } from './links.js';
import { pageSizeAboveMax, pageSizeInvalid } from './page-size.js';
import { forgedPageTokenRejected } from './page-token.js';
import { hiddenFromDefault, hiddenFromOtherTenant, needsOtherAccount, scopedTo } from './scoping.js';
import type { Target } from '../../../client/settings.js';
import { unauthorized } from './auth.js';
import { malformedSidsRejected, unknownReceipt } from './errors.js';
import { contract, type Scope } from '../../../spec/contract.js';
import type { Reference } from './reference.js';
import type { Session } from './session.js';

/** One contract test: its describe block, its title, and the probe it runs (the self-test runs the same list in-process). */
export interface Probe {
  suite: string;
  title: string;
  /** The paths it probes, and so the reference it is given: the non-default service's (the default) or the default service's. */
  scope?: Scope;
  /** Why it cannot run on a target (a setting it needs is unset), or null: the test is skipped with that reason. */
  requires?: (target: Target) => string | null;
  run(s: Session, ref: Reference): Promise<void>;
}

/** The title of the tenancy probes, in both scopes. */
export const OTHER_TENANT = "keeps every receipt from another account's own credentials (TARGET_OTHER_*)";

/** The describe titles, one spec file each. */
export const suites = {
  list: 'GET …/Receipts (list)',
  fetch: 'GET …/Receipts/{Sid} (fetch)',
  pagination: 'GET …/Receipts (pagination)',
  scoping: 'Scoping: service, conversation, message',
  auth: 'Authentication',
  errors: 'Errors',
  defaultService: 'Default service: GET /v1/Conversations/…/Receipts',
} as const;

const code401 = contract.errors.example(401).code;
const { min, max } = contract.paging.pageSize;
const below = min - 1;

/** The walks of the pagination block: discovery's own (the whole list at the maximum), then the fixed sizes. */
const walks: [title: string, run: Probe['run']][] = [
  [
    `visits every receipt once, in order, walking next_page_url at PageSize ${max} (discovery: the whole list)`,
    async (s, ref) => s.adopt(ref.discovery),
  ],
  ...(
    [
      ['min', `at PageSize ${min}`],
      ['small', `at PageSize ${min + 1}`],
      ['odd', `at an odd PageSize that divides neither ${max} nor the count, past the second page of ${max}`],
      ['below-max', `at the largest PageSize below ${max} that does not divide the count`],
    ] as [WalkKind, string][]
  ).map(([kind, at]): [string, Probe['run']] => [
    `visits every receipt once, in order, walking next_page_url ${at}`,
    (s, ref) => walkAt(s, ref, kind),
  ]),
];

/** Every probe of the contract suite, in report order. */
export const probes: readonly Probe[] = [
  { suite: suites.list, title: 'returns the documented page at the default PageSize', run: listDefault },
  {
    suite: suites.list,
    title: 'returns the requested PageSize with receipts that pass every check',
    run: (s) => listRequestedSize(s),
  },
  { suite: suites.fetch, title: 'returns each listed receipt unchanged when fetched by its sid', run: fetchListed },
  { suite: suites.fetch, title: 'returns the same receipt when its url is followed', run: fetchByUrl },
  ...walks.map(([title, run]): Probe => ({ suite: suites.pagination, title, run })),
  {
    suite: suites.pagination,
    title: 'leads back with previous_page_url and reproduces pages with first_page_url and meta.url',
    run: followPageLinks,
  },
  {
    suite: suites.pagination,
    title: `rejects PageSize ${below}, -1 and non-numeric with a Twilio 4xx`,
    run: (s) => pageSizeInvalid(s),
  },
  {
    suite: suites.pagination,
    title: 'rejects or clamps PageSize above the maximum, never returning more',
    run: pageSizeAboveMax,
  },
  {
    suite: suites.pagination,
    title: 'rejects a made-up PageToken with a Twilio 4xx, and never trusts a tampered one beyond a valid page',
    run: forgedPageTokenRejected,
  },
  {
    suite: suites.scoping,
    title: 'returns only receipts of the message in the path',
    run: (s, ref) => scopedTo(s, ref, 'MessageSid'),
  },
  {
    suite: suites.scoping,
    title: 'returns only receipts of the conversation in the path',
    run: (s, ref) => scopedTo(s, ref, 'ConversationSid'),
  },
  {
    suite: suites.scoping,
    title: 'returns only receipts of the service in the path',
    run: (s, ref) => scopedTo(s, ref, 'ChatServiceSid'),
  },
  {
    suite: suites.scoping,
    title: 'keeps non-default service receipts off the default-service paths',
    run: hiddenFromDefault,
  },
  { suite: suites.scoping, title: OTHER_TENANT, requires: needsOtherAccount, run: hiddenFromOtherTenant },
  {
    suite: suites.auth,
    title: `rejects a request without credentials with 401 and code ${code401}`,
    run: (s, ref) => unauthorized(s, ref, 'none'),
  },
  {
    suite: suites.auth,
    title: `rejects a wrong auth token with 401 and code ${code401}`,
    run: (s, ref) => unauthorized(s, ref, 'wrong-token'),
  },
  {
    suite: suites.auth,
    title: `rejects another account's SID with 401 and code ${code401}`,
    run: (s, ref) => unauthorized(s, ref, 'other-account'),
  },
  { suite: suites.errors, title: 'answers an unknown receipt SID with a Twilio 404', run: unknownReceipt },
  {
    suite: suites.errors,
    title: 'answers malformed SIDs with a Twilio 4xx, never a 5xx',
    run: (s) => malformedSidsRejected(s),
  },
  ...defaultProbes(suites.defaultService),
];

/** The list, fetch, pagination and scoping probes again, on the default service's paths (its own message and reference). */
function defaultProbes(suite: string): Probe[] {
  const on = (title: string, run: Probe['run']): Probe => ({ suite, title, scope: 'default', run });
  return [
    on('returns the documented page at the default PageSize', listDefault),
    on('returns the requested PageSize with receipts that pass every check', (s, ref) =>
      listRequestedSize(s, ref.scope),
    ),
    on('returns each listed receipt unchanged when fetched by its sid', fetchListed),
    on('returns the same receipt when its url is followed', fetchByUrl),
    ...walks.map(([title, run]) => on(title, run)),
    on('leads back with previous_page_url and reproduces pages with first_page_url and meta.url', followPageLinks),
    on('returns only receipts of the message in the path', (s, ref) => scopedTo(s, ref, 'MessageSid')),
    on('returns only receipts of the conversation in the path', (s, ref) => scopedTo(s, ref, 'ConversationSid')),
    { ...on(OTHER_TENANT, hiddenFromOtherTenant), requires: needsOtherAccount },
  ];
}

/** The probes of one describe block. */
export function probesOf(suite: string): Probe[] {
  return probes.filter((p) => p.suite === suite);
}
