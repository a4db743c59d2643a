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

/** The monitor's view of the reverse task as the fake DMS moves it. */
interface ReverseState {
  status: string | null;
  phase: ReplicationTaskView['phase'];
  latency: number | null;
}

function fakePorts(
  f: EngineFixture,
  options: { failConfigBackOf?: string; afterReverseStart?: (reverse: ReverseState) => void } = {},
): { ports: CompensationPorts; calls: Call[]; overlays: Map<string, unknown>; tasks: Map<string, ReplicationTaskView['phase']>; reverse: ReverseState; parents: Map<string, string> } {
  const calls: Call[] = [];
  const overlays = new Map<string, unknown>([
    ['apps/app1', { trafficTarget: 'aws' }],
    ['apps/app2', { trafficTarget: 'aws' }],
  ]);
  const tasks = new Map<string, ReplicationTaskView['phase']>([
    ['apps/app1#0', 'stopped'],
    ['apps/app2#0', 'cdc'],
  ]);
  const reverse: ReverseState = { status: 'ready', phase: 'not-started', latency: null };
  // Which operation each DMS control action named as its parent.
  const parents = new Map<string, string>();
  const reverseView = (): ReplicationTaskView =>
    ({
      key: 'apps/app1#reverse',
      stackId: 'apps/app1',
      taskId: 'app1-reverse',
      status: reverse.status,
      phase: reverse.phase,
      resolution: null,
      lastFailureMessage: null,
      stopReason: null,
      latest: { cdcLatencyTargetSeconds: reverse.latency },
      freshness: { taskAt: '2026-12-05T02:00:00.000Z', stale: false, staleReason: null },
    }) as unknown as ReplicationTaskView;
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
    dmsStop: async (taskKey, parentOperationId) => {
      calls.push({ what: `stop ${taskKey}` });
      parents.set(`stop ${taskKey}`, parentOperationId);
      tasks.set(taskKey, 'stopped');
      return {} as ReplicationTaskView;
    },
    reverseTask: (stackId, taskId) => (stackId === 'apps/app1' && taskId === 'app1-reverse' ? reverseView() : undefined),
    startReverseTask: async (_stackId, taskId, parentOperationId) => {
      calls.push({ what: `start-reverse ${taskId}` });
      parents.set(`start-reverse ${taskId}`, parentOperationId);
      Object.assign(reverse, { status: 'starting', phase: 'starting' });
      if (options.afterReverseStart) options.afterReverseStart(reverse);
      else setTimeout(() => Object.assign(reverse, { status: 'running', phase: 'cdc', latency: 1 }), 10);
      return { action: 'start', view: reverseView() };
    },
    record: (input) => f.engine.record(input),
    pollMs: 5,
  };
  return { ports, calls, overlays, tasks, reverse, parents };
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
    // The DMS control actions name the compensating step they ran for.
    const compensation = (stepId: string) => log.find((entry) => entry.kind === 'cutover-compensate' && entry.phase === 'started' && (entry.target as { stepId: string }).stepId === stepId)!.operationId;
    expect(second.parents).toEqual(
      new Map([
        ['stop apps/app2#0', compensation('stop-forward:apps/app2#0')],
        ['start-reverse app1-reverse', compensation('start-reverse:apps/app1')],
      ]),
    );
  });

  it('waits for the started reverse task to replicate within the wave\'s latency gate', async () => {
    const gated = loadTestPlan(RUNBOOK_PLAN.replace('    cutoverWindow:', '    gates: { maxCdcLatencySeconds: 10, holdSeconds: 0, requireValidation: false }\n    cutoverWindow:'));
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    const fake = fakePorts(f, {
      afterReverseStart: (reverse) => {
        setTimeout(() => Object.assign(reverse, { status: 'running', phase: 'cdc', latency: 45 }), 10);
        setTimeout(() => Object.assign(reverse, { latency: 4 }), 80);
      },
    });
    const outcome = await executeRollback(fake.ports, f.engine.ledger.latest(W)!, gated, 'Alice');
    expect(outcome.ok).toBe(true);
    const started = f.engine.view(W).rollback!.steps.find((step) => step.id === 'start-reverse:apps/app1')!;
    expect(started).toMatchObject({ status: 'succeeded', message: 'app1-reverse start-replication accepted by DMS; caught up: latency 4 s within 10 s' });
    // Deregistration ran only after the reverse task caught up.
    expect(fake.calls.map((call) => call.what).slice(-2)).toEqual(['start-reverse app1-reverse', 'deregister']);
  });

  it('fails the compensation when the reverse task does not catch up in time, and stops there saying where things stand', async () => {
    const gated = loadTestPlan(RUNBOOK_PLAN.replace('    cutoverWindow:', '    gates: { maxCdcLatencySeconds: 10, holdSeconds: 0, requireValidation: false }\n    cutoverWindow:'));
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    const fake = fakePorts(f, { afterReverseStart: (reverse) => setTimeout(() => Object.assign(reverse, { status: 'running', phase: 'cdc', latency: 45 }), 5) });
    const outcome = await executeRollback({ ...fake.ports, catchUpTimeoutMs: 100 }, f.engine.ledger.latest(W)!, gated, 'Alice');
    expect(outcome.ok).toBe(false);
    expect(fake.calls.map((call) => call.what)).not.toContain('deregister');
    expect(outcome.summary.split('\n').slice(0, 3)).toEqual([
      'Rollback of wave-1 STOPPED at "reverse replication app1-reverse started (AWS → data center)": start-replication accepted by DMS, but app1-reverse did not catch up (replicating changes with latency within 10 s; latency 45 s) within 100 ms (now running, cdc).',
      'Stacks: apps/app2 back on the data-center config; apps/app1 back on the data-center config.',
      'Replication: apps/app2#0 stopped; apps/app1#0 stopped; reverse task app1-reverse not replicating within the latency gate (check whether it started) — FAILED: start-replication accepted by DMS, but app1-reverse did not catch up (replicating changes with latency within 10 s; latency 45 s) within 100 ms (now running, cdc).',
    ]);
    expect(outcome.summary).toMatch(/Registrations: apps\/app2 still registered\./);
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
