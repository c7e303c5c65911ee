import { create, type Emulator, type EmulatorOptions, type FaultName } from '../../emulator/server.js';
import { freezeTarget, type Target } from '../../client/settings.js';

/** Where the emulator serves: a public origin (links), a base path (a gateway's prefix), or a string (a public origin). */
export type Place = string | Pick<EmulatorOptions, 'publicUrl' | 'basePath'>;

/** Runs a callback against a fresh emulator started with a fault (or none) and a place, stopping it after. */
export async function withEmulator<T>(
  fault: string | undefined,
  fn: (t: Target) => Promise<T>,
  place: Place = {},
): Promise<T> {
  const at = typeof place === 'string' ? { publicUrl: place } : place;
  const emu = await create({ port: 0, host: '127.0.0.1', ...(fault ? { fault: fault as FaultName } : {}), ...at });
  try {
    return await fn(freezeTarget(emu.target));
  } finally {
    await emu.stop();
  }
}

/** Runs a test body against a fresh emulator started with these options (any free port), and stops it. */
export async function withOptions(options: EmulatorOptions, body: (e: Emulator) => Promise<void>): Promise<void> {
  const emu = await create({ port: 0, ...options });
  try {
    await body(emu);
  } finally {
    await emu.stop();
  }
}
