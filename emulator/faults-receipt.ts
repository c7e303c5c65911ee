import { contract } from '../spec/contract.js';
import { hashHex, Sids } from './sid.js';
import { defineFaults } from './fault-hooks.js';

/** A well-formed SID of a field that no entity of the data set has. */
function foreignSid(field: 'account_sid' | 'message_sid'): string {
  return contract.sids.prefix(field) + hashHex(`foreign:${field}`, Sids.digits(field));
}

/** The next documented non-null status after a given one. */
function otherStatus(status: unknown): string {
  const values = contract.receipts.statusValues.filter((v): v is string => v !== null);
  return values[(values.indexOf(status as string) + 1) % values.length];
}

const shiftDate = (iso: unknown, seconds: number): string =>
  new Date(Date.parse(String(iso)) + seconds * 1000).toISOString().replace('.000Z', 'Z');

/** Faults in the receipt body: SIDs, enums, types, presence, dates, url. */
export const receiptFaults = defineFaults([
  {
    name: 'sid-prefix',
    breaks: 'sid starts with the receipt prefix',
    receipt: (r) => {
      r.sid = String(contract.sids.prefix('message_sid')) + String(r.sid).slice(2);
    },
  },
  {
    name: 'sid-length',
    breaks: 'participant_sid has the documented length',
    receipt: (r) => {
      r.participant_sid = String(r.participant_sid).slice(0, -1);
    },
  },
  {
    name: 'status-enum',
    breaks: 'status is one of the documented values or null',
    receipt: (r, c) => {
      if (c.position === 0) r.status = 'seen';
    },
  },
  {
    name: 'error-code-type',
    breaks: 'error_code is an integer',
    receipt: (r) => {
      r.error_code = String(r.error_code);
    },
  },
  {
    name: 'missing-field',
    breaks: 'every documented field is present',
    receipt: (r) => {
      delete r.participant_sid;
    },
  },
  {
    name: 'null-field',
    breaks: 'only status, date_updated and channel_message_sid may be null',
    receipt: (r) => {
      r.account_sid = null;
    },
  },
  {
    name: 'date-format',
    breaks: 'date_created is an RFC 3339 date-time',
    receipt: (r) => {
      r.date_created = String(r.date_created).replace('T', ' ').replace('Z', '');
    },
  },
  {
    name: 'dates-order',
    breaks: 'date_updated is not earlier than date_created',
    receipt: (r) => {
      r.date_updated = shiftDate(r.date_created, -3600);
    },
  },
  { name: 'url-relative', breaks: 'url is an absolute URL', url: (r, c) => contract.paths.receiptUrl('', r, c.scope) },
  {
    name: 'url-unscoped',
    breaks: "a service receipt's url is its service-scoped fetch path",
    url: (r, c) => contract.paths.receiptUrl(c.origin, r, 'default'),
  },
  {
    name: 'url-foreign-origin',
    breaks: 'url is at the public origin of the target',
    url: (r, c) => contract.paths.receiptUrl(contract.paths.productionOrigins[0], r, c.scope),
  },
  {
    name: 'path-mismatch',
    breaks: "a fetched receipt's message_sid is the one in the path",
    fetched: (r) => {
      r.message_sid = foreignSid('message_sid');
    },
  },
  {
    name: 'account-mismatch',
    breaks: 'account_sid is the account of the credentials',
    receipt: (r) => {
      r.account_sid = foreignSid('account_sid');
    },
  },
  {
    name: 'fetch-differs',
    breaks: 'a fetched receipt equals the same receipt in the list',
    fetched: (r) => {
      r.status = otherStatus(r.status);
    },
  },
]);
