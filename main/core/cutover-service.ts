// Wires the cutover runbook into the core: the engine (main/cutover/runbook.ts) with its action ports on the
// stack service (Pulumi operations), the replication service (DMS views, series, task control) and fetch; the
// rollback across systems; the evidence pack from the journal; the cutover config of cut-over stacks (applied to
// every operation on them until a rollback removes it), rebuilt from the journal at start.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { CockpitEvent, CutoverRunView, DataClockView, LifecycleState, OperationView, ReplicationTaskView, SeriesPoints } from '../api/contract';
import { CommandError } from '../../common/command-error';
import { createActions, type OverlayConfig, type OverlayOrigin } from '../cutover/actions';
import { exportEvidence } from '../cutover/evidence';
import type { Readiness } from '../cutover/ledger';
import { executeRollback } from '../cutover/rollback-across';
import { meanOfRecent, rollbackImpact } from '../cutover/rollback-impact';
import { RunbookEngine } from '../cutover/runbook';
import { reverseTaskKey } from '../../common/keys';
import type { ReplicationMonitor } from '../dms/monitor';
import type { JournalEntry } from '../journal/entry';
import type { Journal } from '../journal/journal';
import type { MigrationPlan } from '../plan/model';
import type { OperationBody } from '../pulumi/operations';

/** `details.action` of the per-stack journal entry that a runbook step applied the stack's cutover config. */
const OVERLAY_APPLIED = 'cutover-config-applied';

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
  /** Stops a task through the monitor's task control, journaled as part of `parentOperationId`. */
  readonly dmsStop: (taskKey: string, parentOperationId: string) => Promise<ReplicationTaskView>;
  /** Has the monitor read DMS and CloudWatch now: a runbook wait looks at fresh data, not at the monitor's last cycle. */
  readonly dmsRefresh?: () => Promise<void>;
  /** The running replication monitor, which follows and starts the fallback reverse tasks of a rollback. */
  readonly reverseTasks: () => ReverseTaskControl | undefined;
  readonly setLifecycle: (stackId: string, state: LifecycleState, detail: string) => void;
  /** The replication data's clock against the wall clock (the rehearsal may run faster than real time), or null. */
  readonly dataClock?: () => DataClockView | null;
  /** A stack's lifecycle state now (to restore `cut-over` after a restart without undoing a later deploy). */
  readonly lifecycleOf?: (stackId: string) => LifecycleState;
  /** Scrubs secrets from what leaves the core. */
  readonly redact: <T>(value: T) => T;
  readonly fetch?: typeof fetch;
  readonly pollMs?: number;
  readonly minuteMs?: number;
  /** How long a rollback waits for a started reverse task to catch up (default 10 minutes). */
  readonly catchUpTimeoutMs?: number;
}

/** What a rollback needs of the replication monitor for reverse tasks. */
export type ReverseTaskControl = Pick<ReplicationMonitor, 'watchReverseTask' | 'unwatchReverseTask' | 'reverseTaskView' | 'reverseLatency' | 'replicate' | 'dataNow'>;

export class CutoverService {
  readonly engine: RunbookEngine;
  private readonly overlays = new Map<string, OverlayConfig>();
  private readonly rollingBack = new Set<string>();
  /** Aborts on shutdown: running rollbacks stop waiting and journal where they stood. */
  private readonly shutdown = new AbortController();

  constructor(private readonly options: CutoverServiceOptions) {
    this.restoreOverlays(options.history);
    const actions = createActions({
      runOperation: (stackId, body, parent, signal) => options.runOperation(stackId, body, parent, signal),
      setConfigOverlay: (stackId, overlay, origin) => this.applyOverlay(stackId, overlay, origin),
      stackOutputs: options.stackOutputs,
      dmsTasks: options.dmsTasks,
      dmsSeries: options.dmsSeries,
      dmsStop: options.dmsStop,
      ...(options.dmsRefresh ? { dmsRefresh: options.dmsRefresh } : {}),
      fetch: options.fetch ?? fetch,
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    });
    this.engine = new RunbookEngine(
      {
        journal: options.journal,
        plan: options.plan,
        isWaveReady: options.isWaveReady,
        dmsStats: (waveId) => this.dmsStats(waveId),
        rollbackImpact: (run, plan) => rollbackImpact(run, plan, { now: Date.now(), dataClockRate: options.dataClock?.()?.rate ?? 1 }),
        runAction: actions.run,
        plannedDetails: actions.plannedDetails,
        publish: (run) => options.publish({ type: 'cutover.updated', run: options.redact(run) }),
        defaultActor,
        onRunEnded: (run) => {
          if (run.status !== 'succeeded') return;
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

  /**
   * The fallback reverse tasks left replicating: those a wave's latest run's rollback started and saw catch up (a
   * later run of the wave supersedes its rollback). The replication monitor follows them.
   */
  reverseTasksToFollow(): { stackId: string; taskId: string }[] {
    const plan = this.options.plan();
    return this.engine.views().flatMap((run) =>
      (run.rollback?.steps ?? []).flatMap((step) => {
        const taskId = plan?.stacks.get(step.stackId)?.fallback?.reverseTaskId;
        return step.action === 'start-reverse' && step.status === 'succeeded' && taskId ? [{ stackId: step.stackId, taskId }] : [];
      }),
    );
  }

  /** The cutover config of a cut-over stack (for every Pulumi operation on it), or undefined. */
  overlayOf(stackId: string): OverlayConfig | undefined {
    return this.overlays.get(stackId);
  }

  /**
   * After a restart (the journal's stack operations restored first): the stacks of a wave whose latest run
   * succeeded and was not rolled back are cut over again, unless an operation since left them elsewhere.
   */
  restoreLifecycles(): void {
    const plan = this.options.plan();
    if (!plan) return;
    for (const run of this.engine.views()) {
      if (run.status !== 'succeeded' || run.rollback) continue;
      for (const stackId of plan.waves.find((wave) => wave.id === run.waveId)?.stackIds ?? []) {
        const state = this.options.lifecycleOf?.(stackId);
        if (state === 'deployed' || state === 'registered') this.options.setLifecycle(stackId, 'cut-over', `cutover of ${run.waveId} succeeded (${run.finishedAt ?? ''})`);
      }
    }
  }

  /** Marks the wave's succeeded cutover final: its rollback is closed. */
  async finalize(waveId: string, reason: string, by?: string): Promise<CutoverRunView> {
    if (this.rollingBack.has(waveId)) throw new CommandError('busy', `wave '${waveId}' is being rolled back`);
    return this.options.redact(await this.engine.finalize(waveId, reason, by));
  }

  state(waveId?: string): CutoverRunView[] {
    return this.options.redact(this.engine.views(waveId));
  }

  /** Rolls the wave's latest run back across systems; answers at once, the rollback goes on in the background. */
  async rollback(waveId: string, by?: string, reason: string | null = null): Promise<CutoverRunView> {
    const plan = this.options.plan();
    if (!plan) throw new CommandError('failed', 'no plan is loaded');
    if (this.rollingBack.has(waveId)) throw new CommandError('busy', `wave '${waveId}' is being rolled back already`);
    // Claimed before the first await: a second rollback of the wave is refused while this one starts or runs.
    this.rollingBack.add(waveId);
    let background = false;
    try {
      const who = by ?? defaultActor();
      const run = await this.engine.endForRollback(waveId, who);
      let onStarted = () => {};
      const journaled = new Promise<void>((resolve) => (onStarted = resolve));
      const started = executeRollback(
        {
          runOperation: this.options.runOperation,
          setConfigOverlay: (stackId, overlay) => this.setOverlay(stackId, overlay),
          dmsTasks: this.options.dmsTasks,
          dmsStop: this.options.dmsStop,
          // The monitor refuses to follow a task when it has no AWS access: the compensation fails at once with why.
          reverseTask: (stackId, taskId) => {
            const monitor = this.reverseMonitor(taskId);
            return monitor.reverseTaskView(monitor.watchReverseTask(stackId, taskId));
          },
          reverseLatency: (stackId, taskId) => {
            const monitor = this.reverseMonitor(taskId);
            return monitor.reverseLatency(monitor.watchReverseTask(stackId, taskId));
          },
          startReverseTask: async (stackId, taskId, parentOperationId) => {
            const monitor = this.reverseMonitor(taskId);
            const key = monitor.watchReverseTask(stackId, taskId);
            const since = monitor.dataNow();
            return { ...(await monitor.replicate(key, { parentOperationId })), since };
          },
          unwatchReverseTask: (stackId) => this.options.reverseTasks()?.unwatchReverseTask(reverseTaskKey(stackId)),
          record: (input) => this.engine.record(input),
          onStarted,
          ...(this.options.pollMs !== undefined ? { pollMs: this.options.pollMs } : {}),
          ...(this.options.catchUpTimeoutMs !== undefined ? { catchUpTimeoutMs: this.options.catchUpTimeoutMs } : {}),
        },
        run,
        plan,
        who,
        this.shutdown.signal,
        reason,
        rollbackImpact(run, plan, { now: Date.now(), dataClockRate: this.options.dataClock?.()?.rate ?? 1 }),
      )
        .then(({ ok }) => {
          if (!ok) return;
          for (const stackId of plan.waves.find((wave) => wave.id === waveId)?.stackIds ?? []) {
            this.options.setLifecycle(stackId, 'rolled-back', `cutover of ${waveId} rolled back`);
          }
        })
        .catch((error: unknown) => this.options.log(`rollback of ${waveId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
        .finally(() => {
          this.rollingBack.delete(waveId);
          onStarted();
        });
      background = true;
      this.pending.add(started);
      void started.finally(() => this.pending.delete(started));
      // The rollback's start is journaled first (or it ended before that); answer with the view that shows it.
      await journaled;
      return this.engine.view(waveId);
    } finally {
      if (!background) this.rollingBack.delete(waveId);
    }
  }

  private reverseMonitor(taskId: string): ReverseTaskControl {
    const monitor = this.options.reverseTasks();
    if (!monitor) throw new Error(`cannot follow reverse task ${taskId}: no replication monitor runs (is a plan loaded?)`);
    return monitor;
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
    this.shutdown.abort();
    await this.engine.close();
    await this.idle();
  }

  private readonly pending = new Set<Promise<void>>();

  /** A runbook step applies a stack's cutover config: journaled first (per stack), so a restart restores just these. */
  private async applyOverlay(stackId: string, overlay: OverlayConfig | undefined, origin: OverlayOrigin | undefined): Promise<void> {
    if (overlay) {
      await this.engine.record({
        operationId: randomUUID(),
        kind: 'cutover-step',
        target: { type: 'stack', stackId },
        phase: 'succeeded',
        ...(origin ? { parentOperationId: origin.attemptId } : {}),
        message: `cutover config applied: ${Object.entries(overlay).map(([key, value]) => `${key}=${String(value)}`).join(', ')}`,
        details: { action: OVERLAY_APPLIED, overlay: { ...overlay }, ...(origin ? { waveId: origin.waveId, stepId: origin.stepId } : {}) },
      });
    }
    this.setOverlay(stackId, overlay);
  }

  private setOverlay(stackId: string, overlay: OverlayConfig | undefined): void {
    if (overlay) this.overlays.set(stackId, { ...overlay });
    else this.overlays.delete(stackId);
  }

  /**
   * A stack's cutover config as the journal left it: set when a pulumi-up step applied it to that stack (one entry
   * per stack, written before its deploy starts), removed when a rollback's config-back started on it. Stacks of
   * the wave the step never got to keep the plan's config.
   */
  private restoreOverlays(history: readonly JournalEntry[]): void {
    for (const entry of history) {
      if (entry.kind === 'cutover-step' && entry.target.type === 'stack' && entry.details?.action === OVERLAY_APPLIED && entry.details.overlay) {
        this.overlays.set(entry.target.stackId, entry.details.overlay as OverlayConfig);
      } else if (entry.phase === 'started' && entry.kind === 'cutover-compensate' && entry.details?.action === 'config-back' && typeof entry.details.stackId === 'string') {
        this.overlays.delete(entry.details.stackId);
      }
    }
  }

  private writeRate(taskKey: string): number | null {
    const series = this.options.dmsSeries(taskKey).find((candidate) => candidate.metric === 'CDCThroughputRowsTarget');
    const mean = series ? meanOfRecent(series.points, 10 * 60_000) : null;
    return mean === null ? null : Math.round(mean * 100) / 100;
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
        // The application's write rate (mean CDC rows/s applied over the last 10 min of data): a later rollback's
        // estimate of the writes it would lose (rollback-impact.ts).
        writeRowsPerSecond: this.writeRate(task.key),
        validation: task.validation,
        gate: task.gate.status,
        // The journal keeps one clock, the core's: a data time of an accelerated rehearsal is converted to it.
        metricsAt: toCoreClock(task.freshness.metricsAt, this.options.dataClock?.() ?? null),
        stale: task.freshness.stale,
      }));
  }
}

function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'operator';
  }
}

/** A time on the replication data's clock as the core's (wall) clock read it then; unchanged without a data clock. */
export function toCoreClock(dataIso: string | null, clock: DataClockView | null): string | null {
  if (!dataIso || !clock || clock.rate === 1) return dataIso;
  const data = Date.parse(dataIso);
  const at = Date.parse(clock.at);
  const wallAt = Date.parse(clock.wallAt);
  if (![data, at, wallAt].every(Number.isFinite)) return dataIso;
  return new Date(wallAt + (data - at) / clock.rate).toISOString();
}
