// The package's entry points run its TypeScript sources through tsx (a dependency): nothing is compiled at install.
import { register } from 'tsx/esm/api';

/** Registered once per process, whichever entry point is imported first. */
const key = Symbol.for('receipt-contract-harness.tsx');
globalThis[key] ??= register();
