// The slot ledger of one job: which side ran each slot of its schedule. The one truth the alerts (double run, missed
// run, failures, throttles, duplicate deliveries), the gate, the handover's watch of the first slot, the views and the
// evidence read. Pure: the monitor feeds it what it observed and the time.
//
// The slots are the AWS side's (the schedule that owns the job once it moved), expanded in its zone. Attribution:
// - a data-center run (timer-started) serves the latest slot at or before its start (60 s of clock skew allowed) when it
//   started within the job's tolerance of it; a run started by a user serves none;
// - AWS invocations are known by the minute (AWS/Lambda Invocations, Errors, Throttles by FunctionName: CloudWatch has no
//   per-invocation read); a minute's counts serve the latest slot at or before the minute's end when the minute starts
//   within the AWS window of it: the tolerance, the flexible window and the function's timeout (an invocation is
//   counted when it ends). A later minute serves the slot it follows, if any: with a flexible window or retries longer
//   than the slots' interval, runs can no longer be told apart by slot (the plan check warns about such a job).
// A slot is judged once its window has closed and the metrics of its last minute had time to arrive (METRIC_LAG_MS):
// until then it is `open` (unless a side ran it: a run found is final); after it, `missed` when no side ran it.
import type { SlotVerdict } from '../../../../common/tracks/schedules';

/** CloudWatch publishes a minute once it is over, and late: a slot waits this long past its window before a verdict. */
export const METRIC_LAG_MS = 3 * 60_000;
/** A DC scheduler's clock may run a little ahead of the slot: a run starting this much before a slot serves it. */
export const DC_SKEW_MS = 60_000;
const MINUTE_MS = 60_000;

export interface DcRunSeen {
  /** Start (epoch ms, data clock). */
  readonly startedAt: number;
  readonly building: boolean;
  readonly result: string | null;
  readonly cause: 'timer' | 'user' | 'unknown';
}

export interface AwsMinute {
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
}

export interface SlotRules {
  /** How far after a slot a DC run may start and still serve it (ms). */
  readonly toleranceMs: number;
  /** How far after a slot an invocation may be counted and still serve it (ms): tolerance + flexible window + timeout. */
  readonly awsWindowMs: number;
}

export interface SlotJudgement {
  readonly at: number;
  readonly dcRuns: number;
  /** The newest DC run's result (null while it runs or when none). */
  readonly dcResult: string | null;
  readonly awsRuns: number;
  readonly awsErrors: number;
  readonly awsThrottles: number;
  readonly verdict: SlotVerdict;
  /** The verdict cannot change any more (past its window and the metrics' lag, or a side ran it). */
  readonly final: boolean;
}

/** The AWS window of a job: its tolerance, its flexible window and its function's timeout (plus the minute it ends in). */
export function awsWindowMs(toleranceSeconds: number, flexibleWindowMinutes: number, timeoutSeconds: number): number {
  return (toleranceSeconds + flexibleWindowMinutes * 60 + timeoutSeconds) * 1000 + MINUTE_MS;
}

/** How long after a slot its verdict waits: the longer of the two sides' windows, and CloudWatch's lag. */
export function slotClosesAfterMs(rules: SlotRules): number {
  return Math.max(rules.toleranceMs, rules.awsWindowMs) + METRIC_LAG_MS;
}

/** The index of the latest slot at or before `t`, or -1 (slots ascending). */
function latestAtOrBefore(slots: readonly number[], t: number): number {
  let low = 0;
  let high = slots.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (slots[middle]! <= t) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * Judges `slots` (ascending epoch ms) at `now` from the DC runs and the AWS minutes (epoch ms of each minute's start).
 * Runs and minutes that serve no listed slot are ignored.
 */
export function judgeSlots(
  slots: readonly number[],
  dcRuns: readonly DcRunSeen[],
  awsMinutes: ReadonlyMap<number, AwsMinute>,
  rules: SlotRules,
  now: number,
): SlotJudgement[] {
  const dc = slots.map(() => ({ runs: 0, newest: -Infinity, result: null as string | null }));
  for (const run of dcRuns) {
    if (run.cause === 'user') continue;
    const index = latestAtOrBefore(slots, run.startedAt + DC_SKEW_MS);
    if (index < 0 || run.startedAt - slots[index]! > rules.toleranceMs) continue;
    const entry = dc[index]!;
    entry.runs += 1;
    if (run.startedAt >= entry.newest) {
      entry.newest = run.startedAt;
      entry.result = run.building ? null : run.result;
    }
  }
  const aws = slots.map(() => ({ runs: 0, errors: 0, throttles: 0 }));
  for (const [minute, counts] of awsMinutes) {
    const index = latestAtOrBefore(slots, minute + MINUTE_MS - 1);
    if (index < 0 || minute - slots[index]! > rules.awsWindowMs) continue;
    const entry = aws[index]!;
    entry.runs += counts.invocations;
    entry.errors += counts.errors;
    entry.throttles += counts.throttles;
  }
  const closesAfter = slotClosesAfterMs(rules);
  return slots.map((at, i) => {
    const d = dc[i]!;
    const a = aws[i]!;
    const closed = now >= at + closesAfter;
    let verdict: SlotVerdict;
    if (at > now) verdict = 'upcoming';
    else if (d.runs > 0 && a.runs > 0) verdict = 'double';
    else if (d.runs > 0) verdict = 'dc';
    else if (a.runs > 0) verdict = 'aws';
    else verdict = closed ? 'missed' : 'open';
    return {
      at,
      dcRuns: d.runs,
      dcResult: d.result,
      awsRuns: a.runs,
      awsErrors: a.errors,
      awsThrottles: a.throttles,
      verdict,
      // A double run is final at once; a single side's run may still meet the other's within the window.
      final: verdict === 'double' || (verdict !== 'upcoming' && closed),
    };
  });
}

/** The slot a run starting at `t` on the DC side would serve (epoch ms), or undefined. */
export function slotServedBy(slots: readonly number[], t: number, toleranceMs: number): number | undefined {
  const index = latestAtOrBefore(slots, t + DC_SKEW_MS);
  return index >= 0 && t - slots[index]! <= toleranceMs ? slots[index] : undefined;
}
