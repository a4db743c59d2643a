// A stack's health hold, pure: the endpoint counts as healthy once every probe for `healthyForSeconds` (on the
// data clock) answered as expected. One failed probe restarts the hold; a probe older than the stale limit, or
// none yet, leaves the gate unknown rather than green, as every gate on data that is not current.
import type { GateVerdict } from '../../seam/readiness-part';

export interface ProbeRecord {
  readonly ok: boolean;
  /** When the probe answered (data clock, ms). */
  readonly at: number;
  /** Why it failed, or null. */
  readonly problem: string | null;
}

/** What one stack's probes add up to; `record` folds the next probe in. */
export interface HealthHistory {
  readonly last: ProbeRecord | null;
  /** Since when (data clock, ms) every probe was healthy, or null while the last one failed or none came. */
  readonly healthySince: number | null;
}

export const NO_HISTORY: HealthHistory = Object.freeze({ last: null, healthySince: null });

export function record(history: HealthHistory, probe: ProbeRecord): HealthHistory {
  if (!probe.ok) return { last: probe, healthySince: null };
  return { last: probe, healthySince: history.healthySince ?? probe.at };
}

export interface HoldRule {
  readonly healthyForSeconds: number;
  /** A last probe older than this (data-clock ms) is not current. */
  readonly staleAfterMs: number;
}

const GREEN: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze([]), holdRemainingSeconds: null });

/** The health gate's verdict for one stack at `now` (data clock, ms). */
export function healthVerdict(history: HealthHistory, rule: HoldRule, now: number): GateVerdict {
  const last = history.last;
  if (last === null) return { status: 'unknown', reasons: ['no health probe has answered yet'], holdRemainingSeconds: null };
  if (now - last.at > rule.staleAfterMs)
    return { status: 'unknown', reasons: [`the last health probe is from ${clockText(last.at)}: not current`], holdRemainingSeconds: null };
  if (!last.ok)
    return { status: 'red', reasons: [`the health probe failed at ${clockText(last.at)}: ${last.problem ?? 'unexpected answer'}`], holdRemainingSeconds: null };
  const since = history.healthySince ?? last.at;
  const endsAt = since + rule.healthyForSeconds * 1000;
  if (now >= endsAt) return GREEN;
  const remaining = Math.ceil((endsAt - now) / 1000);
  return {
    status: 'red',
    reasons: [`healthy since ${clockText(since)}; the ${rule.healthyForSeconds} s hold ends at ${clockText(endsAt)}`],
    holdRemainingSeconds: remaining,
    holdEndsAt: new Date(endsAt).toISOString(),
  };
}

/** A time of the probes' data clock (a sped-up rehearsal's runs ahead of UTC), labelled as such in every reason. */
export function clockText(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC (data clock)`;
}
