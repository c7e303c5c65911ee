// import { test, expect } from 'receipt-contract-harness/playwright': the suite's fixtures and matcher in a user's tests.
export { test, expect, type Emulator, type EmulatorWith, type ProbeResult, type Violation } from '../fixtures/test.js';
export type { AnswerContext } from '../conformance/judge-answer.js';
