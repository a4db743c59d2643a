// Health views for the track's tests: a probed stack's view and the monitor's status, on a data clock at `rate`.
import type { MonitorStatusView } from '../../../../main/api/contract';
import type { HealthProbeView } from '../../../../main/tracks/health/contract';

export function probe(stackId: string, fields: Partial<HealthProbeView> = {}): HealthProbeView {
  return {
    stackId,
    url: `http://127.0.0.1:4566/_apps/${stackId}/healthz`,
    httpStatus: 200,
    ok: true,
    latencyMs: 12,
    checkedAt: '2026-12-05T02:00:03.000Z',
    healthySince: '2026-12-05T01:58:00.000Z',
    problem: null,
    ...fields,
  };
}

/** The monitor's status, its data clock at `2026-12-05T02:00:03Z` when the wall clock read `wallAt`. */
export function healthMonitor(rate = 1, wallAt = '2026-12-05T02:00:03.000Z'): MonitorStatusView {
  return {
    state: 'polling',
    target: 'rehearsal',
    intervalSeconds: 5,
    lastCycleAt: '2026-12-05T02:00:03.000Z',
    lastCycleMs: 14,
    lastCycleCalls: { GET: 1 },
    message: null,
    dataClock: { at: '2026-12-05T02:00:03.000Z', wallAt, rate },
  };
}
