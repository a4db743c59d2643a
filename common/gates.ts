// common/ — readiness gates: the core's own gates and the form of every gate id.
// Environment-neutral values only (no zod, no node:, no DOM, no packages).

/**
 * The core's gates, in the order the gate matrix shows them. Each active track's gates are inserted before
 * `dependencies` (the wave's own gate stays last): a DMS plan reads infrastructure / registration / data /
 * dependencies.
 */
export const CORE_GATES = ['infrastructure', 'registration', 'dependencies'] as const;
export type CoreGate = (typeof CORE_GATES)[number];

/** The core gate every track gate goes before. */
export const LAST_CORE_GATE: CoreGate = 'dependencies';

/**
 * A gate id: lower case, digits and dashes; a new track prefixes its gates with its id (`keyspaces.load`). DMS's
 * `data` keeps its name (user plans, journals and e2e specs know it).
 */
export const GATE_ID_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)?$/;
