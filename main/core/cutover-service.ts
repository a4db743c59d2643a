// Wires the cutover runbook into the core: the engine (main/cutover/runbook.ts) with its action ports on the
// stack service (Pulumi operations), the replication service (DMS views, series, task control) and fetch; the
// rollback across systems; the evidence pack from the journal; the cutover config of cut-over stacks (applied to
// every operation on them until a rollback removes it), rebuilt from the journal at start.
import os from 'node:os';
import type { CockpitEvent, CutoverRunView, LifecycleState, OperationView, ReplicationTaskView, SeriesPoints } from '../api/contract';
import { CommandError } from '../api/dispatcher';
import { createActions, type OverlayConfig } from '../cutover/actions';
import { exportEvidence } from '../cutover/evidence';
import type { Readiness } from '../cutover/ledger';
import { executeRollback } from '../cutover/rollback-across';
import { RunbookEngine } from '../cutover/runbook';
import { awsTargetOf, sdkReplicationApi, type ReplicationApi } from '../dms/clients';
import { hasRun } from '../dms/phase';
import type { JournalEntry } from '../journal/entry';
import type { Journal } from '../journal/journal';
import type { MigrationPlan } from '../plan/model';
import type { OperationBody } from '../pulumi/operations';

export interface CutoverServiceOptions {
  readonly journal: Journal;
  /** The journal as it was at start: runs, their steps and the cutover config of stacks are rebuilt from it. */
  readonly history: readonly JournalEntry[];
  readonly plan: () => MigrationPlan | undefined;
  readonly publish: (event: CockpitEvent) => void;
  readonly log: (line: string) => void;
  /** Whether a wave may cut over (the readiness gates), with the reasons when not. */
  readonly isWaveReady: (waveId: string) => Readiness | Promise<Readiness>;
  readonly runOperation: (stackId: string, body: OperationBody, parentOperationId: string, signal?: AbortSignal) => Promise<OperationView>;
  readonly stackOutputs: (stackId: string) => Readonly<Record<string, unknown>> | undefined;
  readonly dmsTasks: () => readonly ReplicationTaskView[];
  readonly dmsSeries: (taskKey: string) => readonly SeriesPoints[];
  readonly dmsStop: (taskKey: string) => Promise<ReplicationTaskView>;
  /** The AWS endpoint of the rehearsal environment, for reverse tasks of a plan that targets it. */
  readonly rehearsalAwsUrl: () => string | undefined;
  readonly setLifecycle: (stackId: string, state: LifecycleState, detail: string) => void;
  /** Marks a wave cut over (or not, after a rollback) for the readiness of the waves that depend on it. */
  readonly onWaveCutOver?: (waveId: string, cutOver: boolean) => void;
  /** Scrubs secrets from what leaves the core. */
  readonly redact: <T>(value: T) => T;
  readonly fetch?: typeof fetch;
  readonly pollMs?: number;
  readonly minuteMs?: number;
  /** Reverse-task starts (default: the DMS API of the plan's target). */
  readonly reverseTaskApi?: (plan: MigrationPlan) => ReplicationApi | { unavailable: string };
}

export class CutoverService {
  readonly engine: RunbookEngine;
  private readonly overlays = new Map<string, OverlayConfig>();
  private readonly rollingBack = new Set<string>();

  constructor(private readonly options: CutoverServiceOptions) {
    this.restoreOverlays(options.history);
    const actions = createActions({
      runOperation: (stackId, body, parent, signal) => options.runOperation(stackId, body, parent, signal),
      setConfigOverlay: (stackId, overlay) => this.setOverlay(stackId, overlay),
      stackOutputs: options.stackOutputs,
      dmsTasks: options.dmsTasks,
      dmsSeries: options.dmsSeries,
      dmsStop: options.dmsStop,
      fetch: options.fetch ?? fetch,
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    });
    this.engine = new RunbookEngine(
      {
        journal: options.journal,
        plan: options.plan,
        isWaveReady: options.isWaveReady,
        dmsStats: (waveId) => this.dmsStats(waveId),
        runAction: actions.run,
        plannedDetails: actions.plannedDetails,
        publish: (run) => options.publish({ type: 'cutover.updated', run: options.redact(run) }),
        defaultActor,
        onRunEnded: (run) => {
          if (run.status !== 'succeeded') return;
          safely(() => options.onWaveCutOver?.(run.waveId, true));
          for (const stackId of options.plan()?.waves.find((wave) => wave.id === run.waveId)?.stackIds ?? []) {
            options.setLifecycle(stackId, 'cut-over', `cutover of ${run.waveId} succeeded (${run.finishedAt ?? ''})`);
          }
        },
        log: options.log,
        ...(options.minuteMs !== undefined ? { minuteMs: options.minuteMs } : {}),
      },
      options.history,
    );
  }

  /** The cutover config of a cut-over stack (for every Pulumi operation on it), or undefined. */
  overlayOf(stackId: string): OverlayConfig | undefined {
    return this.overlays.get(stackId);
  }

  state(waveId?: string): CutoverRunView[] {
    return this.options.redact(this.engine.views(waveId));
  }

  /** Rolls the wave's latest run back across systems; answers at once, the rollback goes on in the background. */
  async rollback(waveId: string, by?: string): Promise<CutoverRunView> {
    const plan = this.options.plan();
    if (!plan) throw new CommandError('failed', 'no plan is loaded');
    if (this.rollingBack.has(waveId)) throw new CommandError('busy', `wave '${waveId}' is being rolled back already`);
    const who = by ?? defaultActor();
    const run = await this.engine.endForRollback(waveId, who);
    const before = run.rollbacks.length;
    let settled = false;
    this.rollingBack.add(waveId);
    const started = executeRollback(
      {
        runOperation: this.options.runOperation,
        setConfigOverlay: (stackId, overlay) => this.setOverlay(stackId, overlay),
        dmsTasks: this.options.dmsTasks,
        dmsStop: this.options.dmsStop,
        startReverseTask: (taskId) => this.startReverseTask(taskId),
        record: (input) => this.engine.record(input),
        ...(this.options.pollMs !== undefined ? { pollMs: this.options.pollMs } : {}),
      },
      run,
      plan,
      who,
    )
      .then(({ ok }) => {
        if (!ok) return;
        safely(() => this.options.onWaveCutOver?.(waveId, false));
        for (const stackId of plan.waves.find((wave) => wave.id === waveId)?.stackIds ?? []) {
          this.options.setLifecycle(stackId, 'rolled-back', `cutover of ${waveId} rolled back`);
        }
      })
      .catch((error: unknown) => this.options.log(`rollback of ${waveId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
      .finally(() => {
        settled = true;
        this.rollingBack.delete(waveId);
      });
    this.pending.add(started);
    void started.finally(() => this.pending.delete(started));
    // The rollback's start is journaled first; answer with the view that shows it.
    await this.until(() => settled || run.rollbacks.length > before);
    return this.engine.view(waveId);
  }

  /** Resolves when every rollback running now has ended (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  async evidence(waveId: string, format: 'markdown' | 'html'): Promise<{ fileName: string; content: string }> {
    const plan = this.options.plan();
    if (!plan) throw new CommandError('failed', 'no plan is loaded');
    if (!plan.waves.some((wave) => wave.id === waveId)) throw new CommandError('not-found', `wave '${waveId}' is not in the loaded plan`);
    const { entries, damaged } = await this.options.journal.read();
    return exportEvidence({ plan, waveId, entries, damagedLines: damaged.length, generatedAt: new Date().toISOString(), generatedBy: `${defaultActor()}@${os.hostname()}` }, format);
  }

  async close(): Promise<void> {
    await this.engine.close();
    await this.idle();
  }

  private readonly pending = new Set<Promise<void>>();

  private setOverlay(stackId: string, overlay: OverlayConfig | undefined): void {
    if (overlay) this.overlays.set(stackId, { ...overlay });
    else this.overlays.delete(stackId);
  }

  /**
   * A stack's cutover config as the journal left it: set when a pulumi-up step started on its wave, removed when a
   * rollback's config-back started on it.
   */
  private restoreOverlays(history: readonly JournalEntry[]): void {
    for (const entry of history) {
      if (entry.phase !== 'started') continue;
      if (entry.kind === 'cutover-step' && entry.details?.overlay && Array.isArray(entry.details.stacks)) {
        for (const stackId of entry.details.stacks as string[]) this.overlays.set(stackId, entry.details.overlay as OverlayConfig);
      } else if (entry.kind === 'cutover-compensate' && entry.details?.action === 'config-back' && typeof entry.details.stackId === 'string') {
        this.overlays.delete(entry.details.stackId);
      }
    }
  }

  private dmsStats(waveId: string): Record<string, unknown>[] {
    const stacks = new Set(this.options.plan()?.waves.find((wave) => wave.id === waveId)?.stackIds ?? []);
    return this.options
      .dmsTasks()
      .filter((task) => stacks.has(task.stackId))
      .map((task) => ({
        taskKey: task.key,
        taskId: task.taskId,
        stackId: task.stackId,
        status: task.status,
        phase: task.phase,
        fullLoadPercent: task.fullLoadPercent,
        tables: task.tables,
        cdcLatencySourceSeconds: task.latest.cdcLatencySourceSeconds,
        cdcLatencyTargetSeconds: task.latest.cdcLatencyTargetSeconds,
        cdcIncomingChanges: task.latest.cdcIncomingChanges,
        validation: task.validation,
        gate: task.gate.status,
        metricsAt: task.freshness.metricsAt,
        stale: task.freshness.stale,
      }));
  }

  /** Starts a reverse CDC task (first run: start-replication; after a stop: resume-processing). */
  private async startReverseTask(taskId: string): Promise<string> {
    const plan = this.options.plan();
    if (!plan) throw new Error('no plan is loaded');
    const api = this.options.reverseTaskApi?.(plan) ?? defaultReverseApi(plan, this.options.rehearsalAwsUrl());
    if ('unavailable' in api) throw new Error(`cannot start reverse task ${taskId}: ${api.unavailable}`);
    const signal = AbortSignal.timeout(30_000);
    try {
      const { tasks } = await api.describeTasks({ filters: [{ Name: 'replication-task-id', Values: [taskId] }] }, signal);
      const task = tasks[0];
      if (!task?.ReplicationTaskArn) throw new Error(`DMS has no replication task '${taskId}' (the plan's fallback reverse task)`);
      if (task.Status === 'running' || task.Status === 'starting') return `${taskId} was already ${task.Status}`;
      const type = hasRun(task) ? 'resume-processing' : 'start-replication';
      const after = await api.startTask(task.ReplicationTaskArn, type, signal);
      return `${taskId}: ${type} accepted by DMS${after?.Status ? ` (status ${after.Status})` : ''}`;
    } finally {
      api.close();
    }
  }

  private async until(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function defaultReverseApi(plan: MigrationPlan, rehearsalAwsUrl: string | undefined): ReplicationApi | { unavailable: string } {
  const target = awsTargetOf(plan, rehearsalAwsUrl);
  return target.ok ? sdkReplicationApi(target.target) : { unavailable: target.message };
}

function safely(work: () => void): void {
  try {
    work();
  } catch {
    // A plan reloaded without the wave: nothing to mark.
  }
}

function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'operator';
  }
}

/** Readiness from the DMS wave gates, until the readiness service is wired in: green means ready. */
export function readinessFromGates(
  plan: MigrationPlan | undefined,
  waves: readonly { waveId: string; status: string; reasons: readonly string[] }[],
  waveId: string,
): Readiness {
  const wave = plan?.waves.find((candidate) => candidate.id === waveId);
  if (!wave) return { ready: false, reasons: [`wave '${waveId}' is not in the loaded plan`] };
  const hasTasks = wave.stackIds.some((stackId) => (plan!.stacks.get(stackId)?.replicationTasks.length ?? 0) > 0);
  if (!hasTasks) return { ready: true, reasons: [] };
  const gate = waves.find((candidate) => candidate.waveId === waveId);
  if (!gate) return { ready: false, reasons: ['no replication gate reading for this wave yet'] };
  return gate.status === 'green' ? { ready: true, reasons: [] } : { ready: false, reasons: gate.reasons.length > 0 ? [...gate.reasons] : [`replication gate is ${gate.status}`] };
}
