// 'receipt-contract-harness/emulator': create() (sources in lib/emulator.ts; types in types/).
import './register-tsx.js';

export const { create } = await import('../lib/emulator.js');
