import type { JobRun } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import type { KeyspacesReadApi } from './clients';
import { KeyspacesMonitor, type MovingStack } from './keyspaces-monitor';

const MINUTE = 60_000;

/** A stand-in AWS: throttle events per minute by table, a job's runs, and records read per run. */
function fakeAws(state: {
  throttles: Map<string, Map<number, number>>;
  run: { Id: string; JobRunState: string; StartedOn: Date; ErrorMessage?: string } | null;
  records: number;
}) {
  const calls: string[] = [];
  const api: KeyspacesReadApi = {
    async getMetricData({ queries }) {
      calls.push('GetMetricData');
      return {
        results: queries.map((query) => {
          const dims = new Map((query.MetricStat?.Metric?.Dimensions ?? []).map((d) => [d.Name, d.Value]));
          const metric = query.MetricStat?.Metric?.MetricName;
          if (metric === 'glue.driver.aggregate.recordsRead') return { Id: query.Id, Timestamps: [new Date(0)], Values: [state.records] };
          const points = metric === 'WriteThrottleEvents' ? state.throttles.get(`${dims.get('Keyspace')}.${dims.get('TableName')}`) : undefined;
          return { Id: query.Id, Timestamps: [...(points?.keys() ?? [])].map((at) => new Date(at)), Values: [...(points?.values() ?? [])] };
        }),
      };
    },
    async getJobRuns() {
      calls.push('GetJobRuns');
      return state.run ? [state.run as JobRun] : [];
    },
    startJobRun: async () => 'jr_1',
    close: () => undefined,
  };
  return { api, calls };
}

function scrape(failedTarget: number, writes: number): string {
  return [
    `zdm_proxy_failed_writes_total{failed_on="origin"} 0`,
    `zdm_proxy_failed_writes_total{failed_on="target"} ${failedTarget}`,
    `zdm_proxy_request_duration_seconds_sum{type="writes"} ${writes * 0.004}`,
    `zdm_proxy_request_duration_seconds_count{type="writes"} ${writes}`,
    '',
  ].join('\n');
}

const STACK: MovingStack = {
  stackId: 'apps/app1501',
  waveId: 'wave-15',
  placement: '',
  originKeyspace: 'orders',
  targetKeyspace: 'orders_aws',
  tables: ['orders', 'order_items'],
  job: { name: 'app1501-bulk-load' },
  proxy: { url: 'http://proxy/metrics' },
  rule: { holdSeconds: 300, maxThrottleEvents: 0, maxFailedWrites: 0 },
};

describe('the Keyspaces monitor', () => {
  it('folds a cycle into the stack’s view, and holds the dual writes clean only after the hold with nothing bad in it', async () => {
    let now = 10 * MINUTE;
    const state = { throttles: new Map<string, Map<number, number>>(), run: { Id: 'jr_1', JobRunState: 'RUNNING', StartedOn: new Date(0) }, records: 40_000 };
    const aws = fakeAws(state);
    let failedTarget = 0;
    let writes = 1000;
    let published: unknown[] = [];
    const monitor = new KeyspacesMonitor({
      stacks: () => [STACK],
      api: () => aws.api,
      clock: () => now,
      stop: new AbortController().signal,
      publish: (views) => (published = [...views]),
      fetchProxy: async () => scrape(failedTarget, writes),
    });
    const cycle = async () => {
      const outcome = await monitor.fetch();
      monitor.afterCycle();
      return outcome;
    };

    const first = await cycle();
    expect(first.failedCalls).toBe(0);
    expect(first.ledger.calls).toEqual({ GetMetricData: 1, GetJobRuns: 1, GET: 1 });
    let view = monitor.views()[0]!;
    expect(view.bulkLoad).toMatchObject({ jobName: 'app1501-bulk-load', runId: 'jr_1', state: 'RUNNING' });
    expect(view.dualWrite).toMatchObject({ clean: false, observedSince: new Date(10 * MINUTE).toISOString(), holdEndsAt: new Date(15 * MINUTE).toISOString() });
    expect(monitor.activity()).toBe('fast');

    // The run is known running now: its records are read too.
    now += MINUTE;
    writes += 600;
    await cycle();
    view = monitor.views()[0]!;
    expect(view.bulkLoad.recordsRead).toBe(40_000);
    expect(view.proxy).toMatchObject({ writesPerSecond: 10, writeLatencyMs: 4, failedWritesTarget: 0 });

    // Failed writes on the target and a throttle spike push the hold's end out.
    now += MINUTE;
    failedTarget = 3;
    state.throttles.set('orders_aws.order_items', new Map([[11 * MINUTE, 7]]));
    await cycle();
    view = monitor.views()[0]!;
    expect(view.proxy.failedWritesTarget).toBe(3);
    expect(view.dualWrite).toMatchObject({ clean: false, failedWritesInHold: 3, throttleEventsInHold: 7, holdEndsAt: new Date(17 * MINUTE).toISOString() });
    expect(view.tables.find((table) => table.table === 'order_items')).toMatchObject({ writeThrottleEvents: 7, minute: new Date(11 * MINUTE).toISOString() });

    // Five quiet minutes later the bad events left the window: clean.
    state.run = { ...state.run, JobRunState: 'SUCCEEDED' };
    now = 17 * MINUTE;
    await cycle();
    view = monitor.views()[0]!;
    expect(view.dualWrite).toMatchObject({ clean: true, failedWritesInHold: 0, throttleEventsInHold: 0 });
    expect(view.bulkLoad.state).toBe('SUCCEEDED');
    expect(monitor.activity()).toBe('normal');
    expect(published).toHaveLength(1);
  });

  it('says why a job or a proxy is not known, and restarts the hold after the proxy could not be read', async () => {
    let now = 0;
    let proxyUp = true;
    const aws = fakeAws({ throttles: new Map(), run: null, records: 0 });
    const monitor = new KeyspacesMonitor({
      stacks: () => [STACK, { ...STACK, stackId: 'apps/app1502', job: { problem: "the stack has no output 'bulkLoadJobName' yet: deploy it first" } }],
      api: () => aws.api,
      clock: () => now,
      stop: new AbortController().signal,
      publish: () => undefined,
      fetchProxy: async () => {
        if (!proxyUp) throw new Error('connect ECONNREFUSED');
        return scrape(0, 10);
      },
    });
    await monitor.fetch();
    now = 4 * MINUTE;
    proxyUp = false;
    await monitor.fetch();
    now = 5 * MINUTE;
    proxyUp = true;
    await monitor.fetch();
    const [one, two] = monitor.views();
    expect(one!.bulkLoad).toMatchObject({ jobName: 'app1501-bulk-load', state: null, problem: null });
    expect(two!.bulkLoad).toMatchObject({ jobName: null, problem: "the stack has no output 'bulkLoadJobName' yet: deploy it first" });
    expect(one!.dualWrite).toMatchObject({ clean: false, observedSince: new Date(5 * MINUTE).toISOString(), holdEndsAt: new Date(10 * MINUTE).toISOString() });
    expect(monitor.activity()).toBe('normal');
  });

  it('reads a run that ended before the first cycle from its start in that cycle, until its last minutes are in', async () => {
    let now = 30 * MINUTE;
    const state = {
      throttles: new Map<string, Map<number, number>>(),
      run: { Id: 'jr_9', JobRunState: 'SUCCEEDED', StartedOn: new Date(2 * MINUTE), CompletedOn: new Date(28 * MINUTE) },
      records: 2000,
    };
    const aws = fakeAws(state);
    const starts: number[] = [];
    const runQueries: number[] = [];
    const api = {
      ...aws.api,
      getMetricData: (input: Parameters<KeyspacesReadApi['getMetricData']>[0], signal: AbortSignal) => {
        starts.push(input.start.getTime());
        runQueries.push(input.queries.filter((query) => query.MetricStat?.Metric?.Namespace === 'Glue').length);
        return aws.api.getMetricData(input, signal);
      },
    };
    const monitor = new KeyspacesMonitor({
      stacks: () => [STACK],
      api: () => api,
      clock: () => now,
      stop: new AbortController().signal,
      publish: () => undefined,
      fetchProxy: async () => scrape(0, 10),
    });
    const first = await monitor.fetch();
    now += MINUTE;
    const second = await monitor.fetch();
    now += MINUTE;
    await monitor.fetch();
    // The run's state and its records come from one cycle: the first reads it from its start; its last minutes may
    // still arrive until 3 minutes after its end (28 min), so the second reads again; from the third its count is final.
    expect(starts[0]).toBe(2 * MINUTE);
    expect(runQueries).toEqual([1, 1, 0]);
    expect(monitor.views()[0]!.bulkLoad).toMatchObject({ state: 'SUCCEEDED', recordsRead: 2000 });
    expect(first.ledger.calls.GetMetricData).toBe(1);
    expect(second.ledger.calls.GetMetricData).toBe(1);
  });

  it('reports a placement it cannot call', async () => {
    const monitor = new KeyspacesMonitor({
      stacks: () => [STACK],
      api: () => ({ unavailable: 'the plan targets the rehearsal environment, but this cockpit has no rehearsal AWS endpoint' }),
      clock: () => 0,
      stop: new AbortController().signal,
      publish: () => undefined,
    });
    const outcome = await monitor.fetch();
    expect(outcome.problem).toMatch(/no rehearsal AWS endpoint/);
  });
});
