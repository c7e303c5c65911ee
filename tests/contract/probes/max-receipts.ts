import { contract } from '../../../spec/contract.js';
import { defaultLimits } from '../../../client/api.js';
import { orExit } from '../../../client/or-exit.js';
import { UsageError } from '../../../client/usage-error.js';

/** Receipts discovery reads by default: a group message of a few hundred whole, a huge one up to this prefix. */
export const DEFAULT_MAX_RECEIPTS = 2_000;
/** The largest CONTRACT_MAX_RECEIPTS accepted: a runaway setting must not walk a real target for hours. */
export const MAX_MAX_RECEIPTS = 100_000;

/** CONTRACT_MAX_RECEIPTS: how many receipts discovery reads at most (default DEFAULT_MAX_RECEIPTS). */
export function readMaxReceipts(env: Record<string, string | undefined> = process.env): number {
  const raw = env.CONTRACT_MAX_RECEIPTS;
  if (raw === undefined || raw === '') return DEFAULT_MAX_RECEIPTS;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_MAX_RECEIPTS)
    throw new UsageError(
      `CONTRACT_MAX_RECEIPTS must be an integer from 1 to ${MAX_MAX_RECEIPTS} (receipts discovery reads at most; ` +
        `default ${DEFAULT_MAX_RECEIPTS}); received ${JSON.stringify(raw.slice(0, 40))}`,
    );
  return Number(raw);
}

/** Reads CONTRACT_MAX_RECEIPTS for the config: a bad value prints its one line and ends the run before any request. */
export function readMaxReceiptsOrExit(env: Record<string, string | undefined> = process.env): number {
  return orExit('Contract settings', () => readMaxReceipts(env));
}

/** Pages discovery requests at most for a setting: one per maximum page, and one more to see the list end. */
export function discoveryPages(maxReceipts: number): number {
  return Math.ceil(maxReceipts / contract.paging.pageSize.max) + 1;
}

/**
 * A worker's request budget: the client's default, which holds both scopes' discovery at the default setting, plus
 * the pages a larger CONTRACT_MAX_RECEIPTS asks discovery for in both scopes.
 */
export function requestBudget(maxReceipts: number): number {
  const extra = Math.max(0, discoveryPages(maxReceipts) - discoveryPages(DEFAULT_MAX_RECEIPTS));
  return defaultLimits.maxRequests + 2 * extra;
}
