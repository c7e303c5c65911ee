import { RUN_LIMIT_SETTINGS } from './run-limits.js';

/** Limits that keep the suite gentle with real targets and safe from hostile ones. */
export interface ApiLimits {
  /** Per-request time limit, body included. */
  timeoutMs: number;
  /** Body bytes kept, counted after decompression while reading (a bigger body is cut there, never buffered). */
  maxBodyBytes: number;
  /** How far a compressed body may inflate (decoded bytes per wire byte) before reading stops. */
  maxRatio: number;
  /** Requests one client may send in total, 429s retried not counted (a runaway walk stops here). */
  maxRequests: number;
  /** The longest wait of the client's own backoff after a 429 without Retry-After. */
  maxBackoffMs: number;
  /** CONTRACT_RATE_PATIENCE: the longest stretch of 429s with no answer served in between; then the target counts as
   * rate-limiting and serving nothing, and later requests fail at once. */
  patienceMs: number;
  /** CONTRACT_DEADLINE as an instant (ms since the epoch): nothing is sent, and no 429 waited on, past it. */
  deadlineAt?: number;
  /** After this many transport failures in a row the target counts as down: later requests fail at once. */
  maxFailures: number;
  /** Requests in flight at most (probes run side by side in the self-test): bounds memory against huge bodies; a 429
   * lowers it (in-flight-limit.ts). */
  maxInFlight: number;
  /** Where a rate-limiting verdict is shared with the run's other workers (Playwright restarts one per failure). */
  rateStateFile?: string;
}

/** Defaults: generous for a real service, small enough that nothing hangs a CI job. */
export const defaultLimits: ApiLimits = {
  timeoutMs: 5_000,
  maxBodyBytes: 1_000_000,
  maxRatio: 100,
  maxRequests: 600,
  maxBackoffMs: 5_000,
  patienceMs: RUN_LIMIT_SETTINGS.CONTRACT_RATE_PATIENCE.fallback * 1000,
  maxFailures: 3,
  maxInFlight: 4,
};
