import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationView, ReplicationTaskView } from '../api/contract';
import { eventually, loadTestPlan, RUNBOOK_PLAN } from '../cutover/runbook-testing';
import { FileJournal, type Journal } from '../journal/journal';
import type { OperationBody } from '../pulumi/operations';
import { ReplicationMonitor } from '../tracks/dms/monitor/monitor';
import { dmsRunbookRuntime, reverseTasksToFollow, type DmsRunbookSource, type ReverseTaskControl } from '../tracks/dms/monitor/runbook-runtime';
import { CORE_TRACKS } from '../tracks/index';
import { CutoverService, type CutoverServiceOptions } from './cutover-service';

/** The service's options, with the DMS runtime's sources the core builds it from (cockpit-core.ts). */
type ServiceOverrides = Partial<CutoverServiceOptions> & Partial<Pick<DmsRunbookSource, 'dmsTasks' | 'reverseTasks'>>;

const W = 'wave-1';
// One stack at a time, and no replication task: the runbook goes straight to the switch.
// No cutover window: these tests start runs whatever today's date (the window rule has its own tests).
const plan = loadTestPlan(
  RUNBOOK_PLAN.replace('    stacks: [app1, app2]\n', '    stacks: [app1, app2]\n    maxParallel: 1\n').replace(/ {4}cutoverWindow: .*\n/, ''),
);

let dir: string | undefined;
const services: CutoverService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const view = (stackId: string, status: OperationView['status'], kind: OperationView['kind'] = 'up'): OperationView =>
  ({
    operationId: `${kind}-${stackId}`,
    kind,
    stackId,
    status,
    message: status === 'failed' ? 'error: boom' : null,
    updateVersion: 3,
    changes: { create: 0 },
  }) as unknown as OperationView;

async function service(
  { dmsTasks, reverseTasks, ...overrides }: ServiceOverrides = {},
  wrap: (journal: Journal) => Journal = (journal) => journal,
): Promise<{ service: CutoverService; journal: Journal }> {
  dir ??= await mkdtemp(path.join(os.tmpdir(), 'mc-cutover-service-'));
  const { journal } = await FileJournal.open(dir, { actor: 'tester@host' });
  const { entries } = await journal.read();
  const created = new CutoverService({
    journal: wrap(journal),
    history: entries,
    plan: () => plan,
    publish: () => {},
    log: () => {},
    isWaveReady: () => ({ ready: true, reasons: [] }),
    runOperation: async (stackId, body: OperationBody) => view(stackId, 'succeeded', body.kind as OperationView['kind']),
    stackOutputs: () => undefined,
    tracks: CORE_TRACKS,
    trackRuntime: () =>
      dmsRunbookRuntime({
        dmsTasks: dmsTasks ?? (() => []),
        dmsSeries: () => [],
        dmsStop: async () => {
          throw new Error('not in this test');
        },
        reverseTasks: reverseTasks ?? (() => undefined),
        dataClock: () => null,
        pollMs: 5,
      }),
    setLifecycle: () => {},
    redact: (value) => value,
    fetch: (async () => new Response('ok', { status: 200 })) as typeof fetch,
    minuteMs: 60_000,
    ...overrides,
  });
  services.push(created);
  return { service: created, journal };
}

/** A run whose switch deployed app1 with the cutover config, then failed on it: app2 never got the config. */
async function failedSwitch(overrides: ServiceOverrides = {}, wrap?: (journal: Journal) => Journal) {
  const made = await service({ runOperation: async (stackId, body) => view(stackId, 'failed', body.kind as OperationView['kind']), ...overrides }, wrap);
  await made.service.engine.start(W);
  await eventually(() => made.service.engine.view(W).steps[0]!.status === 'waiting');
  await made.service.engine.confirm(W, 'announce', 'Alice');
  await eventually(() => made.service.engine.view(W).status === 'failed');
  expect(made.service.engine.view(W).steps.find((step) => step.id === 'switch')).toMatchObject({ status: 'failed' });
  return made;
}

const stopped = (key: string) =>
  ({
    key,
    stackId: key.split('#')[0]!,
    taskId: key,
    phase: 'stopped',
    status: 'stopped',
    latest: { cdcLatencySourceSeconds: null, cdcLatencyTargetSeconds: null, cdcIncomingChanges: null },
    freshness: { metricsAt: null, stale: false },
    gate: { status: 'unknown' },
  }) as unknown as ReplicationTaskView;

/**
 * A monitor following app1's reverse task: it holds a latency sample from the task's earlier run (data time 100);
 * starting it at data time 1,000 brings a fresh one.
 */
function fakeMonitor() {
  const asked: string[] = [];
  let reverse = { status: 'stopped', phase: 'stopped', latest: { cdcLatencyTargetSeconds: 0.5 as number | null } };
  let sample = { seconds: 0.5, at: 100 };
  const monitor: ReverseTaskControl = {
    watchReverseTask: (stackId, taskId) => {
      asked.push(`watch ${stackId} ${taskId}`);
      return `${stackId}#reverse`;
    },
    unwatchReverseTask: (key) => void asked.push(`unwatch ${key}`),
    reverseTaskView: (key) =>
      ({ key, taskId: 'app1-reverse', resolution: null, freshness: { taskAt: 'x', stale: false }, ...reverse }) as unknown as ReplicationTaskView,
    reverseLatency: () => sample,
    dataNow: () => 1_000,
    replicate: async (key, context) => {
      asked.push(`replicate ${key} for ${context?.parentOperationId}`);
      reverse = { status: 'running', phase: 'cdc', latest: { cdcLatencyTargetSeconds: 0.5 } };
      setTimeout(() => {
        sample = { seconds: 0.7, at: 1_000 };
        reverse.latest.cdcLatencyTargetSeconds = 0.7;
      }, 30);
      return { action: 'resume', view: monitor.reverseTaskView(key)! };
    },
  };
  return { monitor, asked };
}

describe('cutover service', () => {
  it('journals the cutover config per stack it is applied to, and a restart restores it on those stacks only', async () => {
    const first = await failedSwitch();
    expect(first.service.overlayOf('apps/app1')).toEqual({ trafficTarget: 'aws' });
    expect(first.service.overlayOf('apps/app2')).toBeUndefined();
    const applied = (await first.journal.read()).entries.filter((entry) => entry.target.type === 'stack' && entry.details?.action === 'cutover-config-applied');
    expect(applied).toMatchObject([
      {
        kind: 'cutover-step',
        phase: 'succeeded',
        target: { stackId: 'apps/app1' },
        details: { overlay: { trafficTarget: 'aws' }, waveId: W, stepId: 'switch' },
      },
    ]);
    await first.service.close();

    const restarted = await service();
    expect(restarted.service.overlayOf('apps/app1')).toEqual({ trafficTarget: 'aws' });
    expect(restarted.service.overlayOf('apps/app2')).toBeUndefined();
  });

  it('refuses a second rollback of the wave while the first is starting', async () => {
    const { service: cutover, journal } = await failedSwitch();
    const [first, second] = await Promise.allSettled([cutover.rollback(W, 'Alice'), cutover.rollback(W, 'Bob')]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'busy', message: expect.stringMatching(/being rolled back already/) } });
    await cutover.idle();
    const log = (await journal.read()).entries;
    expect(log.filter((entry) => entry.kind === 'cutover-rollback' && entry.phase === 'started')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === 'cutover' && entry.phase === 'cancelled')).toHaveLength(1);
  });

  it('releases the rollback guard when the rollback cannot start', async () => {
    const { service: cutover } = await service();
    await expect(cutover.rollback(W, 'Alice')).rejects.toThrow(/has no cutover run yet/);
    await expect(cutover.rollback(W, 'Alice')).rejects.toThrow(/has no cutover run yet/);
  });

  it('answers a rollback once its start is journaled, and the rollback clears the cutover config', async () => {
    let failUps = true;
    let tasks: ReplicationTaskView[] = [];
    const { monitor } = fakeMonitor();
    const { service: cutover } = await failedSwitch({
      runOperation: async (stackId, body) => view(stackId, failUps ? 'failed' : 'succeeded', body.kind as OperationView['kind']),
      dmsTasks: () => tasks,
      reverseTasks: () => monitor,
    });
    failUps = false;
    tasks = [stopped('apps/app1#0'), stopped('apps/app2#0')];
    expect(cutover.overlayOf('apps/app1')).toEqual({ trafficTarget: 'aws' });
    const answered = await cutover.rollback(W, 'Alice');
    expect(answered.rollback).toMatchObject({ startedBy: 'Alice' });
    await cutover.idle();
    // The data direction first, then both stacks back on the data-center config.
    expect(cutover.engine.view(W).rollback!.steps.map((step) => [step.id, step.status])).toEqual([
      ['stop-forward:apps/app2#0', 'skipped'],
      ['stop-forward:apps/app1#0', 'skipped'],
      ['start-reverse:apps/app1', 'succeeded'],
      ['config-back:apps/app2', 'succeeded'],
      ['config-back:apps/app1', 'succeeded'],
    ]);
    expect(cutover.overlayOf('apps/app1')).toBeUndefined();
  });

  it('fails the reverse-task compensation at once when the monitor has no AWS access, and sends no user back', async () => {
    const monitor = new ReplicationMonitor({
      plan,
      api: { unavailable: 'no AWS credentials (profile migration-operator)' },
      target: 'eu-central-1',
      publish: () => {},
      stackOutputs: () => undefined,
    });
    let failUps = true;
    let tasks: ReplicationTaskView[] = [];
    const { service: cutover } = await failedSwitch({
      runOperation: async (stackId, body) => view(stackId, failUps ? 'failed' : 'succeeded', body.kind as OperationView['kind']),
      dmsTasks: () => tasks,
      reverseTasks: () => monitor,
    });
    failUps = false;
    tasks = [stopped('apps/app1#0'), stopped('apps/app2#0')];
    const at = Date.now();
    await cutover.rollback(W, 'Alice');
    // Without the fix this waits for the catch-up timeout (10 minutes) for a read that never happens.
    await eventually(() => cutover.engine.view(W).rollback?.status === 'failed', 3000, 'the rollback to fail');
    expect(Date.now() - at).toBeLessThan(3000);
    expect(cutover.engine.view(W).rollback!.steps.find((step) => step.id === 'start-reverse:apps/app1')).toMatchObject({
      status: 'failed',
      message: 'cannot follow reverse task app1-reverse: no AWS credentials (profile migration-operator)',
    });
    expect(cutover.overlayOf('apps/app1')).toEqual({ trafficTarget: 'aws' });
    await monitor.close();
  });

  it('fails the reverse-task compensation at once when no monitor runs', async () => {
    let tasks: ReplicationTaskView[] = [];
    const { service: cutover } = await failedSwitch({ dmsTasks: () => tasks });
    tasks = [stopped('apps/app1#0'), stopped('apps/app2#0')];
    await cutover.rollback(W, 'Alice');
    await eventually(() => cutover.engine.view(W).rollback?.status === 'failed', 3000, 'the rollback to fail');
    expect(cutover.engine.view(W).rollback!.steps.find((step) => step.id === 'start-reverse:apps/app1')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/no replication monitor runs/),
    });
  });
  it('answers a rollback with its start, however long the journal takes to record it', async () => {
    const slowRollbackStart = (real: Journal) =>
      ({
        append: async (input: Parameters<Journal['append']>[0]) => {
          if (input.kind === 'cutover-rollback' && input.phase === 'started') await new Promise((resolve) => setTimeout(resolve, 5_500));
          return real.append(input);
        },
        read: () => real.read(),
      }) as unknown as Journal;
    const made = await failedSwitch({}, slowRollbackStart);
    const answered = await made.service.rollback(W, 'Alice');
    expect(answered.rollback).toMatchObject({ startedBy: 'Alice' });
    await made.service.idle();
  }, 10_000);

  it("starts the fallback's reverse task through the monitor, as part of its compensating step, and waits for a latency read since the start", async () => {
    const { monitor, asked } = fakeMonitor();
    let failUps = true;
    let tasks: ReplicationTaskView[] = [];
    const made = await failedSwitch({
      runOperation: async (stackId, body) => view(stackId, failUps ? 'failed' : 'succeeded', body.kind as OperationView['kind']),
      dmsTasks: () => tasks,
      reverseTasks: () => monitor,
    });
    failUps = false;
    // The forward tasks are stopped by the time of the rollback (the run had none to stop).
    tasks = [stopped('apps/app1#0'), stopped('apps/app2#0')];
    await made.service.rollback(W, 'Alice');
    await made.service.idle();
    const rollback = made.service.engine.view(W).rollback!;
    expect(rollback.status).toBe('succeeded');
    // The 0.5 s from before the task stopped does not count: the 0.7 s read after the resume does.
    expect(rollback.steps.find((step) => step.id === 'start-reverse:apps/app1')).toMatchObject({
      status: 'succeeded',
      message: 'app1-reverse resume-processing accepted by DMS; replicating changes, latency 0.7 s (the wave has no latency gate)',
    });
    const compensation = (await made.journal.read()).entries.find(
      (entry) => entry.kind === 'cutover-compensate' && entry.phase === 'started' && (entry.target as { stepId: string }).stepId === 'start-reverse:apps/app1',
    )!;
    expect(asked).toContain(`replicate apps/app1#reverse for ${compensation.operationId}`);
    expect(asked[0]).toBe('watch apps/app1 app1-reverse');
    // It caught up: the monitor keeps following it (its failure would raise an alert), after a restart too.
    expect(asked.filter((entry) => entry.startsWith('unwatch'))).toEqual([]);
    expect(reverseTasksToFollow(made.service.runs(), plan)).toEqual([{ stackId: 'apps/app1', taskId: 'app1-reverse' }]);
    const restarted = await service();
    expect(reverseTasksToFollow(restarted.service.runs(), plan)).toEqual([{ stackId: 'apps/app1', taskId: 'app1-reverse' }]);
  });

  it('has the monitor stop following the reverse task when its compensation fails', async () => {
    const { monitor, asked } = fakeMonitor();
    monitor.replicate = async () => {
      throw new Error('resume-processing app1-reverse failed: AccessDenied');
    };
    let tasks: ReplicationTaskView[] = [];
    const { service: cutover } = await failedSwitch({ dmsTasks: () => tasks, reverseTasks: () => monitor });
    tasks = [stopped('apps/app1#0'), stopped('apps/app2#0')];
    await cutover.rollback(W, 'Alice');
    await cutover.idle();
    expect(cutover.engine.view(W).rollback!.steps.find((step) => step.id === 'start-reverse:apps/app1')).toMatchObject({
      status: 'failed',
      message: 'resume-processing app1-reverse failed: AccessDenied',
    });
    expect(asked.at(-1)).toBe('unwatch apps/app1#reverse');
    expect(reverseTasksToFollow(cutover.runs(), plan)).toEqual([]);
  });
});

describe('one clock in the journal', () => {
  it('converts a time on an accelerated data clock to the core clock, and leaves real-time data alone', async () => {
    const { toCoreClock } = await import('../tracks/dms/evidence');
    const clock = { at: '2026-12-05T10:00:00.000Z', wallAt: '2026-12-05T01:00:00.000Z', rate: 60 };
    expect(toCoreClock('2026-12-05T10:01:00.000Z', clock)).toBe('2026-12-05T01:00:01.000Z');
    expect(toCoreClock('2026-12-05T10:01:00.000Z', { ...clock, rate: 1 })).toBe('2026-12-05T10:01:00.000Z');
    expect(toCoreClock(null, clock)).toBeNull();
    expect(toCoreClock('2026-12-05T10:01:00.000Z', null)).toBe('2026-12-05T10:01:00.000Z');
  });
});
