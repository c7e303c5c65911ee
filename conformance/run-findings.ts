/**
 * What a contract run may report besides the checks of the registry: each names a problem of the run itself, not a
 * rule of the contract (docs/contract.md lists them; tests/self/docs-sync.spec.ts keeps the list equal to this).
 */
export const RUN_FINDINGS = {
  probe: 'a probe stopped on an answer it could not use; the exchanges it sent before were judged by the checks',
  target_receipts:
    'the message a setting names (TARGET_MESSAGE_SID, TARGET_DEFAULT_MESSAGE_SID) has fewer receipts than a probe needs: a setting to change, not a rule the target broke',
} as const;

/** The id of a finding that is not a check. */
export type RunFinding = keyof typeof RUN_FINDINGS;
