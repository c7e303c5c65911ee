import { receiptFaults } from './faults-receipt.js';
import { pagingFaults } from './faults-paging.js';
import { httpFaults } from './faults-http.js';
import { hostileFaults } from './faults-hostile.js';
import { cornerFaults } from './faults-corner.js';
import { longFaults } from './faults-long.js';
import { liveFaults } from './faults-live.js';
import { gatewayFaults } from './faults-gateway.js';
import type { Fault } from './fault-hooks.js';

const catalogue = [
  ...receiptFaults,
  ...pagingFaults,
  ...httpFaults,
  ...hostileFaults,
  ...cornerFaults,
  ...longFaults,
  ...liveFaults,
  ...gatewayFaults,
] as const;

/** The name of a fault mode. */
export type FaultName = (typeof catalogue)[number]['name'];

/** Every fault mode, each one deliberate deviation from the contract (the self-test proves the checks catch each). */
export const faults: readonly (Fault & { readonly name: FaultName })[] = catalogue;

/** The names of all fault modes, in catalogue order. */
export const faultNames: readonly FaultName[] = faults.map((f) => f.name);

/** The fault of a name, or undefined when there is none such. */
export function findFault(name: string): Fault | undefined {
  return faults.find((f) => f.name === name);
}
export type { Fault } from './fault-hooks.js';
