// A run's planned-vs-actual timeline, per step and per stack. Pure; the run's view (the UI) and the evidence pack
// both take it from here. Planned times start at the run's start (the window says when a run may start, the plan how
// long each step takes: a run started outside its window, as every rehearsal is, still compares step by step) and add each
// step's planned minutes (its `plannedMinutes`, else its timeout); a step without either has no planned end, and the
// steps after it no planned start. Actual times are the journal's: the step's start and end, and per stack the
// start and end of the operation the step ran on it (a deploy, a registration, a DMS stop).
import type { TimelineStepView } from '../api/contract';

/** The parts of a run (ledger.ts RunState) the timeline reads; declared here so the ledger can import this module. */
export interface TimelineRun {
  readonly startedAt: string;
  readonly window: { readonly start: string } | null;
  readonly steps: readonly {
    readonly def: { readonly id: string; readonly name: string; readonly plannedMinutes?: number; readonly timeoutMinutes?: number };
    readonly status: string;
    readonly startedAt: string | null;
    readonly finishedAt: string | null;
    readonly stackTimes?: ReadonlyMap<string, { readonly start: string | null; readonly end: string | null; readonly status: string }>;
  }[];
}

export function runTimeline(run: TimelineRun): TimelineStepView[] {
  let cursor: number | null = Date.parse(run.startedAt);
  if (!Number.isFinite(cursor)) cursor = null;
  return run.steps.map((step) => {
    const minutes = step.def.plannedMinutes ?? step.def.timeoutMinutes;
    const plannedStart = cursor === null ? null : new Date(cursor).toISOString();
    const plannedEnd = cursor === null || minutes === undefined ? null : new Date(cursor + minutes * 60_000).toISOString();
    cursor = plannedEnd === null ? null : Date.parse(plannedEnd);
    return {
      stepId: step.def.id,
      name: step.def.name,
      plannedStart,
      plannedEnd,
      actualStart: step.startedAt,
      actualEnd: step.finishedAt,
      status: step.status,
      stacks: [...(step.stackTimes?.entries() ?? [])].map(([stackId, times]) => ({ stackId, start: times.start, end: times.end, status: times.status })),
    };
  });
}
