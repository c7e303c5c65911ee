import { contract } from '../spec/contract.js';
import { isLoopback } from './loopback.js';
import { UsageError } from './usage-error.js';

/** A hostname as DNS compares it: lower case, without the trailing dot of a fully qualified name. */
export function normalHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.+$/, '');
}

/** The registrable domain of a host: its last two labels (conversations.twilio.com -> twilio.com). */
export function registrableDomain(hostname: string): string {
  return normalHost(hostname).split('.').slice(-2).join('.');
}

/** Domains of Twilio's production API, derived from the spec's servers (every region and edge lives under them). */
export const PRODUCTION_DOMAINS: readonly string[] = Object.freeze([
  ...new Set(contract.paths.productionOrigins.map((o) => registrableDomain(new URL(o).hostname))),
]);

/** True for any host under a production domain, however it is spelt (capitals, trailing dot, region, edge). */
export function isProductionHost(hostname: string): boolean {
  const host = normalHost(hostname);
  return PRODUCTION_DOMAINS.some((d) => host === d || host.endsWith('.' + d));
}

/** Consent flags for targets that are not on this machine. */
export interface Consent {
  /** --allow-remote: a target off loopback. */
  allowRemote: boolean;
  /** --i-accept-twilio-costs: Twilio's production API (true where a tool sends nothing costly of its own). */
  acceptTwilioCosts: boolean;
}

/**
 * The one rule for where a tool may send traffic: loopback, unless --allow-remote; Twilio's production API only with
 * --i-accept-twilio-costs too. `url` is a base URL already checked (checkBaseUrl); `verb` says what the tool does
 * (`load`, `proxy`, `diff`). A refusal is a UsageError naming the setting and the flag that allows it.
 */
export function checkRemote(setting: string, url: string, consent: Consent, verb: string): void {
  const { origin, hostname } = new URL(url);
  if (isProductionHost(hostname) && !consent.acceptTwilioCosts)
    throw new UsageError(
      `${setting}: ${origin} is Twilio's production API; ${verb} costs money and hits rate limits. Add --allow-remote --i-accept-twilio-costs to accept that`,
    );
  if (!isLoopback(normalHost(hostname)) && !consent.allowRemote)
    throw new UsageError(
      `${setting}: ${origin} is not on this machine (loopback); add --allow-remote to ${verb} a remote target`,
    );
}
