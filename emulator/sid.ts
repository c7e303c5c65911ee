import { createHash } from 'node:crypto';
import { contract, type SidField } from '../spec/contract.js';

/** Maps dense indices to the hex part of SIDs and back (the prefix is added by `Sids`). */
export interface HexCodec {
  hex(index: number): string;
  /** The index of a hex part, or -1 when no entity has it. */
  index(hex: string): number;
}

/** Hex digits derived from a key by hashing: the same fixture name gives the same SID on every run. */
export function hashHex(key: string, length: number): string {
  return createHash('sha256').update(key).digest('hex').slice(0, length);
}

/** A codec over a table of hex strings (small data sets such as the seed). */
export function tableCodec(hexes: string[]): HexCodec {
  const byHex = new Map<string, number>();
  hexes.forEach((h, i) => {
    if (byHex.has(h)) throw new Error(`two entities share the SID digits ${h}: rename one of them`);
    byHex.set(h, i);
  });
  return { hex: (i) => hexes[i], index: (h) => byHex.get(h) ?? -1 };
}

/** A codec that writes the index into the digits (large synthetic sets): O(1) both ways, nothing stored. */
export function indexCodec(tag: string, length: number, count: number): HexCodec {
  const digits = length - tag.length;
  const hex = (i: number): string => tag + i.toString(16).padStart(digits, '0');
  return {
    hex,
    index(h) {
      if (h.length !== length || !h.startsWith(tag)) return -1;
      const i = parseInt(h.slice(tag.length), 16);
      // the round trip rejects upper case, signs and stray characters that parseInt tolerates
      return Number.isSafeInteger(i) && i < count && hex(i) === h ? i : -1;
    },
  };
}

/** Full SIDs of one field: the spec's prefix plus a codec's digits. */
export class Sids {
  readonly prefix: string;
  readonly length: number;
  constructor(
    readonly field: SidField,
    readonly codec: HexCodec,
  ) {
    const prefix = contract.sids.prefix(field);
    if (prefix === null) throw new Error(`${field} has no fixed prefix in the spec`);
    this.prefix = prefix;
    this.length = contract.sids.length(field);
  }
  /** The SID of an index. */
  sid(index: number): string {
    return this.prefix + this.codec.hex(index);
  }
  /** The index a SID names, or -1 (unknown or malformed). */
  index(sid: string): number {
    return sid.length === this.length && sid.startsWith(this.prefix)
      ? this.codec.index(sid.slice(this.prefix.length))
      : -1;
  }
  /** How many hex digits follow a prefix (the field's own, or a channel's given one). */
  static digits(field: SidField, prefix = contract.sids.prefix(field) ?? ''): number {
    return contract.sids.length(field) - prefix.length;
  }
}
