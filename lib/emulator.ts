// import { create } from 'receipt-contract-harness/emulator': the embedded emulator, in a user's own code.
export { create, type Emulator, type EmulatorOptions, type FaultName, type ReadingName } from '../emulator/server.js';
