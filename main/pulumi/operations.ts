// Runs Pulumi operations on stacks: one at a time per stack, each journaled before it starts and when it ends,
// its engine events turned into progress and log lines for the UI, cancellable through an AbortSignal.
// The engine itself runs in the Pulumi CLI and the program in its own language-host process, so a failing
// program never takes the core down.
import { randomUUID } from 'node:crypto';
import type { EngineEvent, OutputMap, Stack } from '@pulumi/pulumi/automation';
import type { CockpitEvent, OperationKind, OperationView } from '../api/contract';
import { CommandError } from '../../common/command-error';
import { loadedAutomation } from './automation';
import type { Journal } from '../journal/journal';
import type { SecretRedactor } from '../secrets/redactor';
import { ProgressTracker } from './progress';
import { OperationLogs, type OperationLogTail } from './operation-logs';

/** What an operation does with its stack; `run` gets the event sink and the cancel signal. */
export interface OperationBody {
  readonly kind: OperationKind;
  run(stack: Stack, options: { onEvent: (event: EngineEvent) => void; signal: AbortSignal }): Promise<OperationOutcome>;
}

export interface OperationOutcome {
  readonly updateVersion?: number;
  readonly changes?: Record<string, number>;
  readonly message?: string;
  /** The stack's outputs after the operation (stay in the core: they may hold secrets). */
  readonly outputs?: OutputMap;
}

export interface OperationRunnerDeps {
  readonly journal: Journal;
  readonly redactor: SecretRedactor;
  readonly publish: (event: CockpitEvent) => void;
  /** The automation Stack for a plan stack id (its persistent workspace, backend and secrets). */
  readonly openStack: (stackId: string) => Promise<Stack>;
  readonly log: (line: string) => void;
  /** How many finished operations to keep for the UI (default 200). */
  readonly keepFinished?: number;
  /** Resources the stack has now (the best known total for the progress bar), or null when unknown. */
  readonly expectedResources?: (stackId: string) => Promise<number | null>;
  /** Called with the outcome of every operation that succeeded, before waiters see it finished. */
  readonly onOutcome?: (stackId: string, outcome: OperationOutcome) => void;
}

interface Running {
  readonly view: OperationView;
  readonly abort: AbortController;
  readonly done: Promise<OperationView>;
}

export class OperationRunner {
  private readonly running = new Map<string, Running>();
  private readonly finished: OperationView[] = [];
  private readonly logs = new OperationLogs();

  constructor(private readonly deps: OperationRunnerDeps) {}

  /**
   * Starts an operation and returns its view at once; progress arrives as events. Refuses, with a clear
   * message, when the stack already has an operation running in this cockpit.
   */
  start(stackId: string, body: OperationBody, parentOperationId: string | null = null): OperationView {
    const busy = this.running.get(stackId);
    if (busy) {
      throw new CommandError('busy', `${stackId} already has a ${busy.view.kind} running (started ${busy.view.startedAt}); wait for it or cancel it first`);
    }
    const view = newOperationView({ operationId: randomUUID(), kind: body.kind, stackId, parentOperationId });
    const abort = new AbortController();
    const entry: Running = { view, abort, done: this.execute(view, body, abort.signal) };
    this.running.set(stackId, entry);
    return { ...view };
  }

  /** Asks the running operation of a stack to stop; the engine finishes in-flight steps first. */
  cancel(stackId: string): boolean {
    const entry = this.running.get(stackId);
    if (!entry) return false;
    this.deps.log(`cancel requested for the ${entry.view.kind} of ${stackId}`);
    entry.abort.abort();
    return true;
  }

  isRunning(stackId: string): boolean {
    return this.running.has(stackId);
  }

  /** Resolves when the operation ends (whatever its outcome). */
  async waitFor(operationId: string): Promise<OperationView> {
    for (const entry of this.running.values()) if (entry.view.operationId === operationId) return entry.done;
    const finished = this.finished.find((view) => view.operationId === operationId);
    if (!finished) throw new CommandError('not-found', `no operation ${operationId}`);
    return finished;
  }

  /** Running operations first, then the most recent finished ones. */
  list(): OperationView[] {
    return [...[...this.running.values()].map((entry) => ({ ...entry.view })), ...this.finished.slice().reverse()];
  }

  /** The kept log lines of an operation (for a window that was not open while it printed them). */
  logOf(operationId: string): OperationLogTail {
    return this.logs.tail(operationId);
  }

  /** Cancels everything running and waits for it to end (used when the core shuts down). */
  async stopAll(): Promise<void> {
    const pending = [...this.running.values()];
    for (const entry of pending) entry.abort.abort();
    await Promise.allSettled(pending.map((entry) => entry.done));
  }

  private async execute(view: OperationView, body: OperationBody, signal: AbortSignal): Promise<OperationView> {
    const { journal, redactor, publish } = this.deps;
    const tracker = new ProgressTracker(view.operationId);
    const started = Date.now();
    const target = { type: 'stack' as const, stackId: view.stackId };
    const journalBase = {
      operationId: view.operationId,
      kind: view.kind,
      target,
      ...(view.parentOperationId ? { parentOperationId: view.parentOperationId } : {}),
    };
    const emit = () => publish({ type: 'operation.updated', operation: redactor.redactDeep({ ...view }) });
    // Engine events come in bursts: the view is rebuilt and sent at most every 50 ms (the batcher keeps only the
    // newest per batch anyway), while each log line goes out as it comes.
    let refreshTimer: NodeJS.Timeout | undefined;
    const refreshView = () => {
      clearTimeout(refreshTimer);
      refreshTimer = undefined;
      view.counts = { ...tracker.counts };
      view.steps = tracker.stepList();
      view.changes = tracker.changes;
    };

    try {
      // Journaled before anything touches the stack, so even a crash right after leaves a trace.
      await journal.append({ ...journalBase, phase: 'started' });
      view.expectedResources = (await this.deps.expectedResources?.(view.stackId).catch(() => null)) ?? null;
      emit();
      const stack = await this.deps.openStack(view.stackId);
      const outcome = await body.run(stack, {
        signal,
        onEvent: (event) => {
          for (const line of tracker.apply(event)) {
            const redacted = redactor.redactDeep(line);
            this.logs.add(redacted);
            publish({ type: 'operation.log', line: redacted });
          }
          refreshTimer ??= setTimeout(() => {
            refreshView();
            emit();
          }, 50);
        },
      });
      refreshView();
      view.status = signal.aborted ? 'cancelled' : 'succeeded';
      if (view.status === 'succeeded') this.deps.onOutcome?.(view.stackId, outcome);
      view.updateVersion = outcome.updateVersion ?? null;
      view.changes = outcome.changes ?? tracker.changes;
      view.message = outcome.message ?? null;
    } catch (error) {
      view.status = signal.aborted ? 'cancelled' : 'failed';
      view.message = redactor.redact(describeFailure(error, view.stackId));
      refreshView();
    } finally {
      view.finishedAt = new Date().toISOString();
      this.running.delete(view.stackId);
      this.finished.push({ ...view });
      if (this.finished.length > (this.deps.keepFinished ?? 200)) this.finished.shift();
    }

    await journal
      .append({
        ...journalBase,
        phase: view.status,
        durationMs: Date.now() - started,
        ...(view.updateVersion !== null ? { updateVersion: view.updateVersion } : {}),
        ...(view.changes ? { changes: view.changes } : {}),
        ...(view.message ? { message: view.message } : {}),
      })
      .catch((error: unknown) => this.deps.log(`journal write failed for ${view.operationId}: ${String(error)}`));
    emit();
    return { ...view };
  }
}

/** The view of an operation that has just started. */
export function newOperationView(start: Pick<OperationView, 'operationId' | 'kind' | 'stackId' | 'parentOperationId'>): OperationView {
  return {
    ...start,
    status: 'running',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    message: null,
    expectedResources: null,
    counts: { started: 0, done: 0, failed: 0 },
    steps: [],
    changes: null,
    updateVersion: null,
  };
}

/** The operator-facing reason an operation failed: the first meaningful lines, not a stack trace. */
export function describeFailure(error: unknown, stackId: string): string {
  // The Automation API loads with the first operation; a ConcurrentUpdateError cannot exist before it.
  const automation = loadedAutomation();
  if (automation && error instanceof automation.ConcurrentUpdateError) {
    return `${stackId} is locked by another update (another cockpit or a pulumi command). If that process is gone, recover the stack: cancel its lock, then refresh.`;
  }
  const text = error instanceof Error ? error.message : String(error);
  const stderr = /stderr: ([\s\S]*)/.exec(text)?.[1] ?? text;
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !/^(code|stdout|err\?):/.test(line));
  const errorLines = lines.filter((line) => /error/i.test(line));
  return (errorLines.length > 0 ? errorLines : lines).slice(0, 6).join('\n') || 'the operation failed without a message';
}
