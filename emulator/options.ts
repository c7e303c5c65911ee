import { checkBaseUrl } from '../client/base-url.js';
import { isLoopback } from '../client/loopback.js';
import { UsageError } from '../client/usage-error.js';
import { faultNames, findFault, type Fault, type FaultName } from './faults.js';
import { noFault } from './fault-hooks.js';
import { DEFAULT_READINGS, playOf, readingsProblem, type Play, type ReadingName } from './readings.js';
import type { Store } from './store.js';

/** A synthetic data set: how many receipts, and the seed number that makes it reproducible. */
export interface SyntheticSpec {
  receipts: number;
  seed?: number;
}
/** Where the data comes from: a seed YAML file, a synthetic spec, or a store already built. */
export type DatasetOption = string | SyntheticSpec | Store;

/** Options of create(); all optional. */
export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Origin written into url and meta.*_url (default: the listening URL). */
  publicUrl?: string;
  /** A path prefix the API is served under, as behind a gateway (`/twilio-api`); links carry it too. Default: none. */
  basePath?: string;
  dataset?: DatasetOption;
  fault?: FaultName;
  /** Readings to play, combined (default: twilio-links; a list given replaces the default). */
  readings?: readonly ReadingName[];
  /** Fixed delay added to every answer, in milliseconds. */
  latency?: number;
  /** Cache serialized receipts and pages (default true; the scale benchmark turns it off to measure the real work). */
  cache?: boolean;
}

/** Options checked once, with defaults filled in. */
export interface Settings {
  port: number;
  host: string;
  publicUrl: string | null;
  /** '' or a prefix such as `/twilio-api` (no trailing slash). */
  basePath: string;
  dataset: DatasetOption | undefined;
  fault: Fault;
  latency: number;
  cache: boolean;
  readings: readonly ReadingName[];
  play: Readonly<Play>;
}

/** The largest --latency accepted, in milliseconds. */
export const MAX_LATENCY = 60_000;
/** The largest synthetic data set accepted. */
export const MAX_RECEIPTS = 20_000_000;

/** Path segments a base path may hold: RFC 3986 pchar, never `.` or `..`. */
const BASE_PATH = /^(\/(?!\.{1,2}(\/|$))[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/;

/** A base path without its trailing slash ('' for none), or a UsageError. */
function basePathOf(raw: unknown): string {
  if (raw === undefined || raw === '' || raw === '/') return '';
  const path = typeof raw === 'string' ? raw.replace(/\/+$/, '') : raw;
  if (typeof path !== 'string' || path.length > 200 || !BASE_PATH.test(path))
    throw new UsageError(
      `base-path must be a path prefix such as /twilio-api (segments of letters, digits and -._~, no query), got ${JSON.stringify(raw)}`,
    );
  return path;
}

/** Checks every option in one pass and returns frozen settings. */
export function checkOptions(o: EmulatorOptions = {}): Readonly<Settings> {
  const port = o.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`port must be an integer from 0 to 65535, got ${JSON.stringify(o.port)}`);
  const host = o.host ?? '127.0.0.1';
  // loopback only: the emulator hands out fixed test credentials and must not be reachable from the network
  if (typeof host !== 'string' || !isLoopback(host))
    throw new UsageError(
      `host must be a loopback address (127.0.0.1, ::1 or localhost), got ${JSON.stringify(o.host)}`,
    );
  const latency = o.latency ?? 0;
  if (typeof latency !== 'number' || !Number.isInteger(latency) || latency < 0 || latency > MAX_LATENCY) {
    throw new UsageError(
      `latency must be an integer number of milliseconds from 0 to ${MAX_LATENCY}, got ${JSON.stringify(o.latency)}`,
    );
  }
  const fault = o.fault === undefined ? noFault : findFault(o.fault);
  if (!fault)
    throw new UsageError(`fault ${JSON.stringify(o.fault)} is unknown; valid faults: ${faultNames.join(', ')}`);
  const readings = o.readings ?? DEFAULT_READINGS;
  const problem = Array.isArray(readings)
    ? readingsProblem(readings)
    : `readings must be a list of names, got ${JSON.stringify(readings)}`;
  if (problem) throw new UsageError(problem);
  const d = o.dataset;
  if (d !== undefined && typeof d === 'object' && !('accounts' in d)) {
    if (!Number.isInteger(d.receipts) || d.receipts < 1 || d.receipts > MAX_RECEIPTS)
      throw new UsageError(`receipts must be an integer from 1 to ${MAX_RECEIPTS}, got ${JSON.stringify(d.receipts)}`);
    if (d.seed !== undefined && (!Number.isInteger(d.seed) || d.seed < 0 || d.seed > 2 ** 32 - 1))
      throw new UsageError(`seed must be an integer from 0 to ${2 ** 32 - 1}, got ${JSON.stringify(d.seed)}`);
  }
  const publicUrl = o.publicUrl === undefined ? null : checkBaseUrl('public-url', o.publicUrl, { path: false });
  const basePath = basePathOf(o.basePath);
  const play = playOf(readings);
  const cache = o.cache !== false;
  const list = Object.freeze([...readings]);
  return Object.freeze({ port, host, publicUrl, basePath, dataset: d, fault, latency, cache, readings: list, play });
}
