import { create, type FaultName } from '../../emulator/server.js';
import { freezeTarget, type Target } from '../../target/settings.js';

/** Runs a callback against a fresh emulator started with a fault (or none) and a public origin, stopping it after. */
export async function withEmulator<T>(
  fault: string | undefined,
  fn: (t: Target) => Promise<T>,
  publicUrl?: string,
): Promise<T> {
  const emu = await create({
    port: 0,
    host: '127.0.0.1',
    ...(fault ? { fault: fault as FaultName } : {}),
    ...(publicUrl ? { publicUrl } : {}),
  });
  try {
    return await fn(freezeTarget(emu.target));
  } finally {
    await emu.stop();
  }
}
