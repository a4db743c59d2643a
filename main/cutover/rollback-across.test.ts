import { afterEach, describe, expect, it } from 'vitest';
import type { OperationView, ReplicationTaskView } from '../api/contract';
import type { OperationBody } from '../pulumi/operations';
import { executeRollback, planCompensations, type CompensationPorts } from './rollback-across';
import { engineFixture, eventually, loadTestPlan, RUNBOOK_PLAN, type EngineFixture } from './runbook-testing';

let fixture: EngineFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const W = 'wave-1';
const plan = loadTestPlan();

/** A run that got through the switch and the registration (app2 registered by it), then failed its health check. */
async function cutOverRun(): Promise<EngineFixture> {
  const f = (fixture = await engineFixture({ plan: loadTestPlan(RUNBOOK_PLAN.replace('mustSucceed: false', 'mustSucceed: true')) }));
  f.actions.set('switch', async (context) => ({ ok: true, message: 'switched', details: { overlay: { trafficTarget: 'aws' }, stacks: [...context.wave.stackIds] } }));
  f.actions.set('register', async () => ({ ok: true, message: 'registered', details: { registered: ['apps/app2'] } }));
  f.actions.set('health', async () => ({ ok: false, message: 'apps/app1: HTTP 503' }));
  await f.engine.start(W);
  await eventually(() => f.engine.view(W).steps[0]!.status === 'waiting');
  await f.engine.confirm(W, 'announce', 'Alice');
  await eventually(() => f.engine.view(W).status === 'failed');
  return f;
}

interface Call {
  what: string;
  stackId?: string;
}

function fakePorts(f: EngineFixture, options: { failConfigBackOf?: string } = {}): { ports: CompensationPorts; calls: Call[]; overlays: Map<string, unknown>; tasks: Map<string, ReplicationTaskView['phase']> } {
  const calls: Call[] = [];
  const overlays = new Map<string, unknown>([
    ['apps/app1', { trafficTarget: 'aws' }],
    ['apps/app2', { trafficTarget: 'aws' }],
  ]);
  const tasks = new Map<string, ReplicationTaskView['phase']>([
    ['apps/app1#0', 'stopped'],
    ['apps/app2#0', 'cdc'],
  ]);
  const view = (stackId: string, kind: OperationView['kind'], status: OperationView['status'], message: string | null = null): OperationView => ({
    operationId: `${kind}-${stackId}-${calls.length}`,
    kind,
    stackId,
    parentOperationId: null,
    status,
    startedAt: '',
    finishedAt: '',
    message,
    expectedResources: null,
    counts: { started: 0, done: 0, failed: 0 },
    steps: [],
    changes: null,
    updateVersion: 7,
  });
  const ports: CompensationPorts = {
    runOperation: async (stackId: string, body: OperationBody) => {
      calls.push({ what: body.kind === 'up' ? `up(overlay ${overlays.has(stackId) ? 'set' : 'cleared'})` : body.kind, stackId });
      if (body.kind === 'up' && stackId === options.failConfigBackOf) return view(stackId, 'up', 'failed', 'error: resource app-dns: timeout');
      return view(stackId, body.kind, 'succeeded');
    },
    setConfigOverlay: (stackId, overlay) => {
      if (overlay) overlays.set(stackId, overlay);
      else overlays.delete(stackId);
    },
    dmsTasks: () =>
      [...tasks].map(([key, phase]) => ({ key, stackId: key.split('#')[0]!, taskId: key.replace('apps/', '').replace('#0', '-mysql'), phase, status: phase === 'cdc' ? 'running' : phase }) as unknown as ReplicationTaskView),
    dmsStop: async (taskKey) => {
      calls.push({ what: `stop ${taskKey}` });
      tasks.set(taskKey, 'stopped');
      return {} as ReplicationTaskView;
    },
    startReverseTask: async (taskId) => {
      calls.push({ what: `start-reverse ${taskId}` });
      return `${taskId}: start-replication accepted by DMS`;
    },
    record: (input) => f.engine.record(input),
    pollMs: 5,
  };
  return { ports, calls, overlays, tasks };
}

describe('rollback across systems', () => {
  it('plans the compensations in reverse order, deregistrations last', async () => {
    const f = await cutOverRun();
    const run = f.engine.ledger.latest(W)!;
    expect(planCompensations(run, plan).map((step) => step.id)).toEqual([
      'config-back:apps/app2',
      'config-back:apps/app1',
      'stop-forward:apps/app2#0',
      'stop-forward:apps/app1#0',
      'start-reverse:apps/app1',
      'deregister:apps/app2',
    ]);
    // A run that never got past its manual step changed nothing the cockpit can undo.
    const early = structuredClone(run);
    for (const step of early.steps.slice(1)) step.attempt = 0;
    expect(planCompensations(early, plan)).toEqual([]);
  });

  it('stops at the first failed compensation and says where every system stands; a second rollback continues', async () => {
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    const first = fakePorts(f, { failConfigBackOf: 'apps/app1' });
    const outcome = await executeRollback(first.ports, f.engine.ledger.latest(W)!, plan, 'Alice');
    expect(outcome.ok).toBe(false);
    expect(first.calls).toEqual([
      { what: 'up(overlay cleared)', stackId: 'apps/app2' },
      { what: 'up(overlay cleared)', stackId: 'apps/app1' },
    ]);
    expect(outcome.summary.split('\n')).toEqual([
      'Rollback of wave-1 STOPPED at "config back to the data center: apps/app1 (without trafficTarget)": deploy failed: error: resource app-dns: timeout.',
      'Stacks: apps/app2 back on the data-center config; apps/app1 may be partly updated (check its last update); its cutover config is removed from the workspace — FAILED: deploy failed: error: resource app-dns: timeout.',
      'Replication: apps/app2#0 not checked (may still run); apps/app1#0 not checked (may still run); reverse task app1-reverse not started.',
      'Registrations: apps/app2 still registered.',
      'Manual steps the cockpit does not undo (check them): announce (Announce).',
      'Fix the cause, then roll back again: steps already done are not repeated.',
    ]);
    const view = f.engine.view(W);
    expect(view.status).toBe('aborted');
    expect(view.rollback).toMatchObject({ status: 'failed', startedBy: 'Alice', summary: outcome.summary });
    expect(view.rollback!.steps.map((step) => [step.id, step.status])).toEqual([
      ['config-back:apps/app2', 'succeeded'],
      ['config-back:apps/app1', 'failed'],
      ['stop-forward:apps/app2#0', 'pending'],
      ['stop-forward:apps/app1#0', 'pending'],
      ['start-reverse:apps/app1', 'pending'],
      ['deregister:apps/app2', 'pending'],
    ]);

    const second = fakePorts(f);
    const again = await executeRollback(second.ports, f.engine.ledger.latest(W)!, plan, 'Bob');
    expect(again.ok).toBe(true);
    expect(second.calls).toEqual([
      { what: 'up(overlay cleared)', stackId: 'apps/app1' },
      { what: 'stop apps/app2#0' },
      { what: 'start-reverse app1-reverse' },
      { what: 'deregister', stackId: 'apps/app2' },
    ]);
    expect(again.summary).toMatch(/^Rollback of wave-1 complete\.\nStacks: apps\/app2 back on the data-center config; apps\/app1 back on the data-center config\.\nReplication: apps\/app2#0 stopped; apps\/app1#0 stopped; reverse task app1-reverse started\.\nRegistrations: apps\/app2 deregistered\./);
    expect(f.engine.view(W).rollback!.steps.map((step) => step.status)).toEqual(['skipped', 'succeeded', 'succeeded', 'skipped', 'succeeded', 'succeeded']);
    const log = (await f.journal.read()).entries.filter((entry) => entry.kind === 'cutover-rollback' || entry.kind === 'cutover-compensate');
    expect(log.filter((entry) => entry.kind === 'cutover-rollback').map((entry) => entry.phase)).toEqual(['started', 'failed', 'started', 'succeeded']);
    expect(log.every((entry) => entry.parentOperationId)).toBe(true);
  });

  it('refuses to roll back a run that is still running', async () => {
    const f = (fixture = await engineFixture());
    await f.engine.start(W);
    await expect(f.engine.endForRollback(W, 'Alice')).rejects.toThrow(/is running; pause or abort it before rolling back/);
  });
  it('stops waiting promptly when the core shuts down, and the journal says where the rollback stood', async () => {
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    const fake = fakePorts(f);
    // DMS never reports app2's forward task stopped: without the shutdown the rollback would wait 10 minutes.
    fake.ports.dmsStop = async (taskKey) => {
      fake.calls.push({ what: `stop ${taskKey}` });
      fake.tasks.set(taskKey, 'stopping');
      return {} as ReplicationTaskView;
    };
    const shutdown = new AbortController();
    const ports: CompensationPorts = { ...fake.ports, stopTimeoutMs: 600_000 };
    const rollback = executeRollback(ports, f.engine.ledger.latest(W)!, plan, 'Alice', shutdown.signal);
    await eventually(() => fake.calls.some((call) => call.what === 'stop apps/app2#0'));
    const at = Date.now();
    shutdown.abort();
    const outcome = await rollback;
    expect(Date.now() - at).toBeLessThan(1000);
    expect(outcome.ok).toBe(false);
    expect(outcome.summary).toMatch(/^Rollback of wave-1 INTERRUPTED at "forward replication app2-mysql stopped": the cockpit shut down before it was done\./);
    expect(outcome.summary).toMatch(/Stacks: apps\/app2 back on the data-center config; apps\/app1 back on the data-center config\./);
    expect(outcome.summary).toMatch(/Roll back again to continue/);
    // Nothing after the interrupted step started.
    expect(fake.calls.map((call) => call.what)).toEqual(['up(overlay cleared)', 'up(overlay cleared)', 'stop apps/app2#0']);
    const log = (await f.journal.read()).entries;
    expect(log.filter((entry) => entry.kind === 'cutover-compensate' && entry.phase !== 'started').map((entry) => [(entry.target as { stepId: string }).stepId, entry.phase])).toEqual([
      ['config-back:apps/app2', 'succeeded'],
      ['config-back:apps/app1', 'succeeded'],
      ['stop-forward:apps/app2#0', 'interrupted'],
    ]);
    expect(log.at(-1)).toMatchObject({ kind: 'cutover-rollback', phase: 'interrupted', message: outcome.summary });
    expect(f.engine.view(W).rollback).toMatchObject({ status: 'failed' });
  });
});
