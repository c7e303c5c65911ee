import type { ServerResponse } from 'node:http';
import type { Scope, TwilioErrorBody } from '../spec/contract.js';

/** A receipt as it is about to be serialized (fields in Twilio's order). */
export type ReceiptObject = Record<string, unknown>;
/** The meta object of a list page. */
export interface PageMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  url: string;
  next_page_url: string | null;
  key: string;
}
/** What a receipt hook knows: its place in its message, the path scope and the public base URL (origin and base path). */
export interface ReceiptCtx {
  position: number;
  scope: Scope;
  origin: string;
}
/** What a page hook knows, and how to link to another page of the same list. */
export interface PageCtx {
  size: number;
  /** The PageSize asked for (the default when absent); above the maximum a clamp serves fewer. */
  asked: number;
  page: number;
  offset: number;
  count: number;
  link(page: number, offset: number): string;
}
/** An answer about to be written. */
export interface Reply {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/** One deliberate deviation from the contract: a name, the rule it breaks, and the small hooks that break it. */
export interface Fault {
  readonly name: string;
  /** The rule it breaks, in one line (listed in the README). */
  readonly breaks: string;
  /** Mutates every receipt before it is serialized (and cached). */
  receipt?(r: ReceiptObject, ctx: ReceiptCtx): void;
  /** Mutates a receipt answered by fetch only. */
  fetched?(r: ReceiptObject, ctx: ReceiptCtx): void;
  /** Replaces the receipt's canonical url. */
  url?(r: ReceiptObject, ctx: ReceiptCtx): string;
  /** Mutates a list page's meta. */
  page?(meta: PageMeta, ctx: PageCtx): void;
  /** Under concurrency (at least `crowd` requests in flight), the position of the receipt a fetch of `position` (of
   * `count`) answers instead, as a race between requests would; undefined keeps it. `nth` counts this emulator's
   * crowded fetches from 1 (a rare race). */
  crowded?(position: number, count: number, nth: number): number | undefined;
  /** Requests in flight (this one included) from which `crowded` applies. */
  readonly crowd?: number;
  /** Maps a list position to the position served there. */
  order?(position: number, count: number, size: number): number;
  /** The page size served for an asked PageSize; null rejects it (400). */
  pageSize?(asked: number): number | null;
  /** Mutates an error body. */
  error?(body: TwilioErrorBody, status: number): void;
  /** Mutates an answer just before it is written (path: the request's raw path and query; its Authorization header). */
  reply?(reply: Reply, path: string, authorization?: string): void;
  /** Writes an answer its own hostile way; true when it did. Responses it leaves open go into held (cut at stop). */
  transport?(res: ServerResponse, reply: Reply, held: Set<ServerResponse>): boolean;
  /** Which scoping rule is relaxed: any service SID, any service on default paths, any message of the conversation,
   * any receipt on fetch, any account's data for any valid credentials. */
  readonly loose?: 'service' | 'default' | 'message' | 'fetch' | 'account';
  /** Takes an Authorization header the credentials check refused for the target's account (a broken auth check). */
  readonly acceptsAuth?: (header: string | undefined) => boolean;
  readonly authOff?: boolean;
  readonly notFound200?: boolean;
  readonly malformed500?: boolean;
  readonly delayMs?: number;
  /** Every nth request gets a gateway's HTML 429 page (Retry-After: 0); its retry is served. */
  readonly gateway429Every?: number;
}

/** Keeps the literal fault names so that FaultName is a union of them. */
export function defineFaults<const T extends readonly Fault[]>(list: T): T {
  return list;
}

/** The correct emulator: no hooks. */
export const noFault: Fault = { name: 'none', breaks: 'nothing' };
