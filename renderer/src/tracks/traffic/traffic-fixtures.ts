// Traffic views for the track's tests, on the demo-like plan (store/test-fixtures.ts) at 02:13:03 UTC on the data
// clock: wave w1 (Pilot) shifts two services step by step [5, 25, 50, 100] % with 5-minute pauses — shop.example.com
// of apps/app1 on a Route 53 split (no data-center metrics), api.example.com of apps/app2 on an ALB split (both sides
// measured, one AWS target unhealthy) — at step 2 (25 %), analysing, its second measurement of the ALB service failed
// (5xx 2 %, one unhealthy target); the operator paused and resumed step 1. Wave w2's apps/app3 is not deployed yet.
// Beside it, the same shift aborted (weights back to 0 %, in sync) and failed (not in sync), and the monitor's status.
// traffic-fixtures.test.ts parses every one with the contract's schemas, so they cannot drift from it.
import type { MonitorStatusView } from '../../../../main/api/contract';
import type { ServiceMinute, ServiceView, ShiftView, TargetHealthView } from '../../../../main/tracks/traffic/contract';

type Measurement = ShiftView['stepRecords'][number]['measurements'][string][number];
type StepRecord = ShiftView['stepRecords'][number];
type Thresholds = ShiftView['services'][number]['thresholds'];

/** The data clock when the monitor last cycled. */
export const NOW = '2026-12-05T02:13:03.000Z';

export const THRESHOLDS: Thresholds = { max5xxPercent: 1, maxResponseTimeMs: 800, minHealthyHosts: 1, maxUnhealthyHosts: 0, minRequests: 20 };

const MINUTE = 60_000;
const at = (iso: string, minutes = 0) => new Date(Date.parse(iso) + minutes * MINUTE).toISOString();

/** The share AWS had in the minute starting at `ms` (the shift's writes at 02:00:00 and 02:08:05, in sync ~40 s later). */
function shareAt(ms: number): number {
  if (ms >= Date.parse('2026-12-05T02:09:00.000Z')) return 25;
  if (ms >= Date.parse('2026-12-05T02:01:00.000Z')) return 5;
  return 0;
}

/** The hour of minutes up to 02:12 (the monitor's last read), for a demand of `perMinute` requests. */
function minutesOf(perMinute: number, measuredDc: boolean, errorsAt: Readonly<Record<string, number>> = {}): ServiceMinute[] {
  const start = Date.parse('2026-12-05T01:13:00.000Z');
  return Array.from({ length: 60 }, (_, index) => {
    const ms = start + index * MINUTE;
    const iso = new Date(ms).toISOString();
    const awsRequests = Math.round((perMinute * shareAt(ms)) / 100);
    // CloudWatch has no datapoint for a target group that received nothing.
    const aws =
      awsRequests > 0
        ? { requests: awsRequests, errors5xx: errorsAt[iso] ?? 0, responseTimeMs: 110 + (index % 5) * 5 }
        : { requests: null, errors5xx: null, responseTimeMs: null };
    const dc = measuredDc ? { requests: perMinute - awsRequests, errors5xx: 0, responseTimeMs: 180 + (index % 3) * 10 } : null;
    return { at: iso, aws, dc };
  });
}

function health(fields: Partial<TargetHealthView> & Pick<TargetHealthView, 'targets'>): TargetHealthView {
  const { targets } = fields;
  return {
    healthy: targets.filter((target) => target.state === 'healthy').length,
    unhealthy: targets.filter((target) => target.state === 'unhealthy').length,
    other: targets.filter((target) => target.state !== 'healthy' && target.state !== 'unhealthy').length,
    ...fields,
  };
}

const HISTORY = [
  { at: '2026-12-05T01:10:00.000Z', dc: 100, aws: 0 },
  { at: '2026-12-05T02:00:00.000Z', dc: 95, aws: 5 },
  { at: '2026-12-05T02:08:05.000Z', dc: 75, aws: 25 },
];

/** A service of the plan at 25 % to AWS, read at 02:13:03, unless given otherwise. */
export function serviceView(stackId: string, service: string, waveId: string | null, fields: Partial<ServiceView> = {}): ServiceView {
  return {
    stackId,
    waveId,
    service,
    split: 'route53',
    weights: { dc: 75, aws: 25 },
    awsPercent: 25,
    plannedPercent: 25,
    change: null,
    weightHistory: HISTORY,
    targets: { aws: null, dc: null },
    minutes: [],
    thresholds: THRESHOLDS,
    checkedAt: NOW,
    problem: null,
    ...fields,
  };
}

/** apps/app1: a Route 53 split, its last change in sync; the data center's requests are not in CloudWatch. */
export const shop: ServiceView = serviceView('apps/app1', 'shop.example.com', 'w1', {
  split: 'route53',
  change: { id: 'C04213742ABCDEF1GHIJ', status: 'INSYNC', submittedAt: '2026-12-05T02:08:05.000Z' },
  targets: {
    aws: health({
      targets: [
        { id: 'i-0a1b2c3d4e5f60001', port: 80, state: 'healthy', reason: null },
        { id: 'i-0a1b2c3d4e5f60002', port: 80, state: 'healthy', reason: null },
      ],
    }),
    dc: null,
  },
  minutes: minutesOf(1200, false),
});

/** apps/app2: an ALB split, both sides measured; one AWS target failing its health checks, 5xx at 02:10. */
export const api: ServiceView = serviceView('apps/app2', 'api.example.com', 'w1', {
  split: 'alb',
  targets: {
    aws: health({
      targets: [
        { id: '10.20.3.12', port: 8080, state: 'healthy', reason: null },
        { id: '10.20.3.13', port: 8080, state: 'healthy', reason: null },
        { id: '10.20.3.14', port: 8080, state: 'unhealthy', reason: 'Health checks failed with these codes: [502]' },
      ],
    }),
    dc: health({
      targets: [
        { id: '172.20.7.11', port: 443, state: 'healthy', reason: null },
        { id: '172.20.7.12', port: 443, state: 'draining', reason: 'Target deregistration is in progress' },
      ],
    }),
  },
  minutes: minutesOf(600, true, { '2026-12-05T02:10:00.000Z': 3 }),
});

/** apps/app3: its stack not deployed yet (no trafficResources output). */
export const billing: ServiceView = serviceView('apps/app3', 'billing.example.com', 'w2', {
  weights: null,
  awsPercent: null,
  plannedPercent: 0,
  weightHistory: [],
  checkedAt: null,
  problem: 'stack apps/app3 has no trafficResources output yet: deploy it (its load balancer and records come with its first deploy)',
});

export const SERVICES: readonly ServiceView[] = [shop, api, billing];

/** A judged measurement of the minute from `from`; passing with the fields given unless they say otherwise. */
export function measurement(from: string, fields: Partial<Measurement> = {}): Measurement {
  const requests = fields.requests === undefined ? 300 : fields.requests;
  const errors5xx = fields.errors5xx === undefined ? 0 : fields.errors5xx;
  return {
    from,
    to: at(from, 1),
    requests,
    errors5xx,
    responseTimeMs: 120,
    healthyMin: 2,
    unhealthyMax: 0,
    verdict: 'pass',
    errorPercent: requests !== null && requests > 0 ? Math.round(((errors5xx ?? 0) / requests) * 10_000) / 100 : null,
    reasons: [],
    ...fields,
  };
}

const windows = (first: string, count: number) => Array.from({ length: count }, (_, index) => ({ from: at(first, index), to: at(first, index + 1) }));

const STEP_1: StepRecord = {
  step: 1,
  percent: 5,
  pauseSeconds: 300,
  appliedAt: '2026-12-05T02:00:00.000Z',
  inSyncAt: '2026-12-05T02:00:40.000Z',
  writes: [
    { stackId: 'apps/app1', before: { dc: 100, aws: 0 }, after: { dc: 95, aws: 5 }, changeId: 'C01ABCDEF0000000001' },
    { stackId: 'apps/app2', before: { dc: 100, aws: 0 }, after: { dc: 95, aws: 5 }, changeId: null },
  ],
  measurements: {
    'apps/app1': windows('2026-12-05T02:01:00.000Z', 5).map((window) => measurement(window.from, { requests: 60 })),
    'apps/app2': windows('2026-12-05T02:01:00.000Z', 5).map((window) => measurement(window.from, { requests: 30 })),
  },
  windows: windows('2026-12-05T02:01:00.000Z', 5),
  decision: 'promoted',
  decidedBy: 'analysis',
  why: 'analysis passed: 10 of 10 measurements passed, none beyond the failure limit',
  decidedAt: '2026-12-05T02:08:05.000Z',
};

const STEP_2: StepRecord = {
  step: 2,
  percent: 25,
  pauseSeconds: 300,
  appliedAt: '2026-12-05T02:08:05.000Z',
  inSyncAt: '2026-12-05T02:08:45.000Z',
  writes: [
    { stackId: 'apps/app1', before: { dc: 95, aws: 5 }, after: { dc: 75, aws: 25 }, changeId: 'C04213742ABCDEF1GHIJ' },
    { stackId: 'apps/app2', before: { dc: 95, aws: 5 }, after: { dc: 75, aws: 25 }, changeId: null },
  ],
  measurements: {
    'apps/app1': [measurement('2026-12-05T02:09:00.000Z'), measurement('2026-12-05T02:10:00.000Z')],
    'apps/app2': [
      measurement('2026-12-05T02:09:00.000Z', { requests: 150 }),
      measurement('2026-12-05T02:10:00.000Z', {
        requests: 150,
        errors5xx: 3,
        responseTimeMs: 640,
        unhealthyMax: 1,
        verdict: 'fail',
        reasons: ['1 unhealthy AWS target, above the maximum 0', '5xx 2 % of 150 requests, above the maximum 1 %'],
      }),
    ],
  },
  windows: windows('2026-12-05T02:09:00.000Z', 5),
  decision: null,
  decidedBy: null,
  why: null,
  decidedAt: null,
};

/** Wave w1's shift at step 2 of 4, analysing; one failed measurement (the limit is 1). */
export const runningShift: ShiftView = {
  waveId: 'w1',
  runId: 'run-w1-1',
  stepId: 'shift',
  services: [
    { stackId: 'apps/app1', service: 'shop.example.com', thresholds: THRESHOLDS },
    { stackId: 'apps/app2', service: 'api.example.com', thresholds: THRESHOLDS },
  ],
  steps: [
    { percent: 5, pauseSeconds: 300 },
    { percent: 25, pauseSeconds: 300 },
    { percent: 50, pauseSeconds: 300 },
    { percent: 100, pauseSeconds: 300 },
  ],
  onFailure: 'zero',
  intervalSeconds: 60,
  failureLimit: 1,
  startedAt: '2026-12-05T02:00:00.000Z',
  fromPercent: 0,
  state: 'analysing',
  percent: 25,
  stepRecords: [STEP_1, STEP_2],
  operator: [
    { at: '2026-12-05T02:03:10.000Z', by: 'ops@host', what: 'pause', reason: null, step: 1 },
    { at: '2026-12-05T02:05:30.000Z', by: 'ops@host', what: 'resume', reason: 'checked the 5xx dashboards', step: 1 },
  ],
  abort: null,
  message: null,
  endedAt: null,
};

const ABORT_WHY =
  'api.example.com: 2 failed measurements (the limit is 1); the last, 02:11:00–02:12:00 UTC on the data clock: 5xx 2.5 % of 160 requests, above the maximum 1 %';

/** The same shift aborted by its analysis at step 2: every service back to 0 %, in sync. */
export const abortedShift: ShiftView = {
  ...runningShift,
  state: 'aborted',
  percent: 0,
  stepRecords: [
    STEP_1,
    {
      ...STEP_2,
      measurements: {
        ...STEP_2.measurements,
        'apps/app2': [
          ...STEP_2.measurements['apps/app2']!,
          measurement('2026-12-05T02:11:00.000Z', {
            requests: 160,
            errors5xx: 4,
            verdict: 'fail',
            reasons: ['5xx 2.5 % of 160 requests, above the maximum 1 %'],
          }),
        ],
      },
      decision: 'aborted',
      decidedBy: 'analysis',
      why: ABORT_WHY,
      decidedAt: '2026-12-05T02:14:10.000Z',
    },
  ],
  abort: {
    to: 0,
    why: ABORT_WHY,
    by: 'analysis',
    at: '2026-12-05T02:14:10.000Z',
    writes: [
      { stackId: 'apps/app1', before: { dc: 75, aws: 25 }, after: { dc: 100, aws: 0 }, changeId: 'C0ABORT00000000000001' },
      { stackId: 'apps/app2', before: { dc: 75, aws: 25 }, after: { dc: 100, aws: 0 }, changeId: null },
    ],
    inSync: true,
  },
  message: `aborted: ${ABORT_WHY}; weights back to 0 % to AWS (all users in the data center)`,
  endedAt: '2026-12-05T02:14:52.000Z',
};

/** The abort's Route 53 change never reached INSYNC: the shift failed. */
export const failedShift: ShiftView = {
  ...abortedShift,
  state: 'failed',
  abort: { ...abortedShift.abort!, inSync: false },
  message: `aborted (${ABORT_WHY}); the weights are written back to 0 % to AWS (all users in the data center) but not in sync: Route 53 change C0ABORT00000000000001 still PENDING after 300 s`,
};

/** The monitor's status, its data clock at 02:13:03 when the wall clock read it. */
export function trafficMonitor(rate = 1): MonitorStatusView {
  return {
    state: 'polling',
    target: 'rehearsal',
    intervalSeconds: 10,
    lastCycleAt: NOW,
    lastCycleMs: 42,
    lastCycleCalls: { ListResourceRecordSets: 1, DescribeListeners: 1, DescribeTargetHealth: 3, GetMetricData: 1 },
    message: null,
    dataClock: { at: NOW, wallAt: NOW, rate },
  };
}
