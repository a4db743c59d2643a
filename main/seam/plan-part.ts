// What a track adds to the plan file: its keys on stacks and waves, its runbook actions with their schemas and
// roles, its located checks and its fields of the plan view (main/plan/grammar.ts GrammarPart), and what the core
// asks of a loaded plan about it. plan-grammar.ts composes the parts into the grammar the loader is given, so
// main/plan never imports a track. A track's keys keep its id as their prefix (DMS's predate the rule).
import type { GrammarPart } from '../plan/grammar';
import type { MigrationPlan, StackModel } from '../plan/model';
import type { StackEntry, WaveEntry } from '../plan/schema';

/** `S`, `W`: the track's fields of a stack and of a wave, as its shapes parse them. */
export interface PlanPart<S = unknown, W = unknown> extends GrammarPart {
  /**
   * The track's fields of a stack the grammar read (a typed read, no copy): the model's types are the core's, since
   * main/plan knows no track; a plan read with this part's grammar has them, defaults applied.
   */
  of(stack: StackEntry): S;
  ofWave(wave: Omit<WaveEntry, 'stacks'>): W;
  /** Whether the core reads the stack's outputs from its state when a plan loads (DMS: a task named by an output). */
  readsOutputs?(stack: StackModel): boolean;
  /** Whether the track takes part in this plan: its gates are columns of the plan's readiness only then. */
  uses(plan: MigrationPlan): boolean;
  /**
   * Pulumi config the track's program part reads, written beside the cockpit's own keys before every operation on
   * the stack; each key in the track's namespace (`keyspaces:settings`). A cutover's config overlay may override them.
   */
  stackConfig?(stack: StackModel): Readonly<Record<string, string>>;
  /** The environment variables the track's keys on this stack name whose values are secrets (tokens, passwords). */
  secretVariables?(stack: StackModel): readonly string[];
}
