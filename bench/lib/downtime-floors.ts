// The AWS-side floors of the downtime benchmark's DMS steps, read from the rehearsal's own records after the run:
// its metric history (what CloudWatch serves, at the 60-second period the cockpit reads) and its DMS events and
// task states. Times here are simulated epoch ms; ClockMap turns them into wall-clock time.
import type { DmsSimulation } from '../../rehearsal/aws-rehearsal';
import { COARSE_SECONDS, SERIES } from '../../rehearsal/tracks/dms/metric-history';

/** The CloudWatch period the cockpit's monitor reads (its default, metricPeriodSeconds 60), in ms. */
export const PERIOD_MS = COARSE_SECONDS * 1000;

/** The rehearsal's ScaledClock against the wall clock (no jumps in the benchmark): sim = simAt + (wall - wallAt) × rate. */
export interface ClockMap {
  readonly wallAt: number;
  readonly simAt: number;
  readonly rate: number;
}

export const simOf = (clock: ClockMap, wallMs: number): number => clock.simAt + (wallMs - clock.wallAt) * clock.rate;
/** A simulated duration (ms) in wall-clock seconds. */
export const wallSecondsOf = (clock: ClockMap, simMs: number): number => simMs / clock.rate / 1000;

type Task = NonNullable<ReturnType<DmsSimulation['task']>>;

/** A task's 60-second value of a base series for a minute (epoch minutes), NaN when it has none. */
const minuteValue = (task: Task, minute: number, series: number): number => task.metrics?.minuteValue(minute, series) ?? Number.NaN;

/** Period boundaries from the one at or before `from` up to `until` (a datapoint is complete at its period's end). */
function* boundaries(from: number, until: number): Generator<number> {
  for (let boundary = Math.floor(from / PERIOD_MS) * PERIOD_MS; boundary <= until; boundary += PERIOD_MS) yield boundary;
}

/**
 * freeze-check: the first time the complete datapoints show `quietSeconds` of quiet on the task — CDCIncomingChanges
 * (the rehearsal's backlog) and CDCThroughputRowsTarget (rows applied per second) both at or under `maxValue` from a
 * datapoint to a datapoint `quietSeconds` later, as the freeze-check measures it — or null before `until`.
 */
export function quietProvenAt(task: Task, from: number, until: number, quietSeconds: number, maxValue: number): number | null {
  const quiet = (minute: number) => [SERIES.backlog, SERIES.cdcTargetRows].every((series) => minuteValue(task, minute, series) <= maxValue);
  for (const boundary of boundaries(from, until)) {
    const last = boundary / PERIOD_MS - 1;
    if (!quiet(last)) continue;
    let first = last;
    while (quiet(first - 1) && last - first < 1440) first--;
    if ((last - first) * COARSE_SECONDS >= quietSeconds) return boundary;
  }
  return null;
}

/** stop-replication's drain: the first time the latest complete CDCLatencyTarget datapoint of every task is at or under the limit. */
export function drainedAt(tasks: readonly Task[], from: number, until: number, maxLatencySeconds: number): number | null {
  for (const boundary of boundaries(from, until)) {
    const minute = boundary / PERIOD_MS - 1;
    if (tasks.every((task) => minuteValue(task, minute, SERIES.latencyTarget) <= maxLatencySeconds)) return boundary;
  }
  return null;
}

/** How long DMS took to stop the task: from its StopReplicationTask (the "being stopped" event) after `from` to `stopped`. */
export function stopDuration(simulation: DmsSimulation, task: Task, from: number): { calledAt: number; stoppedAt: number } | null {
  const call = simulation
    .events()
    .filter((event) => event.sourceId === task.identity.id && event.date >= from && event.message === 'Replication task is being stopped.')
    .at(0);
  if (!call || task.status !== 'stopped' || task.stoppedAt === undefined) return null;
  return { calledAt: call.date, stoppedAt: task.stoppedAt };
}
