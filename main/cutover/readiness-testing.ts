// Builders for readiness tests and benchmarks: a plan model without the YAML round trip, task views as the DMS
// monitor shows them (with the gate judged by main/tracks/dms/monitor/gates.ts), and signals over plain maps.
import type { CutoverRunView, GateStatus, MonitorStatusView, RegistrationStatus, ReplicationTaskView, StackLifecycle, TaskGateView } from '../api/contract';
import type { MigrationPlan, StackModel, WaveModel } from '../plan/model';
import type { Gates } from '../tracks/dms/plan-schema';
import { InfraSignals, type ReadinessSignals } from './readiness';
import type { PhaseRun } from './wave-phase';

export interface PlanSpec {
  readonly registries?: readonly { readonly id: string; readonly name: string }[];
  readonly waves: readonly {
    readonly id: string;
    readonly dependsOn?: readonly string[];
    readonly gates?: Gates;
    /** Whether the wave has a cutover runbook (default true); an infrastructure wave has none. */
    readonly runbook?: boolean;
    readonly stacks: readonly { readonly name: string; readonly registries?: readonly string[]; readonly tasks?: number }[];
  }[];
}

export function readinessPlan(spec: PlanSpec): MigrationPlan {
  const stacks = new Map<string, StackModel>();
  const waves = spec.waves.map((wave, index) => {
    for (const stack of wave.stacks) {
      const id = `apps/${stack.name}`;
      stacks.set(id, {
        id,
        name: stack.name,
        project: 'apps',
        waveId: wave.id,
        account: null,
        region: 'eu-central-1',
        regionFrom: 'environment',
        config: {},
        registries: [...(stack.registries ?? [])],
        replicationTasks: Array.from({ length: stack.tasks ?? 0 }, (_, t) => ({ taskId: `${stack.name}-task-${t + 1}` })),
      } as unknown as StackModel);
    }
    return {
      id: wave.id,
      name: `Wave ${wave.id}`,
      order: index + 1,
      dependsOn: [...(wave.dependsOn ?? [])],
      maxParallel: 4,
      gates: wave.gates,
      ...(wave.runbook === false ? {} : { cutover: { downtimeBudgetMinutes: 30, runbook: [] } }),
      stackIds: wave.stacks.map((stack) => `apps/${stack.name}`),
    } as unknown as WaveModel;
  });
  return {
    file: '/tmp/readiness-test/migration.yaml',
    name: 'readiness test',
    environment: { aws: { region: 'eu-central-1', endpoint: 'rehearsal' }, pulumi: { secretsProvider: 'passphrase' } },
    projects: [{ name: 'apps', program: 'app-instance' }],
    registries: (spec.registries ?? []).map((registry) => ({ ...registry, baseUrl: 'rehearsal' })),
    accounts: [],
    stacks,
    waves,
  } as unknown as MigrationPlan;
}

const GREEN_GATE: TaskGateView = { status: 'green', reasons: [], latencyUnderSince: '2026-12-05T00:00:00.000Z', holdRemainingSeconds: 0 };

/** A task view in CDC, current, gate green, unless `over` says otherwise. */
/**
 * Two waves as the readiness tests use them: wave-1 with a stack without tasks (net) and one with a task (db), and
 * wave-2, depending on it, with a stack registering with two registries and replicating two tasks (app) and one
 * without either (web).
 */
export function twoWavePlan(): MigrationPlan {
  return readinessPlan({
    registries: [
      { id: 'cmdb', name: 'CMDB' },
      { id: 'itsm', name: 'ITSM' },
    ],
    waves: [
      { id: 'wave-1', stacks: [{ name: 'net' }, { name: 'db', tasks: 1 }] },
      { id: 'wave-2', dependsOn: ['wave-1'], stacks: [{ name: 'app', registries: ['cmdb', 'itsm'], tasks: 2 }, { name: 'web' }] },
    ],
  });
}

/** The DMS monitor polling, with nothing wrong: the status its monitor event carries. */
export const POLLING_MONITOR: MonitorStatusView = {
  state: 'polling',
  target: 'rehearsal',
  intervalSeconds: 5,
  lastCycleAt: null,
  lastCycleMs: 10,
  lastCycleCalls: {},
  message: null,
  dataClock: null,
};

export function taskView(key: string, over: Partial<ReplicationTaskView> = {}): ReplicationTaskView {
  const stackId = key.slice(0, key.indexOf('#'));
  return {
    key,
    stackId,
    waveId: 'wave-1',
    taskId: `${stackId.slice(stackId.indexOf('/') + 1)}-task-${Number(key.slice(key.indexOf('#') + 1)) + 1}`,
    arn: null,
    resolution: null,
    phase: 'cdc',
    status: 'running',
    stopReason: null,
    lastFailureMessage: null,
    migrationType: 'full-load-and-cdc',
    fullLoadPercent: 100,
    tables: { loaded: 4, loading: 0, queued: 0, errored: 0 },
    latest: { cdcLatencySourceSeconds: 1, cdcLatencyTargetSeconds: 3, cdcIncomingChanges: 10, cdcThroughputRowsTarget: 40, fullLoadThroughputRowsTarget: 0 },
    fullLoadEtaSeconds: null,
    cdcTrend: 'steady',
    validation: null,
    freshness: { taskAt: '2026-12-05T01:00:00.000Z', metricsAt: '2026-12-05T01:00:00.000Z', stale: false, staleReason: null },
    gate: GREEN_GATE,
    ...over,
  };
}

export const gateOf = (status: GateStatus, reasons: string[] = [], holdRemainingSeconds: number | null = null): TaskGateView => ({
  status,
  reasons,
  latencyUnderSince: null,
  holdRemainingSeconds,
});

/** Signals over plain maps, for the pure evaluation's tests. */
export class MapSignals implements ReadinessSignals {
  readonly infraSignals = new InfraSignals();
  readonly lifecycles = new Map<string, StackLifecycle>();
  readonly registrationMap = new Map<string, RegistrationStatus[]>();
  readonly tasks = new Map<string, ReplicationTaskView>();
  readonly runs = new Map<string, PhaseRun>();
  monitorProblem: string | null = null;

  infra(stackId: string) {
    return this.infraSignals.get(stackId);
  }
  lifecycle(stackId: string): StackLifecycle {
    return this.lifecycles.get(stackId) ?? { state: 'planned', since: '2026-12-05T00:00:00.000Z' };
  }
  registrations(stackId: string): readonly RegistrationStatus[] | null {
    return this.registrationMap.get(stackId) ?? null;
  }
  task(key: string) {
    return this.tasks.get(key);
  }
  run(waveId: string): PhaseRun | undefined {
    return this.runs.get(waveId);
  }
}

/** A wave's latest run as the phase sees it: `succeeded` at 02:00, optionally rolled back at 02:30. */
export function phaseRunOf(status: PhaseRun['status'], rollback: 'running' | 'succeeded' | 'failed' | null = null, finalized = false): PhaseRun {
  return {
    status,
    startedAt: '2026-12-05T01:00:00.000Z',
    finishedAt: status === 'succeeded' || status === 'aborted' ? '2026-12-05T02:00:00.000Z' : null,
    message: null,
    finalized: finalized ? { by: 'ops', at: '2026-12-05T03:00:00.000Z', reason: 'accepted by the change board' } : null,
    rollback: rollback
      ? { status: rollback, startedAt: '2026-12-05T02:10:00.000Z', finishedAt: rollback === 'running' ? null : '2026-12-05T02:30:00.000Z' }
      : null,
    currentStepName: null,
  };
}

/** A run view with no steps (for the services' event streams). */
export function runViewOf(waveId: string, status: CutoverRunView['status'], rollback: 'running' | 'succeeded' | 'failed' | null = null): CutoverRunView {
  const run = phaseRunOf(status, rollback);
  return {
    waveId,
    runId: 'run-1',
    status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    startedBy: 'ops',
    readinessAtStart: { ready: true, reasons: [] },
    override: null,
    clock: { windowStart: null, windowEnd: null, downtimeBudgetMinutes: 30, downtimeStartedAt: null, downtimeEndedAt: null, asOf: run.startedAt! },
    currentStepId: null,
    message: null,
    steps: [],
    rollback: run.rollback
      ? { rollbackId: 'rb-1', ...run.rollback, startedBy: 'ops', reason: 'the application team asked for it', steps: [], summary: null, nextSteps: [] }
      : null,
    finalized: null,
    rollbackPlan: [],
    noWayBack: [],
    rollbackImpact: [],
    timeline: [],
    planChanges: [],
  };
}
