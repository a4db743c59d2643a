// Wires the cutover runbook into the core: the engine (main/cutover/runbook.ts) with the catalog of the core's and
// the tracks' action declarations, the core's runtime (the stack service's Pulumi operations, fetch) and each
// track's (handed in by id); the rollback across systems; the evidence pack from the journal; the cutover config of
// cut-over stacks (applied to every operation on them until a rollback removes it), rebuilt from the journal at start.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { CockpitEvent, CutoverRunView, DataClockView, LifecycleState, OperationView } from '../api/contract';
import { CommandError } from '../../common/command-error';
import { createActions } from '../cutover/actions';
import { runbookCatalog, type RunbookCatalog, type RuntimeOf } from '../cutover/catalog';
import type { CoreRuntime, OverlayConfig, OverlayOrigin } from '../cutover/core-actions';
import { exportEvidence } from '../cutover/evidence';
import type { Readiness, RunState } from '../cutover/ledger';
import { executeRollback } from '../cutover/rollback-across';
import { rollbackImpact } from '../cutover/rollback-impact';
import { RunbookEngine, type RunbookApprovals } from '../cutover/runbook';
import type { CoreTrack } from '../seam/track';
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
  /** Team mode: this cockpit's actor (user@host); a run another one started is not interrupted by this one's stop. */
  readonly ownActor?: string;
  /** Team mode: why this cockpit may not start a runbook step of a wave now (it does not hold the wave's lock). */
  readonly mayProceed?: (waveId: string) => string | undefined;
  /** Team mode: the approvals a cutover's start or a step needs. */
  readonly approvals?: RunbookApprovals;
  readonly publish: (event: CockpitEvent) => void;
  readonly log: (line: string) => void;
  /** Whether a wave may cut over (the readiness gates), with the reasons when not. */
  readonly isWaveReady: (waveId: string) => Readiness | Promise<Readiness>;
  readonly runOperation: (stackId: string, body: OperationBody, parentOperationId: string, signal?: AbortSignal) => Promise<OperationView>;
  readonly stackOutputs: (stackId: string) => Readonly<Record<string, unknown>> | undefined;
  /** The tracks the core runs: their runbook actions, compensations, loss estimates and evidence. */
  readonly tracks: readonly CoreTrack[];
  /** A track's runtime by its id, which its runbook declarations and evidence snapshot act through. */
  readonly trackRuntime: (trackId: string) => unknown;
  readonly setLifecycle: (stackId: string, state: LifecycleState, detail: string) => void;
  /** The replication data's clock against the wall clock (the rehearsal may run faster than real time), or null. */
  readonly dataClock?: () => DataClockView | null;
  /** A stack's lifecycle state now (to restore `cut-over` after a restart without undoing a later deploy). */
  readonly lifecycleOf?: (stackId: string) => LifecycleState;
  /** Scrubs secrets from what leaves the core. */
  readonly redact: <T>(value: T) => T;
  readonly fetch?: typeof fetch;
  readonly minuteMs?: number;
}

export class CutoverService {
  readonly engine: RunbookEngine;
  private readonly catalog: RunbookCatalog;
  private readonly runtimeOf: RuntimeOf;
  private readonly overlays = new Map<string, OverlayConfig>();
  private readonly rollingBack = new Set<string>();
  /** Aborts on shutdown: running rollbacks stop waiting and journal where they stood. */
  private readonly shutdown = new AbortController();

  constructor(private readonly options: CutoverServiceOptions) {
    this.restoreOverlays(options.history);
    this.catalog = runbookCatalog(options.tracks);
    const core: CoreRuntime = {
      runOperation: (stackId, body, parent, signal) => options.runOperation(stackId, body, parent, signal),
      setConfigOverlay: (stackId, overlay, origin) => this.applyOverlay(stackId, overlay, origin),
      overlayOf: (stackId) => this.overlays.get(stackId),
      stackOutputs: options.stackOutputs,
      fetch: options.fetch ?? fetch,
    };
    this.runtimeOf = (trackId) => (trackId === null ? core : options.trackRuntime(trackId));
    const actions = createActions(this.catalog, this.runtimeOf);
    this.engine = new RunbookEngine(
      {
        journal: options.journal,
        plan: options.plan,
        isWaveReady: options.isWaveReady,
        catalog: this.catalog,
        snapshots: (waveId) => this.snapshots(waveId),
        rollbackImpact: (run, plan) => rollbackImpact(run, plan, this.impactClock(), this.catalog),
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
        ...(options.mayProceed ? { mayProceed: options.mayProceed } : {}),
        ...(options.approvals ? { approvals: options.approvals } : {}),
        ...(options.ownActor !== undefined
          ? { isOwnRun: (run: RunState) => (run.lastActor ?? run.startedByActor?.actor ?? options.ownActor) === options.ownActor }
          : {}),
      },
      options.history,
    );
  }

  /** Another cockpit's journal entry (team mode): its cutover config and runbook progress, as if recorded here. */
  observeRemote(entry: JournalEntry): void {
    this.restoreOverlays([entry]);
    this.engine.observe(entry);
  }

  /** Every wave's run as the engine holds it (unredacted: for the core's own use, never sent out). */
  runs(): CutoverRunView[] {
    return this.engine.views();
  }

  /** The cutover config of a cut-over stack (for every Pulumi operation on it), or undefined. */
  overlayOf(stackId: string): OverlayConfig | undefined {
    return this.overlays.get(stackId);
  }

  /** Sets (or clears) a stack's cutover config, journaled: for a track's runbook action (main/seam/stack-changes.ts). */
  setOverlay(stackId: string, overlay: OverlayConfig | undefined, origin?: OverlayOrigin): Promise<void> {
    return this.applyOverlay(stackId, overlay, origin);
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
        if (state === 'deployed' || state === 'registered')
          this.options.setLifecycle(stackId, 'cut-over', `cutover of ${run.waveId} succeeded (${run.finishedAt ?? ''})`);
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
        { catalog: this.catalog, runtimeOf: this.runtimeOf, record: (input) => this.engine.record(input), onStarted },
        run,
        plan,
        who,
        this.shutdown.signal,
        reason,
        rollbackImpact(run, plan, this.impactClock(), this.catalog),
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

  private impactClock(): { now: number; dataClockRate: number } {
    return { now: Date.now(), dataClockRate: this.options.dataClock?.()?.rate ?? 1 };
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
    return exportEvidence(
      {
        catalog: this.catalog,
        plan,
        waveId,
        entries,
        damagedLines: damaged.length,
        generatedAt: new Date().toISOString(),
        generatedBy: `${defaultActor()}@${os.hostname()}`,
      },
      format,
    );
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
        message: `cutover config applied: ${Object.entries(overlay)
          .map(([key, value]) => `${key}=${String(value)}`)
          .join(', ')}`,
        details: { action: OVERLAY_APPLIED, overlay: { ...overlay }, ...(origin ? { waveId: origin.waveId, stepId: origin.stepId } : {}) },
      });
    }
    this.keepOverlay(stackId, overlay);
  }

  private keepOverlay(stackId: string, overlay: OverlayConfig | undefined): void {
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
      } else if (
        entry.phase === 'started' &&
        entry.kind === 'cutover-compensate' &&
        entry.details?.action === 'config-back' &&
        typeof entry.details.stackId === 'string'
      ) {
        this.overlays.delete(entry.details.stackId);
      }
    }
  }

  /**
   * Each track's snapshot of the wave under its id. A snapshot that cannot be taken is journaled as one row with
   * its error, so the pack says it was not read rather than leaving it out.
   */
  private snapshots(waveId: string): Record<string, unknown> {
    const plan = this.options.plan();
    const out: Record<string, unknown> = {};
    if (!plan) return out;
    for (const { decl, trackId } of this.catalog.evidence) {
      try {
        out[trackId] = decl.snapshot(waveId, plan, this.options.trackRuntime(trackId));
      } catch (error) {
        out[trackId] = [{ error: error instanceof Error ? error.message : String(error) }];
      }
    }
    return out;
  }
}

function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'operator';
  }
}
