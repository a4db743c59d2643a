import { afterEach, describe, expect, it } from 'vitest';
import { FileJournal, type Journal } from '../../journal/journal';
import { FakeReplicationApi } from './monitor/testing/fake-api';
import { testPlan } from './monitor/testing/plans';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { reverseTaskKey } from '../../../common/keys';
import { ReplicationService } from './service';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function service(options: { awsEndpoint?: string; rehearsalClock?: () => number; journal?: (journal: Journal) => void }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-replication-'));
  const { journal } = await FileJournal.open(dir);
  options.journal?.(journal);
  const api = new FakeReplicationApi();
  api.addTask('task-0001', 'running');
  const replication = new ReplicationService({
    journal,
    publish: () => {},
    log: () => {},
    rehearsalAwsUrl: () => 'http://127.0.0.1:1',
    ...(options.rehearsalClock ? { rehearsalClock: () => ({ now: options.rehearsalClock!, rate: 1 }) } : {}),
    ...(options.awsEndpoint ? { awsEndpoint: options.awsEndpoint } : {}),
    apiFor: () => api,
    tuning: { intervals: { fastMs: 3_600_000, normalMs: 3_600_000, idleMs: 3_600_000 } },
  });
  cleanups.push(async () => {
    await replication.close();
    await rm(dir, { recursive: true, force: true });
  });
  await replication.setPlan(testPlan({ tasks: 1, endpoint: 'rehearsal' }));
  return replication;
}

describe('replication service', () => {
  it('keeps its monitor (series, holds, alerts) across a plan edit that leaves the tasks alone, with the new gates', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-replication-'));
    const { journal } = await FileJournal.open(dir);
    const apis: FakeReplicationApi[] = [];
    const replication = new ReplicationService({
      journal,
      publish: () => {},
      log: () => {},
      rehearsalAwsUrl: () => 'http://127.0.0.1:1',
      apiFor: () => {
        const api = new FakeReplicationApi();
        api.addTask('task-0001', 'running');
        api.addTask('task-0002', 'running');
        apis.push(api);
        return api;
      },
      tuning: { intervals: { fastMs: 3_600_000, normalMs: 3_600_000, idleMs: 3_600_000 } },
    });
    cleanups.push(async () => {
      await replication.close();
      await rm(dir, { recursive: true, force: true });
    });
    const gates = (maxCdcLatencySeconds: number) => ({ maxCdcLatencySeconds, holdSeconds: 60, requireValidation: false });
    await replication.setPlan(testPlan({ tasks: 1, endpoint: 'rehearsal', gates: null }));
    const monitor = replication.current;
    expect(replication.snapshot().tasks[0]?.gate.reasons).toEqual(['wave wave-1 defines no gates']);
    await replication.setPlan(testPlan({ tasks: 1, endpoint: 'rehearsal', gates: gates(5) }));
    expect(replication.current).toBe(monitor);
    expect(apis).toHaveLength(1);
    expect(replication.snapshot().tasks[0]?.gate.reasons).not.toContain('wave wave-1 defines no gates');

    // Other tasks: a new monitor.
    await replication.setPlan(testPlan({ tasks: 2, endpoint: 'rehearsal', gates: gates(5) }));
    expect(replication.current).not.toBe(monitor);
    expect(apis).toHaveLength(2);
  });

  it('applies overlapping plan changes in order and leaves exactly one monitor running', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-replication-'));
    const { journal } = await FileJournal.open(dir);
    const apis: { closed: boolean }[] = [];
    const replication = new ReplicationService({
      journal,
      publish: () => {},
      log: () => {},
      rehearsalAwsUrl: () => 'http://127.0.0.1:1',
      apiFor: () => {
        const api = Object.assign(new FakeReplicationApi(), { closed: false });
        api.close = () => void (api.closed = true);
        apis.push(api);
        return api;
      },
      tuning: { intervals: { fastMs: 3_600_000, normalMs: 3_600_000, idleMs: 3_600_000 } },
    });
    cleanups.push(async () => {
      await replication.close();
      await rm(dir, { recursive: true, force: true });
    });
    const first = testPlan({ tasks: 1, endpoint: 'rehearsal' });
    const second = testPlan({ tasks: 2, endpoint: 'rehearsal' });
    await Promise.all([replication.setPlan(first), replication.setPlan(second), replication.setPlan(first), replication.setPlan(second)]);
    expect(apis).toHaveLength(4);
    expect(apis.map((api) => api.closed)).toEqual([true, true, true, false]);
    expect(replication.snapshot().tasks).toHaveLength(2);
  });

  it('reads the embedded rehearsal on its simulated clock, so a sped-up rehearsal stays coherent', async () => {
    const simulated = Date.parse('2030-01-01T00:00:00Z');
    const replication = await service({ rehearsalClock: () => simulated });
    await replication.current!.refreshNow();
    expect(replication.snapshot().tasks[0]?.freshness.taskAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('keeps real time for an explicit endpoint (the embedded clock is not its clock)', async () => {
    const replication = await service({ awsEndpoint: 'http://127.0.0.1:4566', rehearsalClock: () => Date.parse('2030-01-01T00:00:00Z') });
    const before = Date.now();
    await replication.current!.refreshNow();
    expect(Date.parse(replication.snapshot().tasks[0]!.freshness.taskAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('journals the operation a task control action was part of (a cutover step) as its parent', async () => {
    let journal: Journal | undefined;
    const replication = await service({ journal: (opened) => (journal = opened) });
    await replication.current!.refreshNow();
    await replication.control('apps/app0001#0', 'stop', undefined, { parentOperationId: 'cutover-step-attempt' });
    const entries = (await journal!.read()).entries.filter((entry) => entry.kind === 'dms-stop');
    expect(entries.map((entry) => [entry.phase, entry.parentOperationId])).toEqual([
      ['started', 'cutover-step-attempt'],
      ['succeeded', 'cutover-step-attempt'],
    ]);
  });

  it('has a new monitor follow again the reverse tasks a rollback left replicating, where the plan still names them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-replication-'));
    const { journal } = await FileJournal.open(dir);
    const api = new FakeReplicationApi();
    api.addTask('task-0001', 'running');
    const base = testPlan({ tasks: 1, endpoint: 'rehearsal' });
    const [stackId, stack] = [...base.stacks.entries()][0]!;
    const plan = { ...base, stacks: new Map([[stackId, { ...stack, fallback: { reverseTaskId: 'app-reverse' } }]]) };
    const replication = new ReplicationService({
      journal,
      publish: () => {},
      log: () => {},
      rehearsalAwsUrl: () => 'http://127.0.0.1:1',
      apiFor: () => api,
      tuning: { intervals: { fastMs: 3_600_000, normalMs: 3_600_000, idleMs: 3_600_000 } },
      reverseTasksToFollow: () => [
        { stackId, taskId: 'app-reverse' },
        { stackId, taskId: 'an-older-reverse' },
      ],
    });
    cleanups.push(async () => {
      await replication.close();
      await rm(dir, { recursive: true, force: true });
    });
    await replication.setPlan(plan);
    expect(replication.current!.reverseTaskView(reverseTaskKey(stackId))).toMatchObject({ key: reverseTaskKey(stackId) });
    // The plan no longer names a fallback: nothing to follow.
    await replication.setPlan({ ...base, name: 'edited' });
    expect(replication.current!.reverseTaskView(reverseTaskKey(stackId))).toBeUndefined();
  });
});
