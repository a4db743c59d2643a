// The parts of a plan that passed the schema, element by element, so the semantic checks can run on them even
// when other parts have schema errors: the operator sees every error at once instead of fixing them in rounds.
import type { z } from 'zod';
import {
  AccountSchema,
  AwsRegion,
  EndpointOverride,
  ProjectSchema,
  RegistrySchema,
  TeamSchema,
  type AccountEntry,
  type ProjectEntry,
  type RegistryEntry,
  type StackEntry,
  type TeamEntry,
  type WaveEntry,
} from './schema';

/**
 * Names of elements the schema rejected (reported there): a reference to one of them is not "unknown". When an
 * element's name cannot be read at all (or the whole list is unusable), every name counts as possibly known.
 */
export interface RejectedNames {
  readonly anyName: boolean;
  readonly names: ReadonlySet<string>;
}

export interface PlanParts {
  /** Each top-level list by its position in the file; `undefined` where the schema rejected the element. */
  readonly registries: readonly (RegistryEntry | undefined)[];
  readonly accounts: readonly (AccountEntry | undefined)[];
  readonly projects: readonly (ProjectEntry | undefined)[];
  readonly stacks: readonly (StackEntry | undefined)[];
  readonly waves: readonly (WaveEntry | undefined)[];
  readonly rejected: {
    readonly registries: RejectedNames;
    /** Account names. */
    readonly accounts: RejectedNames;
    readonly projects: RejectedNames;
    /** Stack names and project/name ids. */
    readonly stacks: RejectedNames;
    readonly waves: RejectedNames;
  };
  readonly planName: string | undefined;
  /** The team section: absent, valid, or 'invalid' (its own errors are reported; checks that need it say nothing). */
  readonly team: TeamEntry | undefined | 'invalid';
  /** The region when it is a well-formed region code. */
  readonly region: string | undefined;
  /** environment.aws.endpoint when it is a valid one. */
  readonly endpoint: string | undefined;
}

/** The stacks a valid wave's entries resolved to (semantics.ts), for the checks over "every stack of the wave". */
export interface ResolvedWave {
  readonly stacks: readonly StackEntry[];
  /** False when the wave names a stack the schema rejected: checks over all its stacks are then unsure. */
  readonly allStacksKnown: boolean;
}

export function isRejected(rejected: RejectedNames, name: string): boolean {
  return rejected.anyName || rejected.names.has(name);
}

/**
 * Splits schema-checked data into its valid parts. `data` is the document as plain data (a mapping); stacks and waves
 * are checked with the composed grammar's schemas (grammar.ts), so a track's keys are part of "valid".
 */
export function planParts(
  data: Readonly<Record<string, unknown>>,
  schemas: { readonly stackSchema: z.ZodType<StackEntry>; readonly waveSchema: z.ZodType<WaveEntry> },
): PlanParts {
  const registries = listParts(data.registries, RegistrySchema, (raw) => [raw.id], { optional: true });
  const accounts = listParts(data.accounts, AccountSchema, (raw) => [raw.name], { optional: true });
  const projects = listParts(data.projects, ProjectSchema, (raw) => [raw.name]);
  const stacks = listParts(data.stacks, schemas.stackSchema, (raw) => [
    raw.name,
    typeof raw.project === 'string' && typeof raw.name === 'string' ? `${raw.project}/${raw.name}` : raw.name,
  ]);
  const waves = listParts(data.waves, schemas.waveSchema, (raw) => [raw.id]);
  const aws = (data.environment as { aws?: { region?: unknown; endpoint?: unknown } } | null | undefined)?.aws;
  const region = AwsRegion.safeParse(aws?.region);
  const endpoint = EndpointOverride.safeParse(aws?.endpoint);
  return {
    registries: registries.entries,
    accounts: accounts.entries,
    projects: projects.entries,
    stacks: stacks.entries,
    waves: waves.entries,
    rejected: { registries: registries.rejected, accounts: accounts.rejected, projects: projects.rejected, stacks: stacks.rejected, waves: waves.rejected },
    planName: typeof data.name === 'string' ? data.name : undefined,
    team: data.team === undefined ? undefined : teamOf(data.team),
    region: region.success ? region.data : undefined,
    endpoint: endpoint.success ? endpoint.data : undefined,
  };
}

function listParts<S extends z.ZodType>(
  raw: unknown,
  schema: S,
  namesOf: (element: Record<string, unknown>) => unknown[],
  { optional = false } = {},
): { entries: (z.output<S> | undefined)[]; rejected: RejectedNames } {
  if (!Array.isArray(raw)) {
    // A missing optional list is an empty one; any other non-list hides what it holds.
    const known = optional && raw === undefined;
    return { entries: [], rejected: { anyName: !known, names: new Set() } };
  }
  const names = new Set<string>();
  let anyName = false;
  const entries = raw.map((element: unknown) => {
    const parsed = schema.safeParse(element);
    if (parsed.success) return parsed.data;
    const readable = element !== null && typeof element === 'object' && !Array.isArray(element);
    const elementNames = readable ? namesOf(element as Record<string, unknown>) : [];
    if (elementNames.length === 0 || typeof elementNames[0] !== 'string') anyName = true;
    for (const name of elementNames) if (typeof name === 'string') names.add(name);
    return undefined;
  });
  return { entries, rejected: { anyName, names } };
}

function teamOf(raw: unknown): TeamEntry | 'invalid' {
  const parsed = TeamSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'invalid';
}
