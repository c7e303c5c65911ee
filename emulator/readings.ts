import { contract } from '../spec/contract.js';

/** How the emulator plays its readings, resolved once at start: nothing is looked up per request. */
export interface Play {
  /** Which links carry a PageToken: every link of a later page (Twilio), none, or only links past page 0. */
  links: 'every' | 'none' | 'ahead';
  /** PageSize above the maximum is served at the maximum instead of a 400. */
  clamp: boolean;
  /** meta.page_size and the links spell the PageSize asked for, not the size served (a clamp that echoes). */
  echo: boolean;
  /** What ends a date-time: `Z` or `+00:00`. */
  utc: string;
  /** SIDs are written (and resolved) with upper-case hex digits. */
  upper: boolean;
  /** Every nth request is answered 429 (0: none). */
  limitEvery: number;
  /** More requests than this in flight at once are answered 429 (0: no limit). */
  maxInFlight: number;
  /** A 429 carries Retry-After. */
  retryAfter: boolean;
  /** Error bodies carry Twilio's extra `detail` key. */
  detail: boolean;
  /** Fixed delay before every answer, in milliseconds. */
  latency: number;
  /** Every nth request for a message moves one of its receipts forward along the lifecycle (0: receipts stay). */
  live: number;
  /** How long each answer is held (ms), so that requests overlap and a concurrency limit can be met. */
  hold: number;
}

/** A behaviour a correct server may have (documented or observed), which the emulator plays when asked. Not a fault. */
export interface Reading {
  readonly name: string;
  /** What it does, in one line (listed in the README). */
  readonly does: string;
  /** Where it comes from: the documentation, OBSERVED.md or an RFC (listed in the README). */
  readonly source: string;
  /** Readings it cannot be combined with (two answers to the same question). */
  readonly excludes?: readonly string[];
  /** Its part of the play; readings combine by merging these. */
  readonly play: Partial<Play>;
}

/** The play with no reading: links to page 0 carry no token, links past it do; strict PageSize; `Z` dates. */
export const BASE_PLAY: Readonly<Play> = {
  links: 'ahead',
  clamp: false,
  echo: false,
  utc: 'Z',
  upper: false,
  limitEvery: 0,
  maxInFlight: 0,
  retryAfter: false,
  detail: false,
  latency: 0,
  live: 0,
  hold: 0,
};
/** rate-limited: one request in this many is answered 429. */
export const LIMIT_EVERY = 20;
/** rate-limited-heavy: one request in this many is answered 429 (an account near its limits). */
export const HEAVY_LIMIT_EVERY = 4;
/** concurrency-limit: more requests than this in flight at once are answered 429. */
export const MAX_IN_FLIGHT = 2;
/** concurrency-limit: how long each answer is held (ms), so that a client's requests overlap as over a network. */
export const HOLD_MS = 5;
/** rate-limited (and the other limits): the Retry-After of a 429, in seconds. */
export const RETRY_AFTER_S = 1;
/** slow: the latency added to every answer, in milliseconds (the suite must still pass). */
export const SLOW_MS = 20;
/** live: one request in this many (for a message) moves one of its receipts forward. */
export const LIVE_EVERY = 3;

const { max } = contract.paging.pageSize;
const tooMany = contract.errors.example(429).code;

/** Keeps the literal reading names so that ReadingName is a union of them. */
function defineReadings<const T extends readonly Reading[]>(list: T): T {
  return list;
}

/** Every reading the emulator can play, in README order. */
export const readings = defineReadings([
  {
    name: 'twilio-links',
    does: 'on page 1 and later every link carries a PageToken (the link back to Page=0 and meta.url too)',
    source: 'OBSERVED.md: Paging links',
    excludes: ['page-only'],
    play: { links: 'every' },
  },
  {
    name: 'page-only',
    does: 'links carry PageSize and Page only, no token anywhere; Page alone pages',
    source: 'spec: Page is "simply for client state"; OBSERVED.md (SDK fixtures)',
    excludes: ['twilio-links'],
    play: { links: 'none' },
  },
  {
    name: 'clamp-page-size',
    does: `PageSize above ${max} is served at ${max} (meta.page_size ${max}) instead of 400`,
    source: 'OBSERVED.md: no evidence whether Twilio rejects or clamps',
    excludes: ['clamp-echo-page-size'],
    play: { clamp: true },
  },
  {
    name: 'clamp-echo-page-size',
    does:
      `PageSize above ${max} is served at ${max} items instead of 400, meta.page_size and the links echoing the ` +
      `PageSize asked for (PageSize=${max + 1}: ${max} items, meta.page_size ${max + 1})`,
    source: 'OBSERVED.md: no evidence whether Twilio rejects or clamps; meta.page_size echoes the requested size',
    excludes: ['clamp-page-size'],
    play: { clamp: true, echo: true },
  },
  {
    name: 'offset-dates',
    does: 'date-times end in +00:00 instead of Z',
    source: 'RFC 3339 (the same instant); OBSERVED.md: Dates',
    play: { utc: '+00:00' },
  },
  {
    name: 'uppercase-hex',
    does: 'every SID (account SID included) has upper-case hex digits, in bodies, links and paths',
    source: 'spec: SID patterns allow [0-9a-fA-F]; OBSERVED.md: Addressing',
    play: { upper: true },
  },
  {
    name: 'rate-limited',
    does: `one request in ${LIMIT_EVERY} gets 429 (${tooMany}) with Retry-After: ${RETRY_AFTER_S}; its retry is served`,
    source: "spec: TooManyRequests; Twilio's docs ask clients to back off",
    excludes: ['no-retry-after', 'rate-limited-heavy'],
    play: { limitEvery: LIMIT_EVERY, retryAfter: true },
  },
  {
    name: 'rate-limited-heavy',
    does: `one request in ${HEAVY_LIMIT_EVERY} gets 429 (${tooMany}) with Retry-After: ${RETRY_AFTER_S}, for the whole run; its retry is served`,
    source: 'OBSERVED.md: Rate and concurrency limits (an account near its limits)',
    excludes: ['rate-limited', 'no-retry-after'],
    play: { limitEvery: HEAVY_LIMIT_EVERY, retryAfter: true },
  },
  {
    name: 'concurrency-limit',
    does: `more than ${MAX_IN_FLIGHT} requests in flight at once get 429 (${tooMany}) with Retry-After: ${RETRY_AFTER_S}; each answer is held ${HOLD_MS} ms`,
    source: 'OBSERVED.md: Rate and concurrency limits (20429 "exceeds allowed concurrency")',
    play: { maxInFlight: MAX_IN_FLIGHT, retryAfter: true, hold: HOLD_MS },
  },
  {
    name: 'no-retry-after',
    does: `the same 429s without Retry-After (the client backs off on its own)`,
    source: 'RFC 6585 (Retry-After is optional); OBSERVED.md: Errors',
    excludes: ['rate-limited', 'rate-limited-heavy', 'concurrency-limit'],
    play: { limitEvery: LIMIT_EVERY, retryAfter: false },
  },
  {
    name: 'error-detail',
    does: 'every error body carries Twilio\'s extra "detail" key (empty)',
    source: 'OBSERVED.md: Errors (401 bodies)',
    play: { detail: true },
  },
  {
    name: 'slow',
    does: `every answer comes ${SLOW_MS} ms late (within any sane latency budget; not the fault named slow)`,
    source: 'a real network: answers are never instant',
    play: { latency: SLOW_MS },
  },
  {
    name: 'live',
    does:
      `receipts move forward while the suite runs: one request in ${LIVE_EVERY} for a message moves one of its ` +
      "receipts to its next state along the spec's lifecycle, with date_updated now; order and all else unchanged",
    source: 'OBSERVED.md: Receipts are live',
    play: { live: LIVE_EVERY },
  },
]);

/** The name of a reading. */
export type ReadingName = (typeof readings)[number]['name'];
/** The names of all readings, in catalogue order. */
export const readingNames: readonly ReadingName[] = readings.map((r) => r.name);
/** What the emulator plays when no reading is named: the real API's link spelling. */
export const DEFAULT_READINGS: readonly ReadingName[] = ['twilio-links'];

/** Why a list of reading names cannot be played (unknown name, two that exclude each other), or null when it can. */
export function readingsProblem(names: readonly string[]): string | null {
  const unknown = names.find((n) => !readingNames.includes(n as ReadingName));
  const valid = readingNames.join(', ');
  if (unknown !== undefined) return `reading ${JSON.stringify(unknown)} is unknown; valid readings: ${valid}`;
  for (const r of readings as readonly Reading[]) {
    const clash = names.includes(r.name) ? r.excludes?.find((x) => names.includes(x)) : undefined;
    if (clash) return `reading ${r.name} cannot be combined with ${clash} (two answers to one question); choose one`;
  }
  return null;
}

/** The play of a list of known reading names (checked by readingsProblem first). */
export function playOf(names: readonly ReadingName[]): Readonly<Play> {
  const play: Play = { ...BASE_PLAY };
  for (const r of readings) if (names.includes(r.name)) Object.assign(play, r.play);
  return Object.freeze(play);
}
