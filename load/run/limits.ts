import { readFileSync } from 'node:fs';

/**
 * The longest time a scenario may give in seconds (duration, warmup, timeout, delayAbortEval): one day. A day of
 * one-second series stays small in result.json, and a day in ms is far below what a Node timer holds (2^31-1 ms, about
 * 24.8 days; a longer delay fires at once, so a longer run would measure for a millisecond and pass).
 */
export const MAX_SECONDS = 86_400;
/** The most connections a scenario may open, whatever this machine allows. */
export const MAX_CONNECTIONS = 10_000;
/** Open files left for the rest of the process (the emulator's files, stdio, reports, the histograms' workers). */
const RESERVE_FILES = 512;

/** This process's limit on open files (Linux's /proc/self/limits), or null where it cannot be read. */
export function openFileLimit(read = (): string => readFileSync('/proc/self/limits', 'utf8')): number | null {
  try {
    const soft = /^Max open files\s+(\d+|unlimited)/m.exec(read())?.[1];
    return soft === undefined || soft === 'unlimited' ? null : Number(soft);
  } catch {
    return null;
  }
}

/**
 * The most connections a scenario may open here: MAX_CONNECTIONS, and at most half the open-file limit less a
 * reserve, since the embedded emulator holds the other end of every connection in this same process.
 */
export function maxConnections(limit = openFileLimit()): number {
  return limit === null
    ? MAX_CONNECTIONS
    : Math.max(1, Math.min(MAX_CONNECTIONS, Math.floor((limit - RESERVE_FILES) / 2)));
}

/** Why the connection bound is what it is, for the one-line refusal. */
export function connectionsWhy(limit = openFileLimit()): string {
  const max = maxConnections(limit);
  return max < MAX_CONNECTIONS
    ? `at most ${max} here (this process may open ${limit} files; each connection to the embedded emulator takes two)`
    : `at most ${MAX_CONNECTIONS}`;
}
