import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CockpitEvent, RegistrationStatus, StackLifecycle, WaveReadinessView } from '../api/contract';
import { gateOf, POLLING_MONITOR, readinessPlan, runViewOf, taskView } from '../cutover/readiness-testing';
import { CORE_TRACKS } from '../tracks/index';
import { ReadinessService } from './readiness-service';

const T0 = Date.UTC(2026, 11, 5, 1, 0, 0);

const plan = readinessPlan({
  registries: [{ id: 'cmdb', name: 'CMDB' }],
  waves: [
    { id: 'wave-1', stacks: [{ name: 'db', tasks: 1 }] },
    { id: 'wave-2', dependsOn: ['wave-1'], stacks: [{ name: 'app', registries: ['cmdb'], tasks: 1 }] },
  ],
});

const monitor = POLLING_MONITOR;

function setup(options: { dataClock?: () => number | undefined } = {}) {
  const published: WaveReadinessView[] = [];
  const lifecycles = new Map<string, StackLifecycle>([
    ['apps/db', { state: 'deployed', since: new Date(T0).toISOString() }],
    ['apps/app', { state: 'registered', since: new Date(T0).toISOString() }],
  ]);
  const registrations = new Map<string, RegistrationStatus[]>([['apps/app', [{ registryId: 'cmdb', registrationId: 'c-1' }]]]);
  const service = new ReadinessService({
    tracks: CORE_TRACKS,
    publish: (event: CockpitEvent) => {
      if (event.type === 'cutover.readiness') published.push(event.wave);
    },
    lifecycleOf: (stackId) => lifecycles.get(stackId) ?? { state: 'planned', since: new Date(T0).toISOString() },
    registrationsOf: (stackId) => registrations.get(stackId) ?? null,
    ...options,
  });
  const observe = (event: CockpitEvent) => service.observe(event);
  const greenTasks = () => observe({ type: 'dms.tasks', tasks: [taskView('apps/db#0'), taskView('apps/app#0')] });
  return { service, published, lifecycles, registrations, observe, greenTasks };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('readiness service', () => {
  it('judges every wave when a plan is set and publishes each once', async () => {
    const { service, published, observe, greenTasks } = setup();
    service.setPlan(plan);
    observe({ type: 'dms.monitor', monitor });
    greenTasks();
    await vi.advanceTimersByTimeAsync(0);
    expect(published.map((wave) => [wave.waveId, wave.ready])).toEqual([
      ['wave-1', true],
      ['wave-2', false],
    ]);
    const wave2 = published[1]!;
    expect(wave2.blockingReasons).toEqual(['depends on Wave wave-1 (wave-1), not cut over yet: no cutover started']);
    expect(wave2.blockingCount).toBe(1);
    expect(wave2.stacks[0]!.gates.map((gate) => [gate.gate, gate.status, gate.greenSince])).toEqual([
      ['infrastructure', 'green', new Date(T0).toISOString()],
      ['registration', 'green', new Date(T0).toISOString()],
      ['data', 'green', new Date(T0).toISOString()],
      ['dependencies', 'red', null],
    ]);
    expect(published[0]!.readySince).toBe(new Date(T0).toISOString());
    service.close();
  });

  it('recomputes at most 4 times a second however many events arrive, and publishes only changed waves', async () => {
    const { service, published, observe, greenTasks } = setup();
    service.setPlan(plan);
    observe({ type: 'dms.monitor', monitor });
    greenTasks();
    await vi.advanceTimersByTimeAsync(0);
    published.length = 0;
    const before = service.stats.evaluations;
    // 2 seconds of bursts: 100 events every 20 ms, nothing that changes a gate.
    for (let i = 0; i < 100; i++) {
      greenTasks();
      observe({ type: 'stack.lifecycle', stackId: 'apps/db', lifecycle: { state: 'deployed', since: new Date(T0).toISOString() } });
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(300);
    const evaluations = service.stats.evaluations - before;
    expect(evaluations).toBeGreaterThanOrEqual(8);
    expect(evaluations).toBeLessThanOrEqual(10);
    expect(published).toEqual([]);
    // One task goes red: only its wave is published again, with the unchanged stacks' objects reused.
    observe({ type: 'dms.tasks', tasks: [taskView('apps/app#0', { gate: gateOf('red', ["CDC latency 45 s is above the gate's 30 s"]) })] });
    await vi.advanceTimersByTimeAsync(300);
    expect(published.map((wave) => wave.waveId)).toEqual(['wave-2']);
    expect(published[0]!.stacks[0]!.gates[2]).toMatchObject({
      status: 'red',
      greenSince: null,
      reasons: ["app-task-1: CDC latency 45 s is above the gate's 30 s"],
    });
    service.close();
  });

  it('keeps green-since across recomputes, resets it when a gate leaves green, and keeps readySince likewise', async () => {
    const { service, published, observe, greenTasks } = setup();
    service.setPlan(plan);
    observe({ type: 'dms.monitor', monitor });
    greenTasks();
    await vi.advanceTimersByTimeAsync(0);
    const firstSince = service.snapshot('wave-1')[0]!.stacks[0]!.gates[2]!.greenSince;
    // A minute of monitor cycles every 5 s, nothing changing.
    for (let i = 0; i < 12; i++) {
      await vi.advanceTimersByTimeAsync(5_000);
      observe({ type: 'dms.monitor', monitor });
      greenTasks();
    }
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-1')[0]!.stacks[0]!.gates[2]!.greenSince).toBe(firstSince);
    expect(service.snapshot('wave-1')[0]!.readySince).toBe(new Date(T0).toISOString());
    // The task restarts (red), then is green again: green-since and readySince start over.
    observe({ type: 'dms.tasks', tasks: [taskView('apps/db#0', { phase: 'starting', gate: gateOf('red', ['the task is starting']) })] });
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-1')[0]).toMatchObject({ ready: false, readySince: null });
    observe({ type: 'dms.tasks', tasks: [taskView('apps/db#0')] });
    const now = new Date(Date.now()).toISOString(); // the last evaluation was 300 ms ago: this one runs at once
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-1')[0]!.stacks[0]!.gates[2]!.greenSince).toBe(now);
    expect(service.snapshot('wave-1')[0]!.readySince).toBe(now);
    // Infrastructure stayed green all along.
    expect(service.snapshot('wave-1')[0]!.stacks[0]!.gates[0]!.greenSince).toBe(new Date(T0).toISOString());
    expect(published.filter((wave) => wave.waveId === 'wave-1').length).toBe(3);
    service.close();
  });

  it('turns data gates unknown when the monitor falls silent, without any event', async () => {
    const { service, observe, greenTasks } = setup();
    service.setPlan(plan);
    observe({ type: 'dms.monitor', monitor });
    greenTasks();
    await vi.advanceTimersByTimeAsync(0);
    expect(service.snapshot('wave-1')[0]!.ready).toBe(true);
    // Silent for longer than max(15 s, 3 × 5 s) + 5 s: the periodic re-check notices.
    await vi.advanceTimersByTimeAsync(25_000);
    const wave = service.snapshot('wave-1')[0]!;
    expect(wave.ready).toBe(false);
    expect(wave.stacks[0]!.gates[2]).toMatchObject({
      status: 'unknown',
      reasons: ['the DMS monitor has not reported since 01:00:00 UTC: replication data is not current'],
    });
    service.close();
  });

  it("follows operations (a running deploy turns infrastructure red) and the published runs (the wave's phase and its dependents)", async () => {
    const { service, observe, greenTasks } = setup();
    service.setPlan(plan);
    observe({ type: 'dms.monitor', monitor });
    greenTasks();
    const operation = {
      operationId: 'op-1',
      kind: 'up' as const,
      stackId: 'apps/db',
      parentOperationId: null,
      status: 'running' as const,
      startedAt: new Date(T0).toISOString(),
      finishedAt: null,
      message: null,
      expectedResources: null,
      counts: { started: 0, done: 0, failed: 0 },
      steps: [],
      changes: null,
      updateVersion: null,
    };
    observe({ type: 'operation.updated', operation });
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-1')[0]!.stacks[0]!.gates[0]).toMatchObject({ status: 'red', reasons: ['deploy running (started 01:00:00 UTC)'] });
    observe({ type: 'operation.updated', operation: { ...operation, status: 'succeeded', finishedAt: new Date(T0 + 1000).toISOString() } });
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-1')[0]!.ready).toBe(true);

    expect(service.snapshot('wave-2')[0]!.ready).toBe(false);
    expect(service.snapshot('wave-1')[0]).toMatchObject({ phase: 'ready' });
    observe({ type: 'cutover.updated', run: runViewOf('wave-1', 'running') });
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-1')[0]).toMatchObject({ phase: 'cutover-in-progress' });
    observe({ type: 'cutover.updated', run: runViewOf('wave-1', 'succeeded') });
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-2')[0]).toMatchObject({ ready: true, blockingReasons: [], blockingCount: 0 });
    expect(service.snapshot('wave-1')[0]).toMatchObject({ phase: 'cut-over', phaseSince: '2026-12-05T02:00:00.000Z' });
    observe({ type: 'cutover.updated', run: runViewOf('wave-1', 'succeeded', 'succeeded') });
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-1')[0]).toMatchObject({ phase: 'rolled-back', phaseSince: '2026-12-05T02:30:00.000Z' });
    expect(service.snapshot('wave-2')[0]!.ready).toBe(false);
    service.close();
  });

  it('says "deploying" while a wave deploy runs, and lets a cut-over wave deploy again', async () => {
    const { service, observe, greenTasks, lifecycles } = setup();
    lifecycles.delete('apps/db');
    service.setPlan(plan);
    observe({ type: 'dms.monitor', monitor });
    greenTasks();
    const deploy = {
      operationId: 'w-1',
      kind: 'wave-deploy' as const,
      waveId: 'wave-1',
      status: 'running' as const,
      startedAt: new Date(T0).toISOString(),
      finishedAt: null,
      message: null,
      stacks: [],
    };
    observe({ type: 'wave.updated', operation: deploy });
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-1')[0]).toMatchObject({
      phase: 'not-deployed',
      phaseDetail: 'deploying: 0 of 1 stack deployed',
      deploying: { deployed: 0, total: 1 },
    });
    lifecycles.set('apps/db', { state: 'deployed', since: new Date(T0).toISOString() });
    observe({ type: 'wave.updated', operation: { ...deploy, status: 'succeeded', finishedAt: new Date(T0 + 1000).toISOString() } });
    await vi.advanceTimersByTimeAsync(300);
    expect(service.snapshot('wave-1')[0]).toMatchObject({ phase: 'ready', deploying: null, deployRefusal: null });

    observe({ type: 'cutover.updated', run: runViewOf('wave-1', 'succeeded') });
    await vi.advanceTimersByTimeAsync(300);
    // A cut-over wave may be deployed again: the cutover's config overlay goes with every operation on its stacks.
    expect(service.snapshot('wave-1')[0]!.deployRefusal).toBeNull();
    service.close();
  });

  it('answers with nothing without a plan, and leaves no timer behind when closed', async () => {
    const { service, observe } = setup();
    expect(service.snapshot()).toEqual([]);
    service.setPlan(plan);
    observe({ type: 'dms.monitor', monitor });
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    service.close();
    expect(vi.getTimerCount()).toBe(0);
    observe({ type: 'dms.monitor', monitor });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times green-since, ready-since and the hold end on the data clock (a rehearsal 60x faster), not the wall clock', async () => {
    const DATA0 = Date.UTC(2026, 11, 5, 9, 0, 0);
    const rate = 60;
    const { service, published, observe } = setup({ dataClock: () => DATA0 + (Date.now() - T0) * rate });
    service.setPlan(plan);
    observe({ type: 'dms.monitor', monitor });
    // wave-1's task holds: 120 data-clock seconds to go.
    const holding = {
      status: 'red' as const,
      reasons: ['latency held 60 s of 180 s'],
      latencyUnderSince: new Date(DATA0 - 60_000).toISOString(),
      holdRemainingSeconds: 120,
    };
    observe({ type: 'dms.tasks', tasks: [taskView('apps/db#0', { gate: holding }), taskView('apps/app#0')] });
    await vi.advanceTimersByTimeAsync(1000);
    const dataGate = () => service.snapshot('wave-1')[0]!.stacks[0]!.gates[2]!;
    const at = (realMs: number) => new Date(DATA0 + realMs * rate).toISOString();
    // Judged when the plan was set (real +0): the hold ends 120 s later on the data clock.
    expect(dataGate()).toMatchObject({ status: 'red', holdRemainingSeconds: 120, holdEndsAt: new Date(DATA0 + 120_000).toISOString() });
    expect(service.snapshot('wave-1')[0]!.stacks[0]!.gates[0]!.greenSince).toBe(at(0));

    // Two real seconds later (two data minutes), the hold has passed: green since then on the data clock.
    vi.advanceTimersByTime(1000);
    observe({ type: 'dms.tasks', tasks: [taskView('apps/db#0')] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(dataGate()).toMatchObject({ status: 'green', greenSince: at(2000), holdEndsAt: null });
    expect(published.at(-1)).toMatchObject({ waveId: 'wave-1', ready: true, readySince: at(2000) });
    service.close();
  });

  it('publishes no new view while a hold with a known end only counts down (the views count down from holdEndsAt)', async () => {
    const { service, published, observe } = setup();
    service.setPlan(plan);
    observe({ type: 'dms.monitor', monitor });
    const ends = new Date(T0 + 300_000).toISOString();
    const holding = (left: number) => ({
      status: 'red' as const,
      reasons: ['CDC latency under 30 s since 01:00:00 UTC; the 5 min hold ends at 01:05:00 UTC (data clock)'],
      latencyUnderSince: new Date(T0).toISOString(),
      holdRemainingSeconds: left,
      holdEndsAt: ends,
    });
    observe({ type: 'dms.tasks', tasks: [taskView('apps/db#0', { gate: holding(240) }), taskView('apps/app#0')] });
    await vi.advanceTimersByTimeAsync(1000);
    const before = published.length;
    expect(service.snapshot('wave-1')[0]!.stacks[0]!.gates[2]).toMatchObject({ status: 'red', holdEndsAt: ends });
    for (const left of [180, 120, 60]) {
      observe({ type: 'dms.tasks', tasks: [taskView('apps/db#0', { gate: holding(left) })] });
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(published.filter((wave) => wave.waveId === 'wave-1')).toHaveLength(published.slice(0, before).filter((wave) => wave.waveId === 'wave-1').length);
    service.close();
  });
});
