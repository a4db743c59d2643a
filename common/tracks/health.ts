// common/ — the health track's command names (main/tracks/health/contract.ts declares their schemas).
export const HEALTH_COMMAND_NAMES = ['health.snapshot'] as const;
