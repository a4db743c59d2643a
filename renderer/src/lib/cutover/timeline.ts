// The planned-vs-actual timeline's layout and scale.
import type { CutoverRunView, TimelineStepView } from '../../../../main/api/contract';
import { formatDuration } from '../format';
import { parse } from './clocks';

export interface TimelineBar {
  /** Position and width on the axis, in percent (clipped to 0-100). */
  readonly left: number;
  readonly width: number;
  readonly ms: number;
  /** Still running: it ends now. */
  readonly open: boolean;
  /** Part of it lies past the axis's end (the axis is scaled to the actual run). */
  readonly clipped: boolean;
  /** Its duration in words ("2 min 5 s"). */
  readonly duration: string;
}

/** An attempt of a retried step before its last one, drawn beside it ("attempt 1 failed"). */
export interface TimelineAttemptLayout {
  readonly attempt: number;
  readonly status: string;
  readonly label: string;
  /** Zero-length at its start when the journal has no end for it. */
  readonly bar: TimelineBar;
}

export interface TimelineRowLayout {
  readonly stepId: string;
  readonly name: string;
  readonly status: string;
  readonly planned: TimelineBar | null;
  /** The step's last attempt (its only one, unless it was retried). */
  readonly actual: TimelineBar | null;
  /** "attempt 2" when the step ran more than once, else null. */
  readonly attemptLabel: string | null;
  readonly earlierAttempts: readonly TimelineAttemptLayout[];
  readonly stacks: readonly { readonly stackId: string; readonly status: string; readonly bar: TimelineBar | null }[];
}

export interface TimelineLayout {
  /** The run's start (ms): 0 on the axis. */
  readonly origin: number;
  /** The axis's length (ms). */
  readonly span: number;
  /** Planned length of the whole runbook and the actual run so far (ms), for the scale's choices. */
  readonly plannedMs: number;
  readonly actualMs: number;
  /** Tick spacing (ms) and the ticks, each with its place (percent) and label ("5 min"). */
  readonly tickMs: number;
  readonly ticks: readonly { readonly at: number; readonly label: string }[];
  readonly rows: readonly TimelineRowLayout[];
}

const TICK_STEPS_S = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** Step durations in words: "45 s", "2 min 5 s", "15 min", "1 h 30 min". */
export function formatStepDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return 'under 1 s';
  if (ms < 10_000) return `${Math.round(ms / 1000)} s`;
  return formatDuration(Math.round(ms / 1000));
}

/**
 * The timeline's first scale. A stopped run (failed or aborted) opens on what it attempted: the rest of its plan did
 * not run. A succeeded run much shorter than its plan (a rehearsal runs in minutes what the plan gives hours: on the
 * plan's scale its bars would be slivers) opens on the actual run too. A run that goes on (running, pausing, paused)
 * opens on the whole plan: where it stands against the plan matters.
 */
export function defaultTimelineScale(layout: Pick<TimelineLayout, 'plannedMs' | 'actualMs'> | null, status: CutoverRunView['status']): 'plan' | 'actual' {
  if (layout === null || layout.actualMs <= 0) return 'plan';
  if (status === 'failed' || status === 'aborted') return layout.plannedMs > layout.actualMs ? 'actual' : 'plan';
  return status === 'succeeded' && layout.plannedMs > layout.actualMs * 3 ? 'actual' : 'plan';
}

/**
 * Lays the run's timeline out on the run's own scale: 0 is the run's start, planned bars are re-based from the
 * planned start of the first step (the core plans from the cutover window's start, days away in a rehearsal), and
 * the axis spans the whole plan and the actual run (`scale: 'plan'`) or the actual run alone (`'actual'`; longer
 * planned bars are clipped). Null when nothing has a time yet.
 */
export function timelineLayout(
  timeline: readonly TimelineStepView[],
  startedAt: string | null,
  now: number,
  scale: 'plan' | 'actual' = 'plan',
): TimelineLayout | null {
  const firstActual = timeline.map((step) => parse(step.attempts[0]?.start ?? step.actualStart)).find((time) => time !== null) ?? null;
  const origin = parse(startedAt) ?? firstActual;
  if (origin === null) return null;
  const planBase = timeline.map((step) => parse(step.plannedStart)).find((time) => time !== null) ?? null;
  const rebase = (iso: string | null) => {
    const time = parse(iso);
    return time === null || planBase === null ? null : origin + (time - planBase);
  };
  const end = (iso: string | null, start: number | null) => (start === null ? null : (parse(iso) ?? Math.max(start, now)));
  const spans = timeline.map((step) => {
    const plannedStart = rebase(step.plannedStart);
    const plannedEnd = rebase(step.plannedEnd);
    const actualStart = parse(step.actualStart);
    // Every attempt but the last (which is the step's actual times); one without a recorded end is a mark at its start.
    const earlier = step.attempts.slice(0, -1).flatMap((attempt) => {
      const start = parse(attempt.start);
      return start === null ? [] : [{ attempt, span: [start, parse(attempt.end) ?? start] as const }];
    });
    return {
      step,
      earlier,
      planned: plannedStart !== null && plannedEnd !== null ? ([plannedStart, plannedEnd] as const) : null,
      actual: actualStart !== null ? ([actualStart, end(step.actualEnd, actualStart)!, step.actualEnd === null] as const) : null,
      stacks: step.stacks.map((stack) => {
        const start = parse(stack.start);
        return { stack, span: start !== null ? ([start, end(stack.end, start)!, stack.end === null] as const) : null };
      }),
    };
  });
  const actualEnds = spans.flatMap((row) => [
    ...(row.actual ? [row.actual[1]] : []),
    ...row.earlier.map((attempt) => attempt.span[1]),
    ...row.stacks.flatMap((stack) => (stack.span ? [stack.span[1]] : [])),
  ]);
  const plannedEnds = spans.flatMap((row) => (row.planned ? [row.planned[1]] : []));
  const actualMs = Math.max(0, ...actualEnds.map((time) => time - origin));
  const plannedMs = Math.max(0, ...plannedEnds.map((time) => time - origin));
  const span = Math.max(1000, scale === 'actual' && actualMs > 0 ? actualMs : Math.max(actualMs, plannedMs));
  const tickS = TICK_STEPS_S.find((step) => span / 1000 / step <= 8) ?? TICK_STEPS_S[TICK_STEPS_S.length - 1]!;
  const ticks = [];
  for (let at = 0; at <= span + 1; at += tickS * 1000) ticks.push({ at: (at / span) * 100, label: at === 0 ? '0' : formatDuration(at / 1000) });
  const bar = (start: number, stop: number, open: boolean): TimelineBar => {
    const from = ((start - origin) / span) * 100;
    const to = ((stop - origin) / span) * 100;
    const left = Math.min(100, Math.max(0, from));
    const right = Math.min(100, Math.max(left, to));
    return { left, width: right - left, ms: stop - start, open, clipped: to > 100 || from > 100, duration: formatStepDuration(stop - start) };
  };
  return {
    origin,
    span,
    plannedMs,
    actualMs,
    tickMs: tickS * 1000,
    ticks,
    rows: spans.map((row) => ({
      stepId: row.step.stepId,
      name: row.step.name,
      status: row.step.status,
      planned: row.planned ? bar(row.planned[0], row.planned[1], false) : null,
      actual: row.actual ? bar(row.actual[0], row.actual[1], row.actual[2]) : null,
      attemptLabel: row.step.attempts.length > 1 ? `attempt ${row.step.attempts.at(-1)!.attempt}` : null,
      earlierAttempts: row.earlier.map(({ attempt, span: times }) => ({
        attempt: attempt.attempt,
        status: attempt.status,
        label: `attempt ${attempt.attempt} ${attempt.status}`,
        bar: bar(times[0], times[1], false),
      })),
      stacks: row.stacks.map(({ stack, span: times }) => ({
        stackId: stack.stackId,
        status: stack.status,
        bar: times ? bar(times[0], times[1], times[2]) : null,
      })),
    })),
  };
}
