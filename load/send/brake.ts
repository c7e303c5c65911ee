import type { EventEmitter } from 'node:events';
import type { Wire } from './wire.js';

/** The running autocannon instance as an event source that can be stopped (kept apart from its promise side for the
 * linter). */
export type Running = EventEmitter & { stop(): void };

/** Ends a run: nothing new is sent, every request in flight is answered or times out, then autocannon stops. */
export interface Brake {
  bind(i: Running): void;
  pull(): void;
  /** When the brake was first pulled (performance.now()), or undefined. */
  readonly pulledAt: number | undefined;
}

/** A brake over a wire (autocannon's own stop() waits for its next tick, sending all the while, and cuts what is in flight). */
export function createBrake(wire: Wire): Brake {
  let instance: Running | undefined;
  let pulledAt: number | undefined;
  return {
    bind(i) {
      instance = i;
    },
    pull() {
      pulledAt ??= performance.now();
      void wire.end().then(() => instance?.stop());
    },
    get pulledAt() {
      return pulledAt;
    },
  };
}
