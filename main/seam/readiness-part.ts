// What a track adds to cutover readiness: its gates (columns of the gate matrix, inserted before the core's
// `dependencies`) and a judge per loaded plan. The readiness service (main/core/readiness-service.ts) stays
// event-driven: it hands every event the core publishes to each judge, and judges every stack a few times a second
// for waves of hundreds of stacks, so a judge answers from what it observed and a green verdict allocates nothing.
import type { CockpitEvent, GateStatus, StackHealth } from '../api/contract';
import type { MigrationPlan, StackModel } from '../plan/model';

/** One gate a track declares. */
export interface GateDecl {
  /** GATE_ID_PATTERN (common/gates.ts); a new track prefixes its id (`keyspaces.load`), DMS keeps `data`. */
  readonly id: string;
  /** The column heading ("Data"). */
  readonly label: string;
  /** What the gate checks, in a sentence. */
  readonly help: string;
}

/** One gate's verdict before the green-since bookkeeping. */
export interface GateVerdict {
  readonly status: GateStatus;
  /** Why it is not green; a green verdict may carry a note. */
  readonly reasons: readonly string[];
  /** A gate with a hold: seconds of the hold still to go while it runs, else null. */
  readonly holdRemainingSeconds: number | null;
  /**
   * When that hold ends (ISO, the track's data clock), when the track knows it from the hold's start; it stays put
   * while the hold runs, so the views need not change on every datapoint. Absent: estimated from the seconds left.
   */
  readonly holdEndsAt?: string;
  /**
   * False when the gate has nothing to check for this stack (no replication tasks, no probe, no registry): it passes,
   * its note says why, and the views show it as not applying instead of as green for so long.
   */
  readonly applies?: false;
}

/** What one evaluation judges by; the service fills it once per evaluation, before any evaluate. */
export interface JudgeMoment {
  /** The data clock's now (ms): a sped-up rehearsal's runs ahead of the core's. */
  dataNow: number;
  /** The judge's own silence(now) of this evaluation: why none of its data is current, or null. */
  silence: string | null;
}

export interface GateJudge {
  /** An event the core published, at `now` (core clock, ms); true when it may change a verdict. */
  observe(event: CockpitEvent, now: number): boolean;
  /** Why none of the track's data is current at `now` (core clock, ms): "the DMS monitor has not reported since …". */
  silence(now: number): string | null;
  /** The stack's verdicts, one per declared gate in the declared order, into out[0..]; a green one allocates nothing. */
  evaluate(stack: StackModel, moment: Readonly<JudgeMoment>, out: GateVerdict[]): void;
  /** A fault the track sees in a stack the core finds healthy (DMS: a failed task → degraded; a stopped one is not). */
  health?(stack: StackModel): StackHealth | null;
}

export interface ReadinessPart {
  readonly gates: readonly GateDecl[];
  /** A judge for a newly loaded plan: it starts knowing nothing (the track's monitor publishes everything again). */
  createJudge(plan: MigrationPlan): GateJudge;
}
