import { afterEach, describe, expect, it } from 'vitest';
import type { OperationView, ReplicationTaskView } from '../api/contract';
import type { OperationBody } from '../pulumi/operations';
import { buildEvidence, renderMarkdown } from './evidence';
import { configKeysInWords } from './core-actions';
import { executeRollback as executeRollbackOf, planCompensations as planCompensationsOf } from './rollback-across';
import { engineFixture, eventually, loadTestPlan, rollbackPorts, RUNBOOK_PLAN, TEST_CATALOG, type EngineFixture } from './runbook-testing';

/** One fake for the core's runtime and the DMS track's, with the rollback's journal. */
type CompensationPorts = Parameters<typeof rollbackPorts>[0];
const executeRollback = (fake: CompensationPorts, ...rest: Parameters<typeof executeRollbackOf> extends [unknown, ...infer R] ? R : never) =>
  executeRollbackOf(rollbackPorts(fake), ...rest);
const planCompensations = (run: Parameters<typeof planCompensationsOf>[0], plan: Parameters<typeof planCompensationsOf>[1]) =>
  planCompensationsOf(run, plan, TEST_CATALOG);

let fixture: EngineFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const W = 'wave-1';
const plan = loadTestPlan();

/** A run that got through the switch and the registration (app2 registered by it), then failed its health check. */
async function cutOverRun(planText = RUNBOOK_PLAN): Promise<EngineFixture> {
  const f = (fixture = await engineFixture({ plan: loadTestPlan(planText.replace('mustSucceed: false', 'mustSucceed: true')) }));
  f.actions.set('switch', async (context) => ({
    ok: true,
    message: 'switched',
    details: { overlay: { trafficTarget: 'aws' }, stacks: [...context.wave.stackIds] },
  }));
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

/** The monitor's view of the reverse task as the fake DMS moves it; sample times on the fake data clock. */
interface ReverseState {
  status: string | null;
  phase: ReplicationTaskView['phase'];
  latency: number | null;
  latencyAt: number;
}

/** The data time the fake monitor notes when the reverse task is started. */
const STARTED_AT = 1_000;

function fakePorts(
  f: EngineFixture,
  options: { failConfigBackOf?: string; afterReverseStart?: (reverse: ReverseState) => void; reverse?: Partial<ReverseState> } = {},
): {
  ports: CompensationPorts;
  calls: Call[];
  overlays: Map<string, unknown>;
  tasks: Map<string, ReplicationTaskView['phase']>;
  reverse: ReverseState;
  parents: Map<string, string>;
} {
  const calls: Call[] = [];
  const overlays = new Map<string, unknown>([
    ['apps/app1', { trafficTarget: 'aws' }],
    ['apps/app2', { trafficTarget: 'aws' }],
  ]);
  const tasks = new Map<string, ReplicationTaskView['phase']>([
    ['apps/app1#0', 'stopped'],
    ['apps/app2#0', 'cdc'],
  ]);
  const reverse: ReverseState = { status: 'ready', phase: 'not-started', latency: null, latencyAt: 0, ...options.reverse };
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
      [...tasks].map(
        ([key, phase]) =>
          ({
            key,
            stackId: key.split('#')[0]!,
            taskId: key.replace('apps/', '').replace('#0', '-mysql'),
            phase,
            status: phase === 'cdc' ? 'running' : phase,
          }) as unknown as ReplicationTaskView,
      ),
    dmsStop: async (taskKey, parentOperationId) => {
      calls.push({ what: `stop ${taskKey}` });
      parents.set(`stop ${taskKey}`, parentOperationId);
      tasks.set(taskKey, 'stopped');
      return {} as ReplicationTaskView;
    },
    reverseTask: (stackId, taskId) => (stackId === 'apps/app1' && taskId === 'app1-reverse' ? reverseView() : undefined),
    reverseLatency: (stackId, taskId) =>
      stackId === 'apps/app1' && taskId === 'app1-reverse' && reverse.latency !== null ? { seconds: reverse.latency, at: reverse.latencyAt } : null,
    startReverseTask: async (_stackId, taskId, parentOperationId) => {
      calls.push({ what: `start-reverse ${taskId}` });
      parents.set(`start-reverse ${taskId}`, parentOperationId);
      Object.assign(reverse, { status: 'starting', phase: 'starting' });
      if (options.afterReverseStart) options.afterReverseStart(reverse);
      else setTimeout(() => Object.assign(reverse, { status: 'running', phase: 'cdc', latency: 1, latencyAt: STARTED_AT }), 10);
      return { action: 'start', view: reverseView(), since: STARTED_AT };
    },
    unwatchReverseTask: (_stackId, taskId) => void calls.push({ what: `unwatch ${taskId}` }),
    record: (input) => f.engine.record(input),
    pollMs: 5,
  };
  return { ports, calls, overlays, tasks, reverse, parents };
}

describe('rollback across systems', () => {
  it('plans the compensations data first, then config, then deregistrations, each in reverse order', async () => {
    const f = await cutOverRun();
    const run = f.engine.ledger.latest(W)!;
    // Users go back to the data center (config-back) only once its database has the writes made on AWS.
    expect(planCompensations(run, plan).map((step) => step.id)).toEqual([
      'stop-forward:apps/app2#0',
      'stop-forward:apps/app1#0',
      'start-reverse:apps/app1',
      'config-back:apps/app2',
      'config-back:apps/app1',
      'deregister:apps/app2',
    ]);
    // The run's view carries the same plan for the confirmation, naming the fallback reverse task.
    expect(f.engine.view(W).rollbackPlan.map((step) => [step.id, step.label, step.done])).toEqual([
      ['stop-forward:apps/app2#0', 'forward replication app2-mysql stopped', false],
      ['stop-forward:apps/app1#0', 'forward replication app1-mysql stopped', false],
      ['start-reverse:apps/app1', 'reverse replication app1-reverse started (AWS → data center)', false],
      ['config-back:apps/app2', 'stack config back to the data center: apps/app2 (removes traffic target)', false],
      ['config-back:apps/app1', 'stack config back to the data center: apps/app1 (removes traffic target)', false],
      ['deregister:apps/app2', 'registration of apps/app2 removed (the cutover created it)', false],
    ]);
    // A run that never got past its manual step changed nothing the cockpit can undo.
    const early = structuredClone(run);
    for (const step of early.steps.slice(1)) step.attempt = 0;
    expect(planCompensations(early, plan)).toEqual([]);
  });

  it('stops at the first failed compensation and says where every system stands; a second rollback continues', async () => {
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    // The second config-back fails: by then every system has something done, something failed or something left.
    const first = fakePorts(f, { failConfigBackOf: 'apps/app1' });
    const outcome = await executeRollback(first.ports, f.engine.ledger.latest(W)!, plan, 'Alice');
    expect(outcome.ok).toBe(false);
    expect(first.calls).toEqual([
      { what: 'stop apps/app2#0' },
      { what: 'start-reverse app1-reverse' },
      { what: 'up(overlay cleared)', stackId: 'apps/app2' },
      { what: 'up(overlay cleared)', stackId: 'apps/app1' },
    ]);
    expect(outcome.summary.split('\n')).toEqual([
      'Rollback of wave-1 STOPPED at "stack config back to the data center: apps/app1 (removes traffic target)": deploy failed: error: resource app-dns: timeout.',
      'Stacks: apps/app2 back on the data-center config; apps/app1 may be partly updated (check its last update); its cutover config is removed from the workspace — FAILED: deploy failed: error: resource app-dns: timeout.',
      'Replication: apps/app2#0 stopped; apps/app1#0 stopped; reverse task app1-reverse started.',
      'Registrations: apps/app2 still registered.',
      'Manual steps without a rollback step in the plan (check them): announce (Announce).',
      'Fix the cause, then roll back again: steps already done are not repeated.',
    ]);
    const view = f.engine.view(W);
    expect(view.status).toBe('aborted');
    expect(view.rollback).toMatchObject({ status: 'failed', startedBy: 'Alice', summary: outcome.summary });
    expect(view.rollback!.steps.map((step) => [step.id, step.status])).toEqual([
      ['stop-forward:apps/app2#0', 'succeeded'],
      ['stop-forward:apps/app1#0', 'skipped'],
      ['start-reverse:apps/app1', 'succeeded'],
      ['config-back:apps/app2', 'succeeded'],
      ['config-back:apps/app1', 'failed'],
      ['deregister:apps/app2', 'pending'],
    ]);
    // What the next rollback would do: the compensations done (or skipped) are marked, the rest are still to do.
    expect(view.rollbackPlan.map((step) => [step.id, step.done])).toEqual([
      ['stop-forward:apps/app2#0', true],
      ['stop-forward:apps/app1#0', true],
      ['start-reverse:apps/app1', true],
      ['config-back:apps/app2', true],
      ['config-back:apps/app1', false],
      ['deregister:apps/app2', false],
    ]);
    const log = async () => (await f.journal.read()).entries.filter((entry) => entry.kind === 'cutover-rollback' || entry.kind === 'cutover-compensate');
    // The DMS control actions name the compensating step they ran for.
    const compensation = async (stepId: string) =>
      (await log()).find((entry) => entry.kind === 'cutover-compensate' && entry.phase === 'started' && (entry.target as { stepId: string }).stepId === stepId)!
        .operationId;
    expect(first.parents).toEqual(
      new Map([
        ['stop apps/app2#0', await compensation('stop-forward:apps/app2#0')],
        ['start-reverse app1-reverse', await compensation('start-reverse:apps/app1')],
      ]),
    );

    const second = fakePorts(f);
    const again = await executeRollback(second.ports, f.engine.ledger.latest(W)!, plan, 'Bob');
    expect(again.ok).toBe(true);
    expect(second.calls).toEqual([
      { what: 'up(overlay cleared)', stackId: 'apps/app1' },
      { what: 'deregister', stackId: 'apps/app2' },
    ]);
    expect(again.summary).toMatch(
      /^Rollback of wave-1 complete\.\nStacks: apps\/app2 back on the data-center config; apps\/app1 back on the data-center config\.\nReplication: apps\/app2#0 stopped; apps\/app1#0 stopped; reverse task app1-reverse started\.\nRegistrations: apps\/app2 deregistered\./,
    );
    expect(f.engine.view(W).rollback!.steps.map((step) => step.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'succeeded', 'succeeded']);
    const entries = await log();
    expect(entries.filter((entry) => entry.kind === 'cutover-rollback').map((entry) => entry.phase)).toEqual(['started', 'failed', 'started', 'succeeded']);
    expect(entries.every((entry) => entry.parentOperationId)).toBe(true);
    // The name typed for each rollback is on its compensating steps and its end, not only on its start.
    // Alice's: 5 compensating steps (started and ended) and the end; Bob's: 2 steps and the end.
    expect(entries.filter((entry) => entry.kind === 'cutover-compensate' || entry.phase !== 'started').map((entry) => entry.details?.by)).toEqual([
      ...Array<string>(11).fill('Alice'),
      ...Array<string>(5).fill('Bob'),
    ]);
    // A compensation that found nothing to undo reads so in the evidence, not as a warning.
    const md = renderMarkdown(
      buildEvidence({
        catalog: TEST_CATALOG,
        plan,
        waveId: W,
        entries: (await f.journal.read()).entries,
        generatedAt: new Date().toISOString(),
        generatedBy: 'tester',
      }),
    );
    expect(md).toMatch(/\| stop-forward:apps\/app1\\#0 \| apps\/app1 \| nothing to do \| app1-mysql was already stopped \|/);
    expect(md).not.toMatch(/skipped/i);
  });

  it('says in operator words which cutover config a stack loses, falling back to the key it does not know', () => {
    expect(configKeysInWords(['trafficTarget'])).toBe('traffic target');
    expect(configKeysInWords(['trafficTarget', 'dnsTtl', 'awsAddress', 'featureFlag'])).toBe('traffic target, DNS TTL, AWS address, featureFlag');
    expect(configKeysInWords(['toString'])).toBe('toString');
  });

  it("waits for the started reverse task to replicate within the wave's latency gate before any config goes back", async () => {
    const gated = loadTestPlan(
      RUNBOOK_PLAN.replace('    cutoverWindow:', '    gates: { maxCdcLatencySeconds: 10, holdSeconds: 0, requireValidation: false }\n    cutoverWindow:'),
    );
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    const fake = fakePorts(f, {
      afterReverseStart: (reverse) => {
        setTimeout(() => Object.assign(reverse, { status: 'running', phase: 'cdc', latency: 45, latencyAt: STARTED_AT }), 10);
        setTimeout(() => Object.assign(reverse, { latency: 4, latencyAt: STARTED_AT + 60_000 }), 80);
      },
    });
    // The reverse task's latency when each stack's config went back (users sent to the data center).
    const latencyAtConfigBack: (number | null)[] = [];
    const runOperation = fake.ports.runOperation!;
    fake.ports.runOperation = async (stackId, body, parent, signal) => {
      if (body.kind === 'up') latencyAtConfigBack.push(fake.reverse.latency);
      return runOperation(stackId, body, parent, signal);
    };
    const outcome = await executeRollback(fake.ports, f.engine.ledger.latest(W)!, gated, 'Alice');
    expect(outcome.ok).toBe(true);
    const started = f.engine.view(W).rollback!.steps.find((step) => step.id === 'start-reverse:apps/app1')!;
    expect(started).toMatchObject({ status: 'succeeded', message: 'app1-reverse start-replication accepted by DMS; caught up: latency 4 s within 10 s' });
    expect(fake.calls.map((call) => call.what)).toEqual([
      'stop apps/app2#0',
      'start-reverse app1-reverse',
      'up(overlay cleared)',
      'up(overlay cleared)',
      'deregister',
    ]);
    expect(latencyAtConfigBack).toEqual([4, 4]);
  });

  it('judges the catch-up only on latency samples from after the start, never on one from before the task stopped', async () => {
    const gated = loadTestPlan(
      RUNBOOK_PLAN.replace('    cutoverWindow:', '    gates: { maxCdcLatencySeconds: 10, holdSeconds: 0, requireValidation: false }\n    cutoverWindow:'),
    );
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    // The monitor holds a low latency from the task's earlier run, a minute before the rollback resumes it.
    const fake = fakePorts(f, {
      reverse: { status: 'stopped', phase: 'stopped', latency: 1, latencyAt: STARTED_AT - 60_000 },
      afterReverseStart: (reverse) => {
        setTimeout(() => Object.assign(reverse, { status: 'running', phase: 'cdc' }), 5);
        setTimeout(() => Object.assign(reverse, { latency: 45, latencyAt: STARTED_AT }), 60);
        setTimeout(() => Object.assign(reverse, { latency: 4, latencyAt: STARTED_AT + 60_000 }), 120);
      },
    });
    const outcome = await executeRollback(fake.ports, f.engine.ledger.latest(W)!, gated, 'Alice');
    expect(outcome.ok).toBe(true);
    expect(f.engine.view(W).rollback!.steps.find((step) => step.id === 'start-reverse:apps/app1')).toMatchObject({
      status: 'succeeded',
      message: 'app1-reverse start-replication accepted by DMS; caught up: latency 4 s within 10 s',
    });
  });

  it('never counts the task as caught up without a latency sample since the start, and says so', async () => {
    const gated = loadTestPlan(
      RUNBOOK_PLAN.replace('    cutoverWindow:', '    gates: { maxCdcLatencySeconds: 10, holdSeconds: 0, requireValidation: false }\n    cutoverWindow:'),
    );
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    const stale = fakePorts(f, {
      reverse: { status: 'stopped', phase: 'stopped', latency: 1, latencyAt: STARTED_AT - 60_000 },
      afterReverseStart: (reverse) => void setTimeout(() => Object.assign(reverse, { status: 'running', phase: 'cdc' }), 5),
    });
    const timedOut = await executeRollback({ ...stale.ports, catchUpTimeoutMs: 100 }, f.engine.ledger.latest(W)!, gated, 'Alice');
    expect(timedOut.ok).toBe(false);
    expect(timedOut.summary).toMatch(
      /app1-reverse did not catch up \(replicating changes with latency within 10 s; latency not read since the start yet\) within 100 ms \(now running, cdc\)/,
    );
  });

  it('fails the compensation when the reverse task does not catch up in time, stops following it, and sends no user back', async () => {
    const gated = loadTestPlan(
      RUNBOOK_PLAN.replace('    cutoverWindow:', '    gates: { maxCdcLatencySeconds: 10, holdSeconds: 0, requireValidation: false }\n    cutoverWindow:'),
    );
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    const fake = fakePorts(f, {
      afterReverseStart: (reverse) => setTimeout(() => Object.assign(reverse, { status: 'running', phase: 'cdc', latency: 45, latencyAt: STARTED_AT }), 5),
    });
    const outcome = await executeRollback({ ...fake.ports, catchUpTimeoutMs: 100 }, f.engine.ledger.latest(W)!, gated, 'Alice');
    expect(outcome.ok).toBe(false);
    // No config went back and nothing was deregistered; the monitor no longer follows the task.
    expect(fake.calls.map((call) => call.what)).toEqual(['stop apps/app2#0', 'start-reverse app1-reverse', 'unwatch app1-reverse']);
    expect(outcome.summary.split('\n').slice(0, 3)).toEqual([
      'Rollback of wave-1 STOPPED at "reverse replication app1-reverse started (AWS → data center)": start-replication accepted by DMS, but app1-reverse did not catch up (replicating changes with latency within 10 s; latency 45 s) within 100 ms (now running, cdc).',
      'Stacks: apps/app2 still on the cutover config; apps/app1 still on the cutover config.',
      'Replication: apps/app2#0 stopped; apps/app1#0 stopped; reverse task app1-reverse not replicating within the latency gate (check whether it started) — FAILED: start-replication accepted by DMS, but app1-reverse did not catch up (replicating changes with latency within 10 s; latency 45 s) within 100 ms (now running, cdc).',
    ]);
    expect(outcome.summary).toMatch(/Registrations: apps\/app2 still registered\./);
  });

  it("journals the typed reason and lists the plan's manual rollback steps as the next things to do, latest first", async () => {
    const withUndo = RUNBOOK_PLAN.replace(
      'manual: "Tell the <service desk>" }',
      'manual: "Tell the <service desk>", rollback: "Tell the service desk the cutover is rolled back" }',
    );
    const f = await cutOverRun(withUndo);
    await f.engine.endForRollback(W, 'Alice');
    const impact = [
      { stackId: 'apps/app1', loss: 'none' as const, switchedAt: null, estimatedRows: null, basis: 'a reverse task carries its writes back' },
      { stackId: 'apps/app2', loss: 'writes' as const, switchedAt: '2026-12-05T01:20:00.000Z', estimatedRows: 1452.4, basis: '2.4 rows/s × 10 min' },
    ];
    const outcome = await executeRollback(
      fakePorts(f).ports,
      f.engine.ledger.latest(W)!,
      loadTestPlan(withUndo),
      'Alice',
      undefined,
      'the health check failed on AWS',
      impact,
    );
    expect(outcome.summary).toContain("Next, by hand: 1. Tell the service desk the cutover is rolled back (undoes 'Announce')");
    expect(outcome.summary).not.toContain('without a rollback step');
    const view = f.engine.view(W).rollback!;
    expect(view).toMatchObject({
      reason: 'the health check failed on AWS',
      startedBy: 'Alice',
      nextSteps: ["Tell the service desk the cutover is rolled back (undoes 'Announce')"],
    });
    const md = renderMarkdown(
      buildEvidence({
        catalog: TEST_CATALOG,
        plan: loadTestPlan(withUndo),
        waveId: W,
        entries: (await f.journal.read()).entries,
        generatedAt: new Date().toISOString(),
        generatedBy: 'tester',
      }),
    );
    expect(md).toContain('**Reason:** the health check failed on AWS');
    // The loss the operator accepted is on record, the stack that loses nothing is not listed.
    expect(md).toContain('**Data loss accepted:** apps/app2: about 1,452 rows written on AWS since the switch (2.4 rows/s × 10 min)');
    expect(md).not.toMatch(/Data loss accepted:[^\n]*apps\/app1/);
    expect(md).toContain("**Next, by hand:** 1. Tell the service desk the cutover is rolled back (undoes 'Announce')");
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
    // app2's forward task stops; DMS never reports app1's stopped: without the shutdown the rollback would wait 10 minutes.
    fake.tasks.set('apps/app1#0', 'cdc');
    fake.ports.dmsStop = async (taskKey) => {
      fake.calls.push({ what: `stop ${taskKey}` });
      fake.tasks.set(taskKey, taskKey === 'apps/app2#0' ? 'stopped' : 'stopping');
      return {} as ReplicationTaskView;
    };
    const shutdown = new AbortController();
    const ports: CompensationPorts = { ...fake.ports, stopTimeoutMs: 600_000 };
    const rollback = executeRollback(ports, f.engine.ledger.latest(W)!, plan, 'Alice', shutdown.signal);
    await eventually(() => fake.calls.some((call) => call.what === 'stop apps/app1#0'));
    const at = Date.now();
    shutdown.abort();
    const outcome = await rollback;
    expect(Date.now() - at).toBeLessThan(1000);
    expect(outcome.ok).toBe(false);
    expect(outcome.summary).toMatch(/^Rollback of wave-1 INTERRUPTED at "forward replication app1-mysql stopped": the cockpit shut down before it was done\./);
    expect(outcome.summary).toMatch(/Stacks: apps\/app2 still on the cutover config; apps\/app1 still on the cutover config\./);
    expect(outcome.summary).toMatch(
      /Replication: apps\/app2#0 stopped; apps\/app1#0 may still run — FAILED: interrupted: .*; reverse task app1-reverse not started\./,
    );
    expect(outcome.summary).toMatch(/Roll back again to continue/);
    // Nothing after the interrupted step started.
    expect(fake.calls.map((call) => call.what)).toEqual(['stop apps/app2#0', 'stop apps/app1#0']);
    const log = (await f.journal.read()).entries;
    expect(
      log
        .filter((entry) => entry.kind === 'cutover-compensate' && entry.phase !== 'started')
        .map((entry) => [(entry.target as { stepId: string }).stepId, entry.phase]),
    ).toEqual([
      ['stop-forward:apps/app2#0', 'succeeded'],
      ['stop-forward:apps/app1#0', 'interrupted'],
    ]);
    expect(log.at(-1)).toMatchObject({ kind: 'cutover-rollback', phase: 'interrupted', message: outcome.summary });
    expect(f.engine.view(W).rollback).toMatchObject({ status: 'failed' });
  });

  it('stops following the reverse task when its compensation is interrupted', async () => {
    const f = await cutOverRun();
    await f.engine.endForRollback(W, 'Alice');
    // The reverse task never gets going: the rollback waits on it until the core shuts down.
    const fake = fakePorts(f, { afterReverseStart: () => {} });
    const shutdown = new AbortController();
    const rollback = executeRollback(fake.ports, f.engine.ledger.latest(W)!, plan, 'Alice', shutdown.signal);
    await eventually(() => fake.calls.some((call) => call.what === 'start-reverse app1-reverse'));
    shutdown.abort();
    const outcome = await rollback;
    expect(outcome.summary).toMatch(/^Rollback of wave-1 INTERRUPTED at "reverse replication app1-reverse started/);
    expect(fake.calls.map((call) => call.what)).toEqual(['stop apps/app2#0', 'start-reverse app1-reverse', 'unwatch app1-reverse']);
  });
});
