import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { awsCaller, CallLedger } from '../../../monitoring/aws-call';
import type { KeyspacesReadApi } from './clients';
import { readPlacement, type PlacementWork } from './cycle-reads';
import { floorCalls } from './poll-planner';

const SCRAPE = 'zdm_proxy_failed_writes_total{failed_on="target"} 3\nzdm_proxy_failed_writes_total{failed_on="origin"} 0\n';

function fakeApi(options: { failJob?: string; pages?: number } = {}): KeyspacesReadApi & { queries: MetricDataQuery[][] } {
  const queries: MetricDataQuery[][] = [];
  return {
    queries,
    async getMetricData({ queries: batch, nextToken }) {
      queries.push(batch);
      const page = Number(nextToken ?? 0);
      const last = page + 1 >= (options.pages ?? 1);
      return {
        results: batch.map((query) => ({ Id: query.Id, Timestamps: [new Date(60_000 * (page + 1))], Values: [page + 1] })),
        ...(last ? {} : { nextToken: String(page + 1) }),
      };
    },
    async getJobRuns(job) {
      if (job === options.failJob) throw Object.assign(new Error('Rate exceeded'), { name: 'AccessDeniedException' });
      return job === 'never-ran'
        ? []
        : [
            { Id: 'jr_old', JobRunState: 'FAILED', StartedOn: new Date(1000) },
            { Id: 'jr_new', JobRunState: 'RUNNING', StartedOn: new Date(5000) },
          ];
    },
    startJobRun: async () => 'jr_x',
    close: () => undefined,
  };
}

const WORK: PlacementWork = {
  tables: [
    { keyspace: 'orders', table: 'orders' },
    { keyspace: 'orders', table: 'order_items' },
  ],
  jobs: ['orders-load', 'never-ran'],
  // The newest run of orders-load is running: its records are read in the same cycle.
  runsToRead: (jobRuns) => ({
    runs: jobRuns.get('orders-load') && 'Id' in jobRuns.get('orders-load')! ? [{ jobName: 'orders-load', runId: 'jr_new' }] : [],
    since: Infinity,
  }),
  proxies: [
    { key: 'apps/app1', url: 'http://proxy-1/metrics' },
    { key: 'apps/app2', url: 'http://proxy-2/metrics' },
  ],
  since: 0,
  now: 600_000,
};

describe('one placement’s cycle reads', () => {
  it('reads everything in the floor’s calls and folds the answers by table, run, job and proxy', async () => {
    const ledger = new CallLedger();
    const api = fakeApi();
    const read = await readPlacement(api, awsCaller(ledger, new AbortController().signal), WORK, async (url) => {
      if (url.includes('proxy-2')) throw new Error('connect ECONNREFUSED');
      return SCRAPE;
    });
    expect(ledger.calls).toEqual(floorCalls({ tables: 2, jobs: 2, runningJobRuns: 1, proxies: 2 }));
    expect(api.queries[0]).toHaveLength(13);
    expect(read.tableMetrics.get('orders.orders')?.get('WriteThrottleEvents')).toEqual({ timestamps: [60_000], values: [1] });
    expect(read.runRecords.get('jr_new')).toEqual({ timestamps: [60_000], values: [1] });
    expect(read.jobRuns.get('orders-load')).toMatchObject({ Id: 'jr_new', JobRunState: 'RUNNING' });
    expect(read.jobRuns.get('never-ran')).toBeNull();
    expect(read.proxies.get('apps/app1')).toMatchObject({ failedWrites: { target: 3 } });
    expect(read.proxies.get('apps/app2')).toEqual({ problem: "the proxy's metrics at http://proxy-2/metrics could not be read: connect ECONNREFUSED" });
    expect(read.failures).toEqual([]);
  });

  it('never shows or sends credentials a proxy URL carries', async () => {
    const read = await readPlacement(fakeApi(), awsCaller(new CallLedger(), new AbortController().signal), {
      ...WORK,
      proxies: [{ key: 'apps/app1', url: 'http://admin:canary-proxy-secret@127.0.0.1:1/metrics' }],
    });
    const problem = read.proxies.get('apps/app1');
    expect(problem).toEqual({ problem: "the proxy's metrics at http://127.0.0.1:1/metrics could not be read: the URL carries credentials; they are not sent" });
    expect(JSON.stringify(problem)).not.toContain('canary-proxy-secret');
  });

  it('follows GetMetricData pages and settles a failed read without losing the others', async () => {
    const ledger = new CallLedger();
    const read = await readPlacement(
      fakeApi({ failJob: 'orders-load', pages: 3 }),
      awsCaller(ledger, new AbortController().signal, { maxAttempts: 1 }),
      WORK,
      async () => SCRAPE,
    );
    expect(ledger.calls.GetMetricData).toBe(3);
    expect(read.tableMetrics.get('orders.order_items')?.get('SystemErrors')).toEqual({ timestamps: [60_000, 120_000, 180_000], values: [1, 2, 3] });
    expect(read.failures).toHaveLength(1);
    expect(read.jobRuns.get('orders-load')).toEqual({ problem: 'Rate exceeded' });
    expect(read.jobRuns.get('never-ran')).toBeNull();
  });
});
