// Runs a wave: its stacks at most maxParallel at once; on the first failure no new stack starts, the running
// ones finish, and the wave reports which stacks failed and which never started. Rollback works through the
// stacks in reverse order. Each wave operation is journaled, and each stack operation names it as its parent.
import { randomUUID } from 'node:crypto';
import type { CockpitEvent, LifecycleState, OperationView, WaveOperationView } from '../api/contract';
import { CommandError } from '../../common/command-error';
import { deployRefusal } from '../cutover/stack-exists';
import type { Journal } from '../journal/journal';
import type { MigrationPlan, WaveModel } from '../plan/model';
import type { OperationBody, OperationRunner } from './operations';

export interface WaveRunnerDeps {
  readonly runner: OperationRunner;
  readonly journal: Journal;
  readonly publish: (event: CockpitEvent) => void;
  readonly plan: () => MigrationPlan | undefined;
  readonly lifecycleOf: (stackId: string) => LifecycleState;
  readonly log: (line: string) => void;
  /** Called as each stack's operation ends, before the next starts, so its lifecycle does not wait for the wave. */
  readonly onStackFinished?: (operation: OperationView) => void;
}

interface ActiveWave {
  readonly view: WaveOperationView;
  cancelled: boolean;
  done?: Promise<WaveOperationView>;
}

export type WaveKind = WaveOperationView['kind'];

export class WaveRunner {
  private readonly active = new Map<string, ActiveWave>();
  private readonly finished: WaveOperationView[] = [];

  constructor(private readonly deps: WaveRunnerDeps) {}

  /** Starts a wave operation; `body` gives each stack's operation (deploy: up, rollback: rollback). */
  start(waveId: string, kind: WaveKind, body: () => OperationBody): WaveOperationView {
    const wave = this.deps.plan()?.waves.find((entry) => entry.id === waveId);
    if (!wave) throw new CommandError('not-found', `wave '${waveId}' is not in the loaded plan`);
    const running = this.active.get(waveId);
    if (running) throw new CommandError('busy', `wave '${waveId}' already has a ${running.view.kind} running (started ${running.view.startedAt})`);
    if (kind === 'wave-deploy') this.checkDependencies(wave);
    const busyStacks = wave.stackIds.filter((stackId) => this.deps.runner.isRunning(stackId));
    if (busyStacks.length > 0) throw new CommandError('busy', `stacks of wave '${waveId}' are busy: ${busyStacks.join(', ')}`);

    const order = kind === 'wave-rollback' ? [...wave.stackIds].reverse() : [...wave.stackIds];
    const view: WaveOperationView = {
      operationId: randomUUID(),
      kind,
      waveId,
      status: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      message: null,
      stacks: order.map((stackId) => ({ stackId, status: 'pending', operationId: null })),
    };
    const entry: ActiveWave = { view, cancelled: false };
    this.active.set(waveId, entry);
    entry.done = this.execute(entry, wave.maxParallel, body);
    return structuredClone(view);
  }

  cancel(waveId: string): boolean {
    const entry = this.active.get(waveId);
    if (!entry) return false;
    entry.cancelled = true;
    for (const stack of entry.view.stacks) if (stack.status === 'running') this.deps.runner.cancel(stack.stackId);
    return true;
  }

  async waitFor(operationId: string): Promise<WaveOperationView> {
    for (const entry of this.active.values()) if (entry.view.operationId === operationId && entry.done) return entry.done;
    const finished = this.finished.find((view) => view.operationId === operationId);
    if (!finished) throw new CommandError('not-found', `no wave operation ${operationId}`);
    return finished;
  }

  list(): WaveOperationView[] {
    return [...[...this.active.values()].map((entry) => structuredClone(entry.view)), ...this.finished.slice().reverse()];
  }

  private checkDependencies(wave: WaveModel): void {
    const refusal = deployRefusal(wave, this.deps.plan()!.waves, this.deps.lifecycleOf);
    if (refusal) throw new CommandError('failed', refusal);
  }

  private async execute(entry: ActiveWave, maxParallel: number, body: () => OperationBody): Promise<WaveOperationView> {
    const { view } = entry;
    const { journal, runner, publish } = this.deps;
    const target = { type: 'wave' as const, waveId: view.waveId };
    const started = Date.now();
    const emit = () => publish({ type: 'wave.updated', operation: structuredClone(view) });
    await journal.append({ operationId: view.operationId, kind: view.kind, target, phase: 'started' });
    emit();

    let failed = false;
    const queue = [...view.stacks];
    const worker = async () => {
      for (let stack = queue.shift(); stack; stack = queue.shift()) {
        if (failed || entry.cancelled) {
          stack.status = 'skipped';
          continue;
        }
        stack.status = 'running';
        try {
          const operation = runner.start(stack.stackId, body(), view.operationId);
          stack.operationId = operation.operationId;
          emit();
          const result = await runner.waitFor(operation.operationId);
          this.deps.onStackFinished?.(result);
          stack.status = result.status === 'running' ? 'failed' : result.status;
        } catch (error) {
          stack.status = 'failed';
          this.deps.log(`wave ${view.waveId}: ${stack.stackId} could not start: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (stack.status !== 'succeeded') failed = true;
        emit();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(maxParallel, view.stacks.length)) }, worker));

    const failedStacks = view.stacks.filter((stack) => stack.status === 'failed').map((stack) => stack.stackId);
    const skipped = view.stacks.filter((stack) => stack.status === 'skipped').map((stack) => stack.stackId);
    view.status = entry.cancelled ? 'cancelled' : failedStacks.length > 0 ? 'failed' : 'succeeded';
    view.message =
      view.status === 'succeeded'
        ? null
        : [failedStacks.length > 0 ? `failed: ${failedStacks.join(', ')}` : '', skipped.length > 0 ? `not started: ${skipped.join(', ')}` : '']
            .filter(Boolean)
            .join('; ') || 'cancelled';
    view.finishedAt = new Date().toISOString();
    this.active.delete(view.waveId);
    this.finished.push(structuredClone(view));
    if (this.finished.length > 50) this.finished.shift();
    await journal
      .append({
        operationId: view.operationId,
        kind: view.kind,
        target,
        phase: view.status as 'succeeded' | 'failed' | 'cancelled',
        durationMs: Date.now() - started,
        ...(view.message ? { message: view.message } : {}),
      })
      .catch((error: unknown) => this.deps.log(`journal write failed for wave ${view.waveId}: ${String(error)}`));
    emit();
    return structuredClone(view);
  }
}
