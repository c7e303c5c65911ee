import type { Exchange } from '../spec/checks/index.js';

/** One exchange read from a file, with what judging it needs: who sent it and where its links must point. */
export interface TrafficEntry {
  exchange: Exchange;
  account: string | null;
  publicUrl: string;
  /** Where in the file it came from, for messages: `line 3`, `entry 7`. */
  at: string;
}

/** A body text within the size limit, or the error an oversized answer becomes (as in the proxy). */
export function bounded(text: string, cap: number): { text: string; error?: string } {
  return Buffer.byteLength(text) > cap ? { text: '', error: `body exceeds the ${cap}-byte limit` } : { text };
}
