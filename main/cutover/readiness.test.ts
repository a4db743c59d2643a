import { describe, expect, it } from 'vitest';
import type { OperationView } from '../api/contract';
import { evaluateTaskGate, LatencyStreak } from '../dms/gates';
import type { JournalEntry } from '../journal/entry';
import { dataGate, dependenciesGate, indexPlan, infrastructureGate, registrationGate, stackHealth, stackSync, waveDone } from './readiness';
import { gateOf, MapSignals, phaseRunOf, readinessPlan, taskView } from './readiness-testing';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 5, 1, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();

const plan = readinessPlan({
  registries: [
    { id: 'cmdb', name: 'CMDB' },
    { id: 'itsm', name: 'ITSM' },
  ],
  waves: [
    { id: 'wave-1', stacks: [{ name: 'net' }, { name: 'db', tasks: 1 }] },
    { id: 'wave-2', dependsOn: ['wave-1'], stacks: [{ name: 'app', registries: ['cmdb', 'itsm'], tasks: 2 }, { name: 'web' }] },
  ],
});
const index = indexPlan(plan);
const stack = (id: string) => index.stacks.find((s) => s.id === id)!;

let opCounter = 0;
function operation(stackId: string, kind: OperationView['kind'], status: OperationView['status'], over: Partial<OperationView> = {}): OperationView {
  return {
    operationId: over.operationId ?? `op-${++opCounter}`,
    kind,
    stackId,
    parentOperationId: null,
    status,
    startedAt: at(0),
    finishedAt: status === 'running' ? null : at(MIN),
    message: null,
    expectedResources: null,
    counts: { started: 0, done: 0, failed: 0 },
    steps: [],
    changes: null,
    updateVersion: null,
    ...over,
  };
}

describe('the plan index', () => {
  it('lists the stacks of every wave with their task keys, registries by name and dependencies by position', () => {
    expect(index.waves.map((w) => [w.id, w.stacks.length, w.dependsOn])).toEqual([
      ['wave-1', 2, []],
      ['wave-2', 2, [0]],
    ]);
    expect(stack('apps/app')).toMatchObject({ taskKeys: ['apps/app#0', 'apps/app#1'], registries: [{ id: 'cmdb', name: 'CMDB' }, { id: 'itsm', name: 'ITSM' }] });
  });
});

describe('infrastructure gate', () => {
  it('is red for a stack never deployed, and follows the lifecycle when no operation is known', () => {
    const signals = new MapSignals();
    expect(infrastructureGate('apps/net', signals)).toMatchObject({ status: 'red', reasons: ['not deployed yet'] });
    signals.lifecycles.set('apps/net', { state: 'registered', since: at(0) });
    expect(infrastructureGate('apps/net', signals).status).toBe('green');
    signals.lifecycles.set('apps/net', { state: 'failed', since: at(0), detail: 'up failed: boom\nmore' });
    expect(infrastructureGate('apps/net', signals).reasons).toEqual(['failed: up failed: boom']);
  });

  it('is red while an operation runs ("deploy running"), green after a successful up', () => {
    const signals = new MapSignals();
    const up = operation('apps/net', 'up', 'running');
    expect(signals.infraSignals.observeOperation(up)).toBe(true);
    expect(signals.infraSignals.observeOperation(up)).toBe(false); // a later progress view of the same run changes nothing
    expect(infrastructureGate('apps/net', signals).reasons[0]).toMatch(/^deploy running \(started 01:00:00 UTC\)$/);
    signals.infraSignals.observeOperation({ ...up, status: 'succeeded', finishedAt: at(MIN) });
    expect(infrastructureGate('apps/net', signals)).toMatchObject({ status: 'green', reasons: [] });
    // A running view that arrives after the finished one (a list racing the events) is ignored.
    expect(signals.infraSignals.observeOperation(up)).toBe(false);
    expect(infrastructureGate('apps/net', signals).status).toBe('green');
  });

  it('is red after a failed or cancelled up, a rollback, a destroy and a recovery', () => {
    const signals = new MapSignals();
    signals.infraSignals.observeOperation(operation('apps/net', 'up', 'failed', { message: 'error: creating VPC: quota exceeded\nat x' }));
    expect(infrastructureGate('apps/net', signals).reasons).toEqual(['last deploy failed at 01:01:00 UTC: error: creating VPC: quota exceeded']);
    signals.infraSignals.observeOperation(operation('apps/net', 'up', 'cancelled'));
    expect(infrastructureGate('apps/net', signals).reasons[0]).toMatch(/last deploy was cancelled/);
    signals.infraSignals.observeOperation(operation('apps/net', 'rollback', 'succeeded'));
    expect(infrastructureGate('apps/net', signals).reasons[0]).toMatch(/^rolled back at 01:01:00 UTC: the stack runs its previous config/);
    signals.infraSignals.observeOperation(operation('apps/net', 'destroy', 'succeeded'));
    expect(infrastructureGate('apps/net', signals).reasons[0]).toMatch(/destroyed/);
    signals.infraSignals.observeOperation(operation('apps/net', 'recover', 'succeeded'));
    expect(infrastructureGate('apps/net', signals).reasons[0]).toMatch(/recovered .* deploy to converge/);
    // Previews, registrations and deregistrations do not decide the infrastructure.
    signals.infraSignals.observeOperation(operation('apps/net', 'up', 'succeeded'));
    signals.infraSignals.observeOperation(operation('apps/net', 'preview', 'failed'));
    signals.infraSignals.observeOperation(operation('apps/net', 'register', 'succeeded'));
    expect(infrastructureGate('apps/net', signals).status).toBe('green');
  });

  it('is red on drift found by a refresh until the next successful up; a clean refresh clears it too', () => {
    const signals = new MapSignals();
    signals.infraSignals.observeOperation(operation('apps/net', 'up', 'succeeded'));
    signals.infraSignals.observeOperation(operation('apps/net', 'refresh', 'succeeded', { changes: { same: 4, update: 1, delete: 1 } }));
    expect(infrastructureGate('apps/net', signals).reasons).toEqual(['drift: the refresh at 01:01:00 UTC found 1 update, 1 delete; deploy (up) to converge']);
    // A failed refresh says nothing new about drift.
    signals.infraSignals.observeOperation(operation('apps/net', 'refresh', 'failed', { changes: null }));
    expect(infrastructureGate('apps/net', signals).status).toBe('red');
    signals.infraSignals.observeOperation(operation('apps/net', 'up', 'succeeded'));
    expect(infrastructureGate('apps/net', signals).status).toBe('green');
    signals.infraSignals.observeOperation(operation('apps/net', 'refresh', 'succeeded', { changes: { update: 2 } }));
    expect(infrastructureGate('apps/net', signals).status).toBe('red');
    signals.infraSignals.observeOperation(operation('apps/net', 'refresh', 'succeeded', { changes: { same: 6 } }));
    expect(infrastructureGate('apps/net', signals).status).toBe('green');
  });

  it('remembers outcomes, drift and interrupted operations from the journal across a restart', () => {
    const entry = (seq: number, operationId: string, kind: JournalEntry['kind'], phase: JournalEntry['phase'], stackId: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
      seq,
      at: at(seq * MIN),
      actor: 'op@host',
      operationId,
      kind,
      target: { type: 'stack', stackId },
      phase,
      ...extra,
    });
    const signals = new MapSignals();
    signals.infraSignals.seedFromJournal([
      entry(1, 'a', 'up', 'started', 'apps/net'),
      entry(2, 'a', 'up', 'succeeded', 'apps/net'),
      entry(3, 'b', 'refresh', 'started', 'apps/net'),
      entry(4, 'b', 'refresh', 'succeeded', 'apps/net', { changes: { same: 2, update: 1 } }),
      entry(5, 'c', 'up', 'started', 'apps/db'),
      entry(6, 'd', 'up', 'started', 'apps/web'),
      entry(7, 'd', 'up', 'succeeded', 'apps/web'),
    ]);
    expect(infrastructureGate('apps/net', signals).reasons[0]).toMatch(/^drift: .*found 1 update/);
    expect(infrastructureGate('apps/db', signals).reasons[0]).toMatch(/^deploy interrupted at 01:05:00 UTC .*recover the stack/);
    expect(infrastructureGate('apps/web', signals).status).toBe('green');
  });
});

describe('registration gate', () => {
  it('is green with a note for a stack with no registry, unknown before the status is known, red per missing registry', () => {
    const signals = new MapSignals();
    expect(registrationGate(stack('apps/net'), signals)).toMatchObject({ status: 'green', reasons: ['registers with no registry'] });
    expect(registrationGate(stack('apps/app'), signals)).toMatchObject({ status: 'unknown', reasons: [expect.stringMatching(/not known yet/)] });
    signals.registrationMap.set('apps/app', [
      { registryId: 'cmdb', registrationId: 'cmdb-1' },
      { registryId: 'itsm', registrationId: null },
    ]);
    expect(registrationGate(stack('apps/app'), signals)).toMatchObject({ status: 'red', reasons: ['not registered with ITSM'] });
    signals.registrationMap.set('apps/app', [{ registryId: 'cmdb', registrationId: 'cmdb-1' }]);
    expect(registrationGate(stack('apps/app'), signals).reasons).toEqual(['not registered with ITSM']);
    signals.registrationMap.set('apps/app', [
      { registryId: 'cmdb', registrationId: 'cmdb-1' },
      { registryId: 'itsm', registrationId: 'INC-7' },
    ]);
    expect(registrationGate(stack('apps/app'), signals)).toMatchObject({ status: 'green', reasons: [] });
  });
});

describe('data gate', () => {
  const gates = { maxCdcLatencySeconds: 30, holdSeconds: 600, requireValidation: false, maxTableErrors: 0 };

  /** The monitor's gate for a task whose latency samples (one a minute) are `values`, judged at the last one. */
  function monitorGate(streak: LatencyStreak, now: number, over: { requireValidation?: boolean; validation?: ReturnType<typeof taskView>['validation']; staleReason?: string | null; validationReadAt?: number | null } = {}) {
    const view = taskView('apps/db#0', { validation: over.validation ?? null });
    return evaluateTaskGate({
      gates: { ...gates, requireValidation: over.requireValidation ?? false },
      noGatesReason: 'no gates',
      view,
      fullLoadFinished: true,
      validationReadAt: over.validationReadAt === undefined ? now - MIN : over.validationReadAt,
      validationMaxAgeMs: 10 * MIN,
      streak,
      sampleMaxAgeMs: 5 * MIN,
      staleReason: over.staleReason ?? null,
      now,
    });
  }
  const feed = (streak: LatencyStreak, from: number, values: number[]) => values.forEach((value, i) => streak.observe(T0 + (from + i) * MIN, value, 30));

  it('is green with a note for a stack with no replication tasks', () => {
    expect(dataGate(stack('apps/net'), new MapSignals())).toMatchObject({ status: 'green', reasons: ['no replication tasks'] });
  });

  it('is unknown before the monitor reports a task, and when the monitor itself is silent or degraded', () => {
    const signals = new MapSignals();
    expect(dataGate(stack('apps/db'), signals)).toMatchObject({ status: 'unknown', reasons: ['apps/db#0: no report from the DMS monitor yet'] });
    signals.tasks.set('apps/db#0', taskView('apps/db#0'));
    expect(dataGate(stack('apps/db'), signals).status).toBe('green');
    signals.monitorProblem = 'the DMS monitor has not reported since 01:00:00 UTC: replication data is not current';
    expect(dataGate(stack('apps/db'), signals)).toMatchObject({ status: 'unknown', reasons: [signals.monitorProblem] });
  });

  it('never counts stale or unresolved data as green, even when the view says green', () => {
    const signals = new MapSignals();
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { freshness: { taskAt: at(0), metricsAt: at(0), stale: true, staleReason: 'task data is 2 min old' } }));
    expect(dataGate(stack('apps/db'), signals)).toMatchObject({ status: 'unknown', reasons: ['db-task-1: task data is 2 min old'] });
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { phase: 'unresolved', taskId: null, resolution: 'apps/db has no output replicationTaskArn (is the stack deployed?)' }));
    expect(dataGate(stack('apps/db'), signals)).toMatchObject({ status: 'unknown', reasons: ['apps/db#0: apps/db has no output replicationTaskArn (is the stack deployed?)'] });
  });

  it('restarts the hold when latency flaps around the threshold, and shows how long is left', () => {
    const streak = new LatencyStreak(3 * MIN);
    // Under for 9 minutes, one sample just above, then under again for 4 minutes.
    feed(streak, 0, [29, 29, 29, 29, 29, 29, 29, 29, 29, 30.5, 29, 29, 29, 29, 29]);
    const signals = new MapSignals();
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 14 * MIN) }));
    const verdict = dataGate(stack('apps/db'), signals);
    expect(verdict.status).toBe('red');
    expect(verdict.holdRemainingSeconds).toBe(360);
    expect(verdict.reasons[0]).toMatch(/^db-task-1: CDC latency under 30 s for 4 min of the 10 min hold$/);
    // Latency exactly at the threshold counts as under; the hold completes 10 minutes after the flap.
    feed(streak, 15, [30, 30, 30, 30, 30, 30]);
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 20 * MIN) }));
    expect(dataGate(stack('apps/db'), signals)).toMatchObject({ status: 'green', holdRemainingSeconds: null });
  });

  it('goes red when a task restarts and must hold again from the restart', () => {
    const streak = new LatencyStreak(3 * MIN);
    feed(streak, 0, Array.from({ length: 12 }, () => 5));
    const signals = new MapSignals();
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 11 * MIN) }));
    expect(dataGate(stack('apps/db'), signals).status).toBe('green');
    // The task restarts: starting is not CDC, and the samples before the restart no longer count.
    streak.restartAt(T0 + 11 * MIN + 1);
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { phase: 'starting', gate: gateOf('red', ['the task is starting, not replicating changes (CDC)']) }));
    expect(dataGate(stack('apps/db'), signals)).toMatchObject({ status: 'red', reasons: ['db-task-1: the task is starting, not replicating changes (CDC)'] });
    feed(streak, 12, [5, 5, 5, 5, 5]);
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 16 * MIN) }));
    expect(dataGate(stack('apps/db'), signals)).toMatchObject({ status: 'red', holdRemainingSeconds: 360 });
    feed(streak, 17, [5, 5, 5, 5, 5, 5]);
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 22 * MIN) }));
    expect(dataGate(stack('apps/db'), signals).status).toBe('green');
  });

  it('needs a current validation reading when the wave requires validation, and blocks on mismatches wherever validation was read', () => {
    const streak = new LatencyStreak(3 * MIN);
    feed(streak, 0, Array.from({ length: 12 }, () => 5));
    const now = T0 + 11 * MIN;
    const signals = new MapSignals();
    const clean = { state: 'clean' as const, failedRecords: 0, suspendedRecords: 0 };
    const mismatched = { state: 'mismatched' as const, failedRecords: 12, suspendedRecords: 0 };
    // Required, never read: unknown.
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, now, { requireValidation: true, validationReadAt: null }) }));
    expect(dataGate(stack('apps/db'), signals)).toMatchObject({ status: 'unknown', reasons: ['db-task-1: validation not read yet'] });
    // Required and clean: green.
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { validation: clean, gate: monitorGate(streak, now, { requireValidation: true, validation: clean }) }));
    expect(dataGate(stack('apps/db'), signals).status).toBe('green');
    // Not required and never read: green.
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, now) }));
    expect(dataGate(stack('apps/db'), signals).status).toBe('green');
    // Not required, but read (the operator looked at the task) and mismatched: red.
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { validation: mismatched, gate: monitorGate(streak, now) }));
    expect(dataGate(stack('apps/db'), signals)).toMatchObject({ status: 'red', reasons: ['db-task-1: validation found 12 mismatched record(s)'] });
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { validation: { state: 'suspended', failedRecords: 0, suspendedRecords: 3 }, gate: monitorGate(streak, now) }));
    expect(dataGate(stack('apps/db'), signals).reasons).toEqual(['db-task-1: validation suspended for 3 record(s)']);
  });

  it('rolls several tasks up: red first, then unknown, with the longest hold', () => {
    const signals = new MapSignals();
    signals.tasks.set('apps/app#0', taskView('apps/app#0', { gate: gateOf('unknown', ['no CDCLatencyTarget datapoint yet']) }));
    signals.tasks.set('apps/app#1', taskView('apps/app#1', { gate: gateOf('red', ['CDC latency under 30 s for 1 min of the 10 min hold'], 540) }));
    expect(dataGate(stack('apps/app'), signals)).toEqual({
      status: 'red',
      reasons: ['app-task-2: CDC latency under 30 s for 1 min of the 10 min hold', 'app-task-1: no CDCLatencyTarget datapoint yet'],
      holdRemainingSeconds: 540,
    });
  });
});

describe('dependencies gate', () => {
  it('counts a wave without a runbook (infrastructure) as done once its stacks are deployed', () => {
    const plan = readinessPlan({
      waves: [
        { id: 'wave-0', runbook: false, stacks: [{ name: 'network' }] },
        { id: 'wave-1', dependsOn: ['wave-0'], stacks: [{ name: 'app' }] },
      ],
    });
    const infra = indexPlan(plan);
    const signals = new MapSignals();
    const cutOver = () => infra.waves.map((_, w) => waveDone(infra, w, signals));
    expect(dependenciesGate(infra, 1, cutOver(), signals)).toMatchObject({ status: 'red', reasons: ['depends on Wave wave-0 (wave-0), not deployed yet (0 of 1 stacks deployed)'] });
    signals.lifecycles.set('apps/network', { state: 'deployed', since: at(0) });
    expect(dependenciesGate(infra, 1, cutOver(), signals).status).toBe('green');
    // Rolled back (to its previous config) is still deployed: a dependent wave may deploy.
    signals.lifecycles.set('apps/network', { state: 'rolled-back', since: at(0) });
    expect(dependenciesGate(infra, 1, cutOver(), signals).status).toBe('green');
    signals.lifecycles.set('apps/network', { state: 'failed', since: at(0) });
    expect(dependenciesGate(infra, 1, cutOver(), signals).status).toBe('red');
  });

  it('is red until the latest cutover run of the wave it depends on succeeded, and red again once it is rolled back', () => {
    const signals = new MapSignals();
    const done = () => index.waves.map((_, w) => waveDone(index, w, signals));
    expect(dependenciesGate(index, 0, done(), signals)).toMatchObject({ status: 'green', reasons: ['depends on no other wave'] });
    expect(dependenciesGate(index, 1, done(), signals)).toMatchObject({ status: 'red', reasons: ['depends on Wave wave-1 (wave-1), not cut over yet: no cutover started'] });
    signals.runs.set('wave-1', phaseRunOf('running'));
    expect(dependenciesGate(index, 1, done(), signals).reasons[0]).toMatch(/its cutover is running/);
    signals.runs.set('wave-1', phaseRunOf('succeeded'));
    expect(dependenciesGate(index, 1, done(), signals).status).toBe('green');
    signals.runs.set('wave-1', phaseRunOf('succeeded', 'succeeded'));
    expect(dependenciesGate(index, 1, done(), signals).reasons[0]).toMatch(/its cutover was rolled back \(succeeded\)/);
    // Stacks in state cut-over do not make a wave done by themselves: the run decides.
    signals.lifecycles.set('apps/net', { state: 'cut-over', since: at(0) });
    signals.lifecycles.set('apps/db', { state: 'cut-over', since: at(0) });
    expect(dependenciesGate(index, 1, done(), signals).status).toBe('red');
  });
});

describe('sync and health, kept apart', () => {
  const op = (kind: OperationView['kind'], status: OperationView['status'], ms: number, changes: OperationView['changes'] = null) =>
    ({ operationId: `${kind}-${ms}`, kind, stackId: 'apps/app', status, startedAt: at(ms), finishedAt: status === 'running' ? null : at(ms + 1000), message: status === 'failed' ? 'boom' : null, changes }) as const;
  const index = indexPlan(readinessPlan({ waves: [{ id: 'w', stacks: [{ name: 'app', tasks: 1 }] }] }));
  const stack = index.stacks[0]!;

  it('says missing before a deploy, synced and healthy after one', () => {
    const signals = new MapSignals();
    expect(stackSync('apps/app', signals)).toEqual({ status: 'missing', reason: 'not deployed' });
    expect(stackHealth(stack, signals)).toEqual({ status: 'missing', reason: 'not deployed' });
    signals.infraSignals.observeOperation(op('up', 'running', 0));
    expect(stackHealth(stack, signals)).toMatchObject({ status: 'progressing', reason: 'deploy running since 01:00:00 UTC' });
    signals.infraSignals.observeOperation(op('up', 'succeeded', 0));
    signals.lifecycles.set('apps/app', { state: 'deployed', since: at(0) });
    expect(stackSync('apps/app', signals)).toEqual({ status: 'synced', reason: null });
    expect(stackHealth(stack, signals)).toEqual({ status: 'healthy', reason: null });
  });

  it('a stack rolled back to its previous config is healthy but out of sync; drift is out of sync; a failed deploy is degraded', () => {
    const signals = new MapSignals();
    signals.lifecycles.set('apps/app', { state: 'rolled-back', since: at(0) });
    signals.infraSignals.observeOperation(op('rollback', 'succeeded', 0));
    expect(stackSync('apps/app', signals)).toMatchObject({ status: 'out-of-sync', reason: 'rolled back at 01:00:01 UTC: runs its previous config' });
    expect(stackHealth(stack, signals).status).toBe('healthy');
    signals.infraSignals.observeOperation(op('up', 'succeeded', MIN));
    signals.infraSignals.observeOperation(op('refresh', 'succeeded', 2 * MIN, { update: 1, same: 3 }));
    expect(stackSync('apps/app', signals)).toMatchObject({ status: 'out-of-sync', reason: expect.stringMatching(/^drift: .*1 update/) });
    signals.infraSignals.observeOperation(op('up', 'failed', 3 * MIN));
    expect(stackSync('apps/app', signals)).toMatchObject({ status: 'out-of-sync', reason: 'deploy failed at 01:03:01 UTC: partly applied' });
    expect(stackHealth(stack, signals)).toMatchObject({ status: 'degraded', reason: 'deploy failed at 01:03:01 UTC: boom' });
  });

  it('a failed replication task makes the stack degraded; a task stopped at cutover does not', () => {
    const signals = new MapSignals();
    signals.lifecycles.set('apps/app', { state: 'cut-over', since: at(0) });
    signals.infraSignals.observeOperation(op('up', 'succeeded', 0));
    signals.tasks.set('apps/app#0', { ...taskView('apps/app#0', { gate: gateOf('green') }), phase: 'stopped' });
    expect(stackHealth(stack, signals).status).toBe('healthy');
    signals.tasks.set('apps/app#0', { ...taskView('apps/app#0', { gate: gateOf('red') }), phase: 'failed', taskId: 'app-task', lastFailureMessage: 'Last Error: disk full' });
    expect(stackHealth(stack, signals)).toEqual({ status: 'degraded', reason: 'replication task app-task failed: Last Error: disk full' });
  });
});
