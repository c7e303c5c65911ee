import type { Contract, SidField } from '../../../spec/contract.js';

/** A well-formed SID of the field that differs from `like` (each hex digit flipped), or a fresh one when `like` is not a SID. */
export function otherSid(contract: Contract, field: SidField, like = ''): string {
  const prefix = contract.sids.prefix(field) ?? 'XX';
  const digits = contract.sids.length(field) - prefix.length;
  const hex = contract.sids.pattern(field).test(like) ? like.slice(prefix.length) : '0'.repeat(digits);
  const flipped = [...hex].map((c) => (15 - parseInt(c, 16)).toString(16)).join('');
  return prefix + flipped;
}

/** Malformed values for a SID field: too short, wrong prefix, not hex; each must get a Twilio 4xx. */
export function malformedSids(contract: Contract, field: SidField): string[] {
  const prefix = contract.sids.prefix(field) ?? 'XX';
  const digits = contract.sids.length(field) - prefix.length;
  const wrongPrefix = prefix === 'ZZ' ? 'YY' : 'ZZ';
  return [prefix + '0'.repeat(digits - 1), wrongPrefix + '0'.repeat(digits), prefix + 'z'.repeat(digits)];
}
