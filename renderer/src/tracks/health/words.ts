// A probed stack's health in words, at a given wall time: pure, so the section's words are tested without a store.
// A check counts as current for three of the monitor's cycles, measured on the data clock the monitor reports (an
// accelerated rehearsal's runs ahead of the wall clock); an older one is stale and never reads healthy.
import type { MonitorStatusView } from '../../../../main/api/contract';
import type { HealthProbeView } from '../../../../main/tracks/health/contract';
import { dataNow } from '../../lib/readiness';

export type HealthStatus = 'healthy' | 'failing' | 'stale' | 'not-probed' | 'no-url';

export const HEALTH_STATUS_WORDS: Readonly<Record<HealthStatus, string>> = {
  healthy: 'Healthy',
  failing: 'Failing',
  stale: 'Stale',
  'not-probed': 'Not probed yet',
  'no-url': 'No URL yet',
};

/** The pill's tone (the gate pill's data-gate): red only for a failing probe, never green unless current and healthy. */
export const HEALTH_STATUS_TONE: Readonly<Record<HealthStatus, 'green' | 'red' | 'unknown' | 'neutral'>> = {
  healthy: 'green',
  failing: 'red',
  stale: 'unknown',
  'not-probed': 'neutral',
  'no-url': 'neutral',
};

/** Monitor cycles a check stays current for. */
export const CURRENT_FOR_CYCLES = 3;

export interface HealthJudgement {
  readonly status: HealthStatus;
  /** The last check's age on the data clock (ms), or null without one or without the monitor's clock. */
  readonly ageMs: number | null;
}

/** The probe's status at wall time `wallNow`, with the monitor's status dating its last check. */
export function judgeHealth(probe: HealthProbeView, monitor: MonitorStatusView | null, wallNow: number): HealthJudgement {
  if (probe.url === null) return { status: 'no-url', ageMs: null };
  const checkedAt = probe.checkedAt === null ? NaN : Date.parse(probe.checkedAt);
  if (!Number.isFinite(checkedAt)) return { status: 'not-probed', ageMs: null };
  // Without the monitor's status there is no interval to date the check by: it cannot be told current.
  if (!monitor || monitor.intervalSeconds <= 0) return { status: 'stale', ageMs: null };
  const ageMs = Math.max(0, dataNow(monitor.dataClock, wallNow) - checkedAt);
  const rate = monitor.dataClock?.rate ?? 1;
  if (ageMs > CURRENT_FOR_CYCLES * monitor.intervalSeconds * rate * 1000) return { status: 'stale', ageMs };
  return { status: probe.ok ? 'healthy' : 'failing', ageMs };
}

/** The HTTP line: the status and whether it is the expected one (the probe's `ok`), or why there is none. */
export function httpStatusText(probe: HealthProbeView): string {
  if (probe.httpStatus === null) return 'no response';
  return probe.ok ? `${probe.httpStatus}, the expected status` : `${probe.httpStatus}, not the expected status`;
}
