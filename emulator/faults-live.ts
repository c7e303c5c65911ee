import { contract } from '../spec/contract.js';
import { defineFaults } from './fault-hooks.js';
import { hashHex, Sids } from './sid.js';

const { lifecycle, statusValues } = contract.receipts;

/** A date-time some seconds from another, written as the emulator writes dates. */
const shift = (iso: unknown, seconds: number): string =>
  new Date(Date.parse(String(iso)) + seconds * 1000).toISOString().replace('.000Z', 'Z');

/** The first status the lifecycle places before this one (undefined when none does: nothing comes before it). */
const earlier = (status: unknown) => statusValues.find((s) => lifecycle.isLater(s, status));
/** The first next state of a status (undefined for a terminal one). */
const next = (status: unknown) => lifecycle.next(status as string | null)[0];

/** Faults of live data: a fetched receipt differs from its listed copy in a way no move forward explains. */
export const liveFaults = defineFaults([
  {
    name: 'status-moves-back',
    breaks: 'a later copy of a receipt never shows an earlier state (a later date_updated does not excuse it)',
    fetched: (r) => {
      const before = earlier(r.status);
      if (before === undefined) return;
      r.status = before;
      r[lifecycle.date] = shift(r[lifecycle.date] ?? r.date_created, 60);
    },
  },
  {
    name: 'status-moves-undated',
    breaks: `a receipt that moves to a later state gets a later ${lifecycle.date}`,
    fetched: (r) => {
      const to = next(r.status);
      if (to !== undefined) r.status = to;
    },
  },
  {
    name: 'date-updated-back',
    breaks: `${lifecycle.date} never goes back`,
    fetched: (r) => {
      if (r[lifecycle.date] !== null) r[lifecycle.date] = shift(r[lifecycle.date], -1);
    },
  },
  {
    name: 'moved-field-changes',
    breaks: `a receipt that moves forward changes its state and ${lifecycle.date} only, never another field`,
    fetched: (r) => {
      const to = next(r.status);
      if (to !== undefined) r.status = to;
      r[lifecycle.date] = shift(r[lifecycle.date] ?? r.date_created, 60);
      r.participant_sid = contract.sids.prefix('participant_sid') + hashHex('moved', Sids.digits('participant_sid'));
    },
  },
]);
