// The analysis of a shift step (docs/design/traffic.md, "Step"), pure: where its measurements' windows lie, what one
// measurement says against the thresholds, and what the step's measurements so far decide. One measurement is one
// interval of the AWS side's target group from CloudWatch (AWS/ApplicationELB): the 5xx share of its requests, its
// mean response time, its healthy targets at their lowest and unhealthy ones at their highest. The shift, the views
// and the evidence read these verdicts; nothing else judges a step.
import type { MEASUREMENT_VERDICTS } from '../../../common/tracks/traffic';
import type { Analysis } from './plan-schema';

/** One interval's numbers; null where CloudWatch had no datapoint. */
export interface Measurement {
  /** ISO instants on the data clock: [from, to). */
  readonly from: string;
  readonly to: string;
  readonly requests: number | null;
  readonly errors5xx: number | null;
  readonly responseTimeMs: number | null;
  readonly healthyMin: number | null;
  readonly unhealthyMax: number | null;
}

export type MeasurementVerdict = (typeof MEASUREMENT_VERDICTS)[number];

export interface JudgedMeasurement extends Measurement {
  readonly verdict: MeasurementVerdict;
  /** 5xx in percent of requests, when there were requests. */
  readonly errorPercent: number | null;
  /** Why it failed or decided nothing, each with its number and threshold; empty when it passed. */
  readonly reasons: readonly string[];
}

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

/** One measurement against the thresholds. Health is judged even when there were too few requests to judge rates. */
export function judgeMeasurement(measurement: Measurement, analysis: Omit<Analysis, 'intervalSeconds' | 'failureLimit'>): JudgedMeasurement {
  const failures: string[] = [];
  const undecided: string[] = [];
  if (measurement.healthyMin === null) undecided.push('no healthy-host count from CloudWatch');
  else if (measurement.healthyMin < analysis.minHealthyHosts)
    failures.push(
      `${measurement.healthyMin} healthy AWS target${measurement.healthyMin === 1 ? '' : 's'} at the lowest, below the minimum ${analysis.minHealthyHosts}`,
    );
  if (measurement.unhealthyMax !== null && measurement.unhealthyMax > analysis.maxUnhealthyHosts)
    failures.push(
      `${measurement.unhealthyMax} unhealthy AWS target${measurement.unhealthyMax === 1 ? '' : 's'}, above the maximum ${analysis.maxUnhealthyHosts}`,
    );

  const requests = measurement.requests ?? 0;
  const errorPercent = requests > 0 ? round(((measurement.errors5xx ?? 0) / requests) * 100) : null;
  if (requests < analysis.minRequests || requests === 0) {
    undecided.push(`${count(requests)} request${requests === 1 ? '' : 's'} to AWS, fewer than the ${count(Math.max(analysis.minRequests, 1))} a rate needs`);
  } else {
    if (errorPercent !== null && errorPercent > analysis.max5xxPercent)
      failures.push(`5xx ${errorPercent} % of ${count(requests)} requests, above the maximum ${analysis.max5xxPercent} %`);
    if (measurement.responseTimeMs !== null && measurement.responseTimeMs > analysis.maxResponseTimeMs)
      failures.push(`mean response time ${Math.round(measurement.responseTimeMs)} ms, above the maximum ${analysis.maxResponseTimeMs} ms`);
  }
  if (failures.length > 0) return { ...measurement, errorPercent, verdict: 'fail', reasons: failures };
  if (undecided.length > 0) return { ...measurement, errorPercent, verdict: 'inconclusive', reasons: undecided };
  return { ...measurement, errorPercent, verdict: 'pass', reasons: [] };
}

/**
 * The windows of a step's measurements: whole intervals from the first minute boundary at or after the weights were
 * in sync (a minute that began before holds the previous step's requests), as many as the pause holds, at least one
 * when there is a pause. So a step lasts its pause plus up to a minute to that boundary, plus CloudWatch's lag.
 */
export function measurementWindows(inSyncAt: number, pauseSeconds: number, intervalSeconds: number): { from: number; to: number }[] {
  if (pauseSeconds <= 0) return [];
  const interval = intervalSeconds * 1000;
  const start = Math.ceil(inSyncAt / 60_000) * 60_000;
  const count = Math.max(1, Math.floor((pauseSeconds * 1000) / interval));
  return Array.from({ length: count }, (_, i) => ({ from: start + i * interval, to: start + (i + 1) * interval }));
}

export type StepDecision =
  | { readonly kind: 'continue' }
  | { readonly kind: 'promote'; readonly why: string }
  | { readonly kind: 'abort'; readonly why: string }
  | { readonly kind: 'await-operator'; readonly why: string };

/** What the step's judged measurements decide, per service; `complete` once every window was read. */
export function decideStep(
  byService: ReadonlyMap<string, readonly JudgedMeasurement[]>,
  failureLimit: number,
  windows: number,
  complete: boolean,
): StepDecision {
  for (const [service, measurements] of byService) {
    const failed = measurements.filter((measurement) => measurement.verdict === 'fail');
    if (failed.length > failureLimit) {
      const last = failed[failed.length - 1]!;
      return {
        kind: 'abort',
        why: `${service}: ${failed.length} failed measurement${failed.length === 1 ? '' : 's'} (the limit is ${failureLimit}); the last, ${window(last)}: ${last.reasons.join('; ')}`,
      };
    }
  }
  if (!complete) return { kind: 'continue' };
  if (windows === 0) return { kind: 'promote', why: 'no pause: promoted without analysis' };
  // A step promotes on evidence: a service none of whose measurements passed waits for the operator.
  for (const [service, measurements] of byService) {
    if (measurements.length === 0 || measurements.some((measurement) => measurement.verdict === 'pass')) continue;
    const failed = measurements.filter((measurement) => measurement.verdict === 'fail').length;
    return {
      kind: 'await-operator',
      why:
        failed === 0
          ? `${service}: every measurement was inconclusive (${measurements[measurements.length - 1]!.reasons.join('; ')}): promote or abort`
          : `${service}: no measurement passed (${failed} failed, within the limit; ${measurements.length - failed} inconclusive): promote or abort`,
    };
  }
  const counts = [...byService.values()].flat();
  const passed = counts.filter((measurement) => measurement.verdict === 'pass').length;
  return {
    kind: 'promote',
    why: `analysis passed: ${passed} of ${counts.length} measurement${counts.length === 1 ? '' : 's'} passed, none beyond the failure limit`,
  };
}

/** "02:14:00–02:15:00 UTC on the data clock": a window's times, which are the data clock's (a moved rehearsal clock reads apart from the runbook's). */
function window(measurement: Pick<Measurement, 'from' | 'to'>): string {
  return `${measurement.from.slice(11, 19)}–${measurement.to.slice(11, 19)} UTC on the data clock`;
}

/** 1500 → "1,500". */
const count = (value: number) => value.toLocaleString('en-US');
