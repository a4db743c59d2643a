// common/ — the Keyspaces track's command names (main/tracks/keyspaces/contract.ts declares their schemas).
export const KEYSPACES_COMMAND_NAMES = ['keyspaces.snapshot', 'keyspaces.validate', 'keyspaces.validation.cancel', 'keyspaces.bulk-load.start'] as const;
