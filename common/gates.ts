// common/ — readiness gates: the gates of a stack, in the order the gate matrix shows them.
// Environment-neutral values only (no zod, no node:, no DOM, no packages).

export const READINESS_GATES = ['infrastructure', 'registration', 'data', 'dependencies'] as const;
export type ReadinessGate = (typeof READINESS_GATES)[number];
