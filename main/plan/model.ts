// The validated, normalized plan the core works with. Only built from a plan with no errors.
import type { Placement } from './account-placement';
import type { AccountEntry, PlanFile, RegistryEntry, StackEntry, TeamEntry, WaveEntry } from './schema';

/** A stack with where it lives: its project's account (null when the plan declares none) and region (account-placement.ts). */
export interface StackModel extends StackEntry, Placement {
  /** `project/name`, unique across the plan. */
  readonly id: string;
  readonly waveId: string | null;
}

export interface WaveModel extends Omit<WaveEntry, 'stacks'> {
  /** 1-based position in dependency order. */
  readonly order: number;
  /** Resolved stack ids, in the order the plan lists them. */
  readonly stackIds: readonly string[];
}

export interface MigrationPlan {
  /** Absolute path of the plan file; relative paths inside it resolve against its folder. */
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  readonly environment: PlanFile['environment'];
  readonly projects: PlanFile['projects'];
  readonly registries: readonly RegistryEntry[];
  /** The accounts the plan acts in, by name; empty when it declares none (then everything is in one account, the sign-in's). */
  readonly accounts: readonly AccountEntry[];
  /** Team mode: the shared store and people's roles; absent for one operator with the local journal. */
  readonly team?: TeamEntry;
  readonly stacks: ReadonlyMap<string, StackModel>;
  /** In dependency order. */
  readonly waves: readonly WaveModel[];
}
