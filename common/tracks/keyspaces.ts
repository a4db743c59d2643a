// common/ — the Keyspaces track's command names (main/tracks/keyspaces/contract.ts declares their schemas) and its
// runbook action types (main/tracks/keyspaces/plan.ts declares them; main/cutover/catalog.test.ts holds the two together).
export const KEYSPACES_COMMAND_NAMES = ['keyspaces.snapshot', 'keyspaces.validate', 'keyspaces.validation.cancel', 'keyspaces.bulk-load.start'] as const;

export const KEYSPACES_ACTION_TYPES = ['keyspaces-mirror-reads', 'keyspaces-primary-target', 'keyspaces-validate', 'keyspaces-remove-proxy'] as const;
