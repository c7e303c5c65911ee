import { contract } from '../spec/contract.js';

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
