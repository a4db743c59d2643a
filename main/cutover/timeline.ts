// A run's planned-vs-actual timeline, per step, per attempt and per stack. Pure; the run's view (the UI) and the
// evidence pack both take it from here. Planned times start at the run's start (the window says when a run may
// start, the plan how long each step takes: a run started outside its window, as every rehearsal is, still compares
// step by step) and add each step's `plannedMinutes`. A step's timeout is a limit, not a plan: a step without
// planned minutes has no planned duration (no planned end), and the steps after it no planned start, so no "early"
// or "late" is ever read off a sum of timeouts. Actual times are the journal's: every attempt's start and end, and
// per stack the start and end of the operation the latest attempt ran on it (a deploy, a registration, a DMS stop).
import type { TimelineStepView } from '../api/contract';

/** When one attempt of a step ran and how it ended. */
export interface AttemptTimes {
  readonly attempt: number;
  readonly start: string;
  /** Null while it runs, and when the journal has no end for it (the cockpit stopped during it). */
  readonly end: string | null;
  readonly status: string;
}

/** The parts of a run (ledger.ts RunState) the timeline reads; declared here so the ledger can import this module. */
export interface TimelineRun {
  readonly startedAt: string;
  readonly window: { readonly start: string } | null;
  readonly steps: readonly {
    readonly def: { readonly id: string; readonly name: string; readonly plannedMinutes?: number };
    readonly status: string;
    readonly attempt?: number;
    readonly startedAt: string | null;
    readonly finishedAt: string | null;
    readonly stackTimes?: ReadonlyMap<string, { readonly start: string | null; readonly end: string | null; readonly status: string }>;
    readonly earlierAttempts?: readonly AttemptTimes[];
  }[];
}

export function runTimeline(run: TimelineRun): TimelineStepView[] {
  let cursor: number | null = Date.parse(run.startedAt);
  if (!Number.isFinite(cursor)) cursor = null;
  return run.steps.map((step) => {
    const minutes = step.def.plannedMinutes;
    const plannedStart = cursor === null ? null : new Date(cursor).toISOString();
    const plannedEnd = cursor === null || minutes === undefined ? null : new Date(cursor + minutes * 60_000).toISOString();
    cursor = plannedEnd === null ? null : Date.parse(plannedEnd);
    const earlier = step.earlierAttempts ?? [];
    const latest =
      step.startedAt === null ? [] : [{ attempt: step.attempt ?? earlier.length + 1, start: step.startedAt, end: step.finishedAt, status: step.status }];
    return {
      stepId: step.def.id,
      name: step.def.name,
      plannedStart,
      plannedEnd,
      actualStart: step.startedAt,
      actualEnd: step.finishedAt,
      status: step.status,
      stacks: [...(step.stackTimes?.entries() ?? [])].map(([stackId, times]) => ({ stackId, start: times.start, end: times.end, status: times.status })),
      attempts: [...earlier, ...latest].map((times) => ({ ...times })),
    };
  });
}
