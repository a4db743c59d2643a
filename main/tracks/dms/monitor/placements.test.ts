// The monitor across placements (accounts and regions): each placement read with its own API at its own call floor,
// a refused account marking only its own tasks stale with an alert, an expired session renewed within the cycle,
// and task control sent to the task's account.
import { afterEach, describe, expect, it } from 'vitest';
import type { CockpitEvent } from '../../../api/contract/events';
import { ReplicationMonitor } from './monitor';
import type { ReplicationApis } from './placement-apis';
import { floorCallsAcrossPlacements } from './poll-planner';
import { FakeAwsError, FakeReplicationApi } from './testing/fake-api';
import { testPlan, testTaskId } from './testing/plans';

const START = Date.UTC(2026, 11, 5, 0, 0, 0);

let monitors: ReplicationMonitor[] = [];
afterEach(async () => {
  await Promise.all(monitors.map((m) => m.close()));
  monitors = [];
});

/** Three tasks, one per stack: app0001 and app0002 in account a, app0003 in account b. */
function setup() {
  const apis = { a: new FakeReplicationApi(), b: new FakeReplicationApi() };
  apis.a.addTask(testTaskId(0));
  apis.a.addTask(testTaskId(1));
  apis.b.addTask(testTaskId(2));
  const renewed: string[] = [];
  /** What a renewal does to the fake AWS (a real one issues new credentials). */
  const onRenew = { do: (_placement: string) => undefined as void };
  const router: ReplicationApis = {
    placementOf: (stackId) => (stackId.endsWith('app0003') ? 'b' : 'a'),
    api: (placement) => apis[placement as 'a' | 'b'],
    forStack: (stackId) => router.api(router.placementOf(stackId)),
    whereOf: (placement) => ({ account: `account-${placement}`, region: 'eu-central-1' }),
    describe: (placement) => `account ${placement} (${placement === 'a' ? '222222222222' : '333333333333'}) in eu-central-1`,
    renew: async (placement) => {
      renewed.push(placement);
      onRenew.do(placement);
      return true;
    },
    close: () => undefined,
  };
  const events: CockpitEvent[] = [];
  const refusals: [string, string | null][] = [];
  const clock = { now: START };
  const monitor = new ReplicationMonitor({
    plan: testPlan({ tasks: 3 }),
    api: router,
    target: 'test',
    publish: (event) => events.push(event),
    stackOutputs: () => undefined,
    clock: () => clock.now,
    call: { timeoutMs: 200, backoffBaseMs: 1, backoffMaxMs: 5, maxAttempts: 2 },
    intervals: { fastMs: 1000, normalMs: 1000, idleMs: 1000, maxBackoffMs: 8000 },
    random: () => 0.5,
    onAccountRefusal: (account, problem) => refusals.push([account, problem]),
  });
  monitors.push(monitor);
  const cycle = async () => {
    clock.now += 5000;
    for (const api of Object.values(apis)) for (const key of Object.keys(api.calls)) delete api.calls[key];
    await monitor.refreshNow();
    return monitor.snapshot();
  };
  const view = (index: number) => monitor.snapshot().tasks.find((t) => t.taskId === testTaskId(index))!;
  const alerts = () => monitor.snapshot().alerts.filter((alert) => alert.kind === 'account-unreadable');
  return { apis, monitor, renewed, onRenew, cycle, view, alerts, events, refusals };
}

const described = (api: FakeReplicationApi) => api.calls.DescribeReplicationTasks ?? 0;
const metricCalls = (api: FakeReplicationApi) => api.calls.GetMetricData ?? 0;

describe('replication monitor across accounts', () => {
  it('reads each placement with its own API at its own floor', async () => {
    const { apis, cycle, view } = setup();
    await cycle();
    await cycle();
    // Steady state: Σ ceil(nᵢ/100) + ceil(nᵢ·k/500) over placements of 2 and 1 tasks.
    const calls = described(apis.a) + metricCalls(apis.a) + described(apis.b) + metricCalls(apis.b);
    expect(calls).toBe(floorCallsAcrossPlacements([2, 1], 5));
    expect([described(apis.a), described(apis.b)]).toEqual([1, 1]);
    for (const index of [0, 1, 2]) expect(view(index).freshness.stale).toBe(false);
    expect(view(2).phase).toBe('cdc');
  });

  it('marks only a refused account stale, alerts once for it, and keeps the cycle green for the others', async () => {
    const { apis, cycle, view, alerts, monitor, refusals } = setup();
    await cycle();
    apis.b.interceptor = () => {
      throw new FakeAwsError('AccessDeniedException', 'User is not authorized to perform: dms:DescribeReplicationTasks');
    };
    const snapshot = await cycle();
    expect(view(0).freshness.stale).toBe(false);
    expect(view(1).freshness.stale).toBe(false);
    const refused = view(2);
    expect(refused.freshness.stale).toBe(true);
    expect(refused.freshness.staleReason).toContain('account b (333333333333) in eu-central-1 cannot be read');
    expect(refused.freshness.staleReason).toContain('AccessDeniedException');
    // One failed account is not a failed cycle: the monitor is not backing off or degraded.
    expect(snapshot.monitor.state).toBe('polling');
    // ...but its status does not look all green: it names the account it cannot read.
    expect(snapshot.monitor.message).toBe('cannot read account b (333333333333) in eu-central-1: its tasks are stale');
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatchObject({ severity: 'critical', clearedAt: null });
    expect(alerts()[0]!.message).toContain('cannot read account b (333333333333)');
    expect(alerts()[0]!.message).toContain("the 1 task(s) it monitors there (every wave's) are stale");
    // The core hears it once, for the account, and again when it reads there again (below).
    expect(refusals).toEqual([['account-b', expect.stringMatching(/^the replication monitor cannot read it in eu-central-1: AccessDeniedException/)]]);
    // Stale data never counts green: the wave's gate does not pass on account b's held values.
    expect(monitor.snapshot().waves[0]!.status).not.toBe('green');

    apis.b.interceptor = () => undefined;
    await cycle();
    expect(view(2).freshness.stale).toBe(false);
    expect(alerts()[0]!.clearedAt).not.toBeNull();
    expect(refusals.at(-1)).toEqual(['account-b', null]);
    expect(refusals).toHaveLength(2);
  });

  it('with every account refused, the cycle fails as a whole', async () => {
    const { apis, cycle } = setup();
    for (const api of Object.values(apis))
      api.interceptor = () => {
        throw new FakeAwsError('AccessDeniedException', 'denied');
      };
    const snapshot = await cycle();
    // Refused credentials everywhere degrade the monitor at once (the sign-in itself is the likely problem).
    expect(snapshot.monitor.state).toBe('degraded');
    expect(snapshot.tasks.every((task) => task.freshness.stale)).toBe(true);
  });

  it('renews an expired session and reads the placement again in the same cycle, keeping its history', async () => {
    const { apis, cycle, view, renewed, onRenew, alerts, monitor } = setup();
    apis.b.task(testTaskId(2)).metrics.set('CDCLatencyTarget', [[START - 60_000, 3]]);
    await cycle();
    const before = monitor.historyOf(view(2).key).series.find((s) => s.metric === 'CDCLatencyTarget')!.points.length;
    expect(before).toBeGreaterThan(0);
    let expired = true;
    apis.b.interceptor = () => {
      if (expired) throw new FakeAwsError('ExpiredTokenException', 'The security token included in the request is expired');
    };
    onRenew.do = () => void (expired = false);
    const renewing = renewed.length;
    await cycle();
    expect(renewed.slice(renewing)).toEqual(['b']);
    expect(view(2).freshness.stale).toBe(false);
    expect(alerts()).toHaveLength(0);
    const after = monitor.historyOf(view(2).key).series.find((s) => s.metric === 'CDCLatencyTarget')!.points.length;
    expect(after).toBeGreaterThanOrEqual(before);
  });

  it("sends a task's control to its own account", async () => {
    const { apis, cycle, monitor, view } = setup();
    await cycle();
    await monitor.control(view(2).key, 'stop');
    expect(apis.b.controlCalls.map((c) => c.operation)).toEqual(['stop']);
    expect(apis.a.controlCalls).toEqual([]);
  });
});
