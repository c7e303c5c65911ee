// 'receipt-contract-harness/playwright': test and expect with toConform() (sources in lib/playwright.ts).
import './register-tsx.js';

export const { test, expect } = await import('../lib/playwright.js');
