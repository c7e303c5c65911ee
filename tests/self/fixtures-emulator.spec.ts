import { test, expect } from '../../fixtures/test.js';
import { send, targetList } from './emulator-http.js';

const PUBLIC = { publicUrl: 'https://receipts.example.test' };

test.describe('the emulator fixtures (fixtures/emulator.ts)', () => {
  test('the worker emulator serves on loopback and is the factory default', async ({ emulator, emulatorWith }) => {
    expect(new URL(emulator.url).hostname).toBe('127.0.0.1');
    expect((await send(emulator, targetList(emulator.target))).status).toBe(200);
    expect(await emulatorWith()).toBe(emulator);
  });

  test('the factory shares one server per set of options, and starts another for others', async ({ emulatorWith }) => {
    const a = await emulatorWith(PUBLIC);
    expect(await emulatorWith({ ...PUBLIC })).toBe(a);
    const b = await emulatorWith({ dataset: { receipts: 200, seed: 5 } });
    expect(b).not.toBe(a);
    expect(b.url).not.toBe(a.url);
    expect(a.publicUrl).toBe(PUBLIC.publicUrl);
  });

  test('the factory passes a bad option on as create() refuses it, starting nothing', async ({ emulatorWith }) => {
    await expect(emulatorWith({ latency: -1 })).rejects.toThrow(/latency/);
  });
});
