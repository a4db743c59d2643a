import { describe, expect, it } from 'vitest';
import type { OperationView } from '../api/contract';
import type { JournalEntry } from '../journal/entry';
import { dmsTrack } from '../tracks/dms/track';
import { taskKeysOf } from '../tracks/dms/readiness';
import { gateLayout } from './gate-columns';
import { dependenciesGate, indexPlan, infrastructureGate, registrationGate, seatJudges, stackHealth, stackSync, waveDone } from './readiness';
import { gateOf, MapSignals, phaseRunOf, readinessPlan, taskView, twoWavePlan } from './readiness-testing';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 5, 1, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();

const plan = twoWavePlan();
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
    expect(stack('apps/app')).toMatchObject({
      registries: [
        { id: 'cmdb', name: 'CMDB' },
        { id: 'itsm', name: 'ITSM' },
      ],
    });
    expect(taskKeysOf(stack('apps/app').model)).toEqual(['apps/app#0', 'apps/app#1']);
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
    const entry = (
      seq: number,
      operationId: string,
      kind: JournalEntry['kind'],
      phase: JournalEntry['phase'],
      stackId: string,
      extra: Partial<JournalEntry> = {},
    ): JournalEntry => ({
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
    expect(dependenciesGate(infra, 1, cutOver(), signals)).toMatchObject({
      status: 'red',
      reasons: ['depends on Wave wave-0 (wave-0), not deployed yet (0 of 1 stacks deployed)'],
    });
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
    expect(dependenciesGate(index, 1, done(), signals)).toMatchObject({
      status: 'red',
      reasons: ['depends on Wave wave-1 (wave-1), not cut over yet: no cutover started'],
    });
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
    ({
      operationId: `${kind}-${ms}`,
      kind,
      stackId: 'apps/app',
      status,
      startedAt: at(ms),
      finishedAt: status === 'running' ? null : at(ms + 1000),
      message: status === 'failed' ? 'boom' : null,
      changes,
    }) as const;
  const healthPlan = readinessPlan({ waves: [{ id: 'w', stacks: [{ name: 'app', tasks: 1 }] }] });
  const index = indexPlan(healthPlan);
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

  it('a failed health check of the latest cutover run makes the stack degraded, not healthy', () => {
    const signals = new MapSignals();
    signals.lifecycles.set('apps/app', { state: 'cut-over', since: at(0) });
    signals.infraSignals.observeOperation(op('up', 'succeeded', 0));
    signals.runs.set('w', {
      ...phaseRunOf('failed'),
      failedHealthChecks: { 'apps/app': { what: 'HTTP 503', stepName: 'Health check on AWS', at: at(5 * MIN) } },
    });
    expect(stackHealth(stack, signals)).toEqual({ status: 'degraded', reason: "health check failed: HTTP 503 (step 'Health check on AWS', 01:05:00 UTC)" });
    signals.runs.set('w', phaseRunOf('failed', 'succeeded'));
    expect(stackHealth(stack, signals)).toEqual({ status: 'healthy', reason: null });
  });

  it('a failed replication task makes the stack degraded; a task stopped at cutover does not', () => {
    const signals = new MapSignals();
    signals.lifecycles.set('apps/app', { state: 'cut-over', since: at(0) });
    signals.infraSignals.observeOperation(op('up', 'succeeded', 0));
    // The DMS track's judge sees the tasks in the monitor's events.
    const judges = seatJudges(healthPlan, gateLayout([dmsTrack]));
    const tasks = (task: ReturnType<typeof taskView>) => judges[0]!.judge.observe({ type: 'dms.tasks', tasks: [task] }, T0);
    tasks({ ...taskView('apps/app#0', { gate: gateOf('green') }), phase: 'stopped' });
    expect(stackHealth(stack, signals, judges).status).toBe('healthy');
    tasks({ ...taskView('apps/app#0', { gate: gateOf('red') }), phase: 'failed', taskId: 'app-task', lastFailureMessage: 'Last Error: disk full' });
    expect(stackHealth(stack, signals, judges)).toEqual({ status: 'degraded', reason: 'replication task app-task failed: Last Error: disk full' });
    // Without the track, a failed task is not the core's to see.
    expect(stackHealth(stack, signals).status).toBe('healthy');
  });
});
