import { describe, expect, it } from 'vitest';
import type { GroupPeriod } from './metric-queries';
import { AnalysisDefaults, weightsFor } from './plan-schema';
import { runShift, ShiftControl, type ShiftPorts, type ShiftService, type ShiftSettings } from './shift-engine';

const START = Date.parse('2026-12-04T02:00:10Z');
const SERVICES: ShiftService[] = [
  { stackId: 'apps/shop', service: 'shop.example.com', split: 'route53', analysis: { ...AnalysisDefaults } },
  { stackId: 'apps/cart', service: 'cart.example.com', split: 'alb', analysis: { ...AnalysisDefaults } },
];
const SETTINGS: ShiftSettings = {
  steps: [5, 25, 50, 100].map((percent) => ({ percent, pauseSeconds: 120 })),
  onFailure: 'zero',
  changeTimeoutSeconds: 60,
  intervalSeconds: 60,
  failureLimit: 0,
};

interface Estate {
  /** Each service's percent over time. */
  readonly history: Map<string, { at: number; percent: number }[]>;
  now: number;
  /** 5xx share per request at a percent and time (default none). */
  errorsAt: (stackId: string, percent: number, at: number) => number;
  requestsPerMinute: number;
  /** Seconds a Route 53 change takes to be INSYNC (Infinity: stuck). */
  syncSeconds: number;
  failWrite?: (stackId: string, percent: number) => string | undefined;
}

/** A fake estate: a data clock advanced 10 s per poll, weights written at once, metrics that follow them. */
function fakeEstate(options: Partial<Estate> = {}): { estate: Estate; ports: ShiftPorts; records: unknown[] } {
  const estate: Estate = {
    history: new Map(SERVICES.map((service) => [service.stackId, [{ at: 0, percent: 0 }]])),
    now: START,
    errorsAt: () => 0,
    requestsPerMinute: 600,
    syncSeconds: 20,
    ...options,
  };
  const changes = new Map<string, number>();
  const records: unknown[] = [];
  const percentAt = (stackId: string, at: number) =>
    estate.history
      .get(stackId)!
      .filter((entry) => entry.at <= at)
      .at(-1)!.percent;
  const ports: ShiftPorts = {
    now: () => estate.now,
    poll: async (signal) => {
      signal.throwIfAborted();
      estate.now += 10_000;
    },
    metricsLagMs: 0,
    write: async (service, percent) => {
      const problem = estate.failWrite?.(service.stackId, percent);
      if (problem) throw new Error(problem);
      const before = weightsFor(percentAt(service.stackId, estate.now));
      estate.history.get(service.stackId)!.push({ at: estate.now, percent });
      const id = `C${changes.size + 1}`;
      changes.set(id, estate.now);
      return { before, after: weightsFor(percent), change: service.split === 'route53' ? { id, status: 'PENDING', submittedAt: null } : null };
    },
    changeStatus: async (_service, changeId) => (estate.now - changes.get(changeId)! >= estate.syncSeconds * 1000 ? 'INSYNC' : 'PENDING'),
    periods: async (service, from, to) => {
      const periods: GroupPeriod[] = [];
      for (let at = from; at < to; at += 60_000) {
        const percent = percentAt(service.stackId, at);
        const requests = Math.round((estate.requestsPerMinute * percent) / 100);
        periods.push({
          at,
          requests,
          errors5xx: Math.round(requests * estate.errorsAt(service.stackId, percent, at)),
          responseTimeMs: 40,
          healthyMin: 2,
          unhealthyMax: 0,
        });
      }
      return periods;
    },
    changed: (record) => records.push(structuredClone(record)),
  };
  return { estate, ports, records };
}

const run = (ports: ShiftPorts, control = new ShiftControl(), settings = SETTINGS, from = 0, signal = new AbortController().signal) =>
  runShift(SERVICES, settings, from, control, ports, signal);

describe('a progressive shift', () => {
  it('steps every service through 5 → 25 → 50 → 100 %, each step in sync and analysed before the next', async () => {
    const { estate, ports } = fakeEstate();
    const record = await run(ports);
    expect(record.state).toBe('completed');
    expect(record.message).toBe('shifted: 100 % to AWS after 4 steps, each analysed and promoted');
    expect(record.steps.map((step) => [step.percent, step.decision, step.decidedBy])).toEqual([
      [5, 'promoted', 'analysis'],
      [25, 'promoted', 'analysis'],
      [50, 'promoted', 'analysis'],
      [100, 'promoted', 'analysis'],
    ]);
    for (const step of record.steps) {
      expect(step.writes.map((write) => write.after)).toEqual([weightsFor(step.percent), weightsFor(step.percent)]);
      expect(step.writes[0]!.changeId).toMatch(/^C\d+$/);
      expect(step.writes[1]!.changeId).toBeNull();
      // In sync 20 s after the write; two one-minute windows from the next minute; every window read for both.
      expect(Date.parse(step.inSyncAt!) - Date.parse(step.appliedAt)).toBe(20_000);
      expect(step.windows).toHaveLength(2);
      expect(step.measurements['apps/shop']!.map((m) => m.verdict)).toEqual(['pass', 'pass']);
      expect(step.measurements['apps/shop']![0]!.requests).toBe((600 * step.percent) / 100);
    }
    expect(estate.history.get('apps/shop')!.map((entry) => entry.percent)).toEqual([0, 5, 25, 50, 100]);
  });

  it('aborts at 25 % on errors there and returns every service to 0 %; a retry after the fault clears succeeds', async () => {
    let faulty = true;
    const { estate, ports } = fakeEstate({ errorsAt: (stackId, percent) => (faulty && stackId === 'apps/cart' && percent >= 25 ? 0.2 : 0.001) });
    const aborted = await run(ports);
    expect(aborted.state).toBe('aborted');
    expect(aborted.steps.map((step) => [step.percent, step.decision])).toEqual([
      [5, 'promoted'],
      [25, 'aborted'],
    ]);
    expect(aborted.steps[1]!.why).toMatch(
      /^cart\.example\.com: 1 failed measurement \(the limit is 0\); the last, \d\d:\d\d:00–\d\d:\d\d:00 UTC on the data clock: 5xx 20 % of 150 requests, above the maximum 1 %$/,
    );
    expect(aborted.abort).toMatchObject({ to: 0, by: 'analysis', inSync: true });
    expect(aborted.abort!.writes.map((write) => [write.stackId, write.before, write.after])).toEqual([
      ['apps/shop', weightsFor(25), weightsFor(0)],
      ['apps/cart', weightsFor(25), weightsFor(0)],
    ]);
    expect(aborted.message).toMatch(/; weights back to 0 % to AWS \(all users in the data center\)$/);
    expect(estate.history.get('apps/cart')!.map((entry) => entry.percent)).toEqual([0, 5, 25, 0]);

    faulty = false;
    const retried = await run(ports);
    expect(retried.state).toBe('completed');
    expect(estate.history.get('apps/cart')!.map((entry) => entry.percent)).toEqual([0, 5, 25, 0, 5, 25, 50, 100]);
  });

  it('with onFailure last-good, returns to the last step that passed', async () => {
    const { ports } = fakeEstate({ errorsAt: (_stackId, percent) => (percent >= 50 ? 0.05 : 0) });
    const record = await run(ports, new ShiftControl(), { ...SETTINGS, onFailure: 'last-good' });
    expect(record.abort).toMatchObject({ to: 25 });
    expect(record.percent).toBe(25);
    expect(record.message).toMatch(/weights back to 25 % to AWS \(the last step whose analysis passed\)$/);
  });

  it('a change stuck PENDING ends the step: weights written back, and the record says the abort is not in sync', async () => {
    const { ports } = fakeEstate({ syncSeconds: Infinity });
    const record = await run(ports);
    expect(record.state).toBe('failed');
    expect(record.steps).toHaveLength(1);
    expect(record.abort!.why).toBe('Route 53 change C1 not seen INSYNC within 60 s (still PENDING)');
    expect(record.abort!.inSync).toBe(false);
    expect(record.message).toMatch(
      /^aborted \(Route 53 change C1 not seen INSYNC within 60 s \(still PENDING\)\); the weights are written back to 0 % to AWS .* but not in sync: Route 53 change C3 not seen INSYNC within 60 s \(still PENDING\)$/,
    );
  });

  it('the operator: a pause holds the promotion, a promote goes on early, an abort returns the weights — each recorded with who', async () => {
    const { estate, ports } = fakeEstate();
    const control = new ShiftControl();
    const basePoll = ports.poll;
    let polls = 0;
    const record = await run(
      {
        ...ports,
        poll: async (signal) => {
          polls += 1;
          if (polls === 2) control.pause('ops-anna', 'checking the logs');
          if (polls === 30) control.resume('ops-anna');
          if (polls === 33) control.promote('ops-anna', 'logs clean');
          if (polls === 34) control.abort('ops-ben', 'latency complaints');
          return basePoll(signal);
        },
      },
      control,
    );
    expect(record.operator.map((event) => [event.what, event.by, event.reason, event.step])).toEqual([
      ['pause', 'ops-anna', 'checking the logs', 1],
      ['resume', 'ops-anna', null, 1],
      ['promote', 'ops-anna', 'logs clean', 2],
      ['abort', 'ops-ben', 'latency complaints', 3],
    ]);
    // Paused from poll 2 to 30 (280 s) although the 120-second pause had passed: step 1 promoted only after the resume.
    expect(Date.parse(record.steps[0]!.decidedAt!) - Date.parse(record.steps[0]!.appliedAt)).toBeGreaterThanOrEqual(280_000);
    expect(record.steps[1]!).toMatchObject({ decision: 'promoted', decidedBy: 'ops-anna', why: 'promoted by ops-anna: logs clean' });
    expect(record.steps[2]!).toMatchObject({
      decision: 'aborted',
      decidedBy: 'ops-ben',
      why: 'aborted by ops-ben: latency complaints while the weights synced',
    });
    expect(record.abort).toMatchObject({ to: 0, by: 'ops-ben' });
    expect(estate.history.get('apps/shop')!.at(-1)!.percent).toBe(0);
  });

  it('waits for the operator when every measurement is inconclusive, and goes on when promoted', async () => {
    const { ports } = fakeEstate({ requestsPerMinute: 100 });
    const control = new ShiftControl();
    const states: string[] = [];
    const record = await run(
      {
        ...ports,
        changed: (current) => {
          states.push(current.state);
          if (current.state === 'awaiting-operator' && current.steps.length === 1) control.promote('ops-anna', 'quiet hour');
        },
      },
      control,
      {
        ...SETTINGS,
        steps: [
          { percent: 5, pauseSeconds: 120 },
          { percent: 100, pauseSeconds: 120 },
        ],
      },
    );
    expect(states).toContain('awaiting-operator');
    expect(record.steps[0]).toMatchObject({ decision: 'promoted', decidedBy: 'ops-anna' });
    expect(record.steps[0]!.measurements['apps/shop']!.map((m) => m.verdict)).toEqual(['inconclusive', 'inconclusive']);
    expect(record.state).toBe('completed');
  });

  it('a stopped step (timeout) still returns the weights; a failed write aborts every service', async () => {
    const { estate, ports } = fakeEstate();
    const stop = new AbortController();
    let polls = 0;
    const stopped = await run(
      {
        ...ports,
        poll: async (signal) => {
          if (++polls === 20) stop.abort();
          return ports.poll(signal);
        },
      },
      new ShiftControl(),
      SETTINGS,
      0,
      stop.signal,
    );
    expect(stopped.state).toBe('aborted');
    expect(stopped.abort!.why).toMatch(/stopped/);
    expect(estate.history.get('apps/cart')!.at(-1)!.percent).toBe(0);

    const failing = fakeEstate({ failWrite: (stackId, percent) => (stackId === 'apps/cart' && percent === 25 ? 'Throttling: Rate exceeded' : undefined) });
    const record = await run(failing.ports);
    expect(record.state).toBe('aborted');
    expect(record.abort!.why).toBe('the weights of apps/cart could not be written for 25 %: Throttling: Rate exceeded');
    expect(failing.estate.history.get('apps/shop')!.map((entry) => entry.percent)).toEqual([0, 5, 25, 0]);
  });

  it("an operator's abort ends a stuck sync at once, credited to the operator", async () => {
    const { ports } = fakeEstate({ syncSeconds: Infinity });
    const control = new ShiftControl();
    let polls = 0;
    const record = await run(
      {
        ...ports,
        poll: async (signal) => {
          if (++polls === 2) control.abort('ops-ben', 'DNS stuck');
          return ports.poll(signal);
        },
      },
      control,
      { ...SETTINGS, changeTimeoutSeconds: 3600 },
    );
    expect(record.steps[0]).toMatchObject({ decision: 'aborted', decidedBy: 'ops-ben', why: 'aborted by ops-ben: DNS stuck while the weights synced' });
    expect(record.abort).toMatchObject({ by: 'ops-ben' });
    expect(record.operator.map((event) => [event.what, event.by, event.step])).toEqual([['abort', 'ops-ben', 1]]);
    // Acted on at the next poll, not after the hour the change may take.
    expect(Date.parse(record.abort!.at) - Date.parse(record.steps[0]!.appliedAt)).toBeLessThan(60_000);
  });

  it('drops a promote meant for an earlier step; last-good never returns to a step the operator forced through', async () => {
    const { ports } = fakeEstate({ errorsAt: (_stackId, percent) => (percent >= 50 ? 0.05 : 0) });
    const control = new ShiftControl();
    const record = await run(
      {
        ...ports,
        changed: (current) => {
          // Step 2 is promoted early by the operator; a stale promote for step 1 arrives while step 3 writes.
          const last = current.steps.at(-1);
          if (last?.step === 2 && current.state === 'analysing' && !control.paused && current.operator.length === 0)
            control.promote('ops-anna', 'looks fine', 2);
          if (last?.step === 3 && current.state === 'writing') control.promote('ops-anna', 'late click', 1);
        },
      },
      control,
      { ...SETTINGS, onFailure: 'last-good' },
    );
    expect(record.steps.map((step) => [step.percent, step.decision, step.decidedBy])).toEqual([
      [5, 'promoted', 'analysis'],
      [25, 'promoted', 'ops-anna'],
      [50, 'aborted', 'analysis'],
    ]);
    expect(record.abort).toMatchObject({ to: 5 });
    expect(record.message).toMatch(/weights back to 5 % to AWS \(the last step whose analysis passed\)$/);
  });

  it("reads each service's windows in order, a failed read tried again, and starts them after the record's TTL", async () => {
    const { ports } = fakeEstate();
    let failures = 1;
    const asked: string[] = [];
    const record = await run(
      {
        ...ports,
        metricsLagMs: 0,
        periods: async (service, from, to, signal) => {
          asked.push(`${service.stackId} ${new Date(from).toISOString().slice(11, 16)}`);
          if (service.stackId === 'apps/cart' && failures-- > 0) throw new Error('Throttling: Rate exceeded');
          return ports.periods(service, from, to, signal);
        },
      },
      new ShiftControl(),
      { ...SETTINGS, steps: [{ percent: 100, pauseSeconds: 180 }], settleSeconds: 60 },
    );
    const step = record.steps[0]!;
    // In sync at 02:00:30; users follow the new weights a TTL (60 s) later: the windows start at 02:02.
    expect(step.windows.map((window) => window.from.slice(11, 16))).toEqual(['02:02', '02:03', '02:04']);
    expect(step.measurements['apps/cart']!.map((measurement) => measurement.from.slice(11, 16))).toEqual(['02:02', '02:03', '02:04']);
    expect(asked.filter((entry) => entry.startsWith('apps/cart'))[0]).toBe('apps/cart 02:02');
  });

  it('resumes from where the services are: only the steps above', async () => {
    const { estate, ports } = fakeEstate();
    const record = await run(ports, new ShiftControl(), SETTINGS, 25);
    expect(record.steps.map((step) => [step.step, step.percent])).toEqual([
      [3, 50],
      [4, 100],
    ]);
    expect(estate.history.get('apps/shop')!.map((entry) => entry.percent)).toEqual([0, 50, 100]);
    const done = await run(ports, new ShiftControl(), SETTINGS, 100);
    expect(done).toMatchObject({ state: 'completed', steps: [] });
  });
});
