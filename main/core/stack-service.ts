// Wires Pulumi operations into the core: finds the CLI, keeps the workspace context in step with the plan,
// starts the embedded rehearsal registry when the plan targets it, and turns finished operations into the
// stacks' lifecycle states.
import type {
  CockpitEvent,
  LifecycleState,
  OperationKind,
  OperationView,
  RecoveryItem,
  RegistrationStatus,
  ToolchainInfo,
  UpdateHistoryEntry,
  WaveOperationView,
} from '../api/contract';
import { CommandError } from '../../common/command-error';
import type { JournalEntry } from '../journal/entry';
import type { Journal } from '../journal/journal';
import type { MigrationPlan } from '../plan/model';
import { OperationRunner } from '../pulumi/operations';
import type { OperationBody, OperationOutcome } from '../pulumi/operations';
import { settleWithLimit } from '../monitoring/concurrency';
import { inspectStack, leftToRecover, readCheckpoint, recoveryOperation } from '../pulumi/recovery';
import { rollbackOperation } from '../pulumi/rollback';
import { REGISTRATION_TYPE, registrationOperation, registrationUrn, stackOperation } from '../pulumi/stack-operations';
import { WaveRunner } from '../pulumi/wave-runner';
import { findPulumiCli, type PulumiCliLocation, type PulumiCliMissing } from '../pulumi/toolchain';
import { backendUrl, openStack, type WorkspaceContext } from '../pulumi/workspace';
import type { SecretRedactor } from '../secrets/redactor';
import type { RehearsalPort, StartRehearsal } from '../ports/rehearsal';
import { readsOutputsAtLoad, trackStackConfig } from '../seam/plan-grammar';
import type { CoreTrack } from '../seam/track';
import { rehearsalRolesOf, startPlanRehearsal, usesRehearsal } from './rehearsal-start';
import { lifecycleAfter, lifecycleFromRemote, lifecyclesFromJournal } from './stack-lifecycle';

export interface StackServiceOptions {
  /** The tracks the core runs: their plan parts say whose outputs are read from the state at load. */
  readonly tracks: readonly CoreTrack[];
  readonly dataDir: string;
  readonly appRoot: string;
  readonly journal: Journal;
  readonly redactor: SecretRedactor;
  readonly publish: (event: CockpitEvent) => void;
  readonly setLifecycle: (stackId: string, state: LifecycleState, detail?: string) => void;
  readonly lifecycleOf: (stackId: string) => LifecycleState;
  readonly setRegistrations: (stackId: string, registrations: RegistrationStatus[]) => void;
  readonly log: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** The Pulumi CLI probe, when the caller started it already (else start() runs it). */
  readonly toolchain?: Promise<PulumiCliLocation | PulumiCliMissing>;
  /** Starts the local rehearsal environment (injected: the core does not depend on rehearsal/). */
  readonly startRehearsal?: StartRehearsal;
  /** Plain (non-secret) stack outputs as they become known: from the state at plan load, then after each operation. */
  readonly onStackOutputs?: (stackId: string, outputs: Record<string, unknown>) => void;
  /** A cut-over stack's cutover config (main/cutover/), applied to every operation on it. */
  readonly configOverlay?: WorkspaceContext['configOverlay'];
  readonly operator?: WorkspaceContext['operator'];
}

/** Checkpoint files read at once when a plan loads. */
const CHECKPOINT_READS_AT_ONCE = 16;

export class StackService {
  private plan: MigrationPlan | undefined;
  private registry: RehearsalPort | undefined;
  /** Registry tokens the rehearsal environment made up, handed to the engine by the variable the plan names. */
  private readonly rehearsalEnv: Record<string, string> = {};
  /** Operations the journal shows as started and never ended, by stack: what a crash interrupted. */
  private readonly interrupted = new Map<string, JournalEntry>();
  readonly runner: OperationRunner;
  readonly waves: WaveRunner;

  private constructor(
    private readonly options: StackServiceOptions,
    private readonly cli: PulumiCliLocation | { found: false; message: string },
  ) {
    this.runner = new OperationRunner({
      journal: options.journal,
      redactor: options.redactor,
      publish: options.publish,
      log: options.log,
      openStack: (stackId) => openStack(this.context(), stackId),
      onOutcome: (stackId, outcome) => {
        this.recordRegistrations(stackId, outcome);
        if (outcome.outputs) this.options.onStackOutputs?.(stackId, plainOutputs(outcome.outputs));
      },
      expectedResources: (stackId) => this.resourceCount(stackId),
    });
    this.waves = new WaveRunner({
      runner: this.runner,
      journal: options.journal,
      publish: options.publish,
      plan: () => this.plan,
      lifecycleOf: options.lifecycleOf,
      log: options.log,
      onStackFinished: (operation) => this.afterOperation(operation),
    });
  }

  static async start(options: StackServiceOptions): Promise<StackService> {
    const cli = await (options.toolchain ?? findPulumiCli({ env: options.env ?? process.env }));
    options.log(cli.found ? `pulumi ${cli.version} from ${cli.binDir} (${cli.source})` : `no pulumi CLI: ${cli.message}`);
    return new StackService(options, cli);
  }

  toolchainInfo(): ToolchainInfo {
    return this.cli.found
      ? { found: true, version: this.cli.version, source: this.cli.source, binDir: this.cli.binDir }
      : { found: false, message: this.cli.message };
  }

  /** Follows the loaded plan; starts the rehearsal environment the first time a plan needs it. */
  async setPlan(plan: MigrationPlan | undefined): Promise<void> {
    this.plan = plan;
    if (plan && usesRehearsal(plan) && !this.registry) await this.startRehearsalRegistry(plan);
    if (plan && plan.environment.aws.endpoint === 'rehearsal') this.allowPlanRoles(plan);
    if (plan) await this.readRegistrations(plan);
    if (plan) await this.readOutputs(plan);
  }

  /** The rehearsal's STS lets the sign-in assume exactly the plan's account roles, so their sessions work there. */
  private allowPlanRoles(plan: MigrationPlan): void {
    try {
      this.registry?.allowRoles?.(rehearsalRolesOf(plan, this.options.env ?? process.env));
    } catch (error) {
      // A value the rehearsal refuses (an external id outside STS's alphabet): its accounts show the denial.
      this.options.log(`the rehearsal could not allow the plan's account roles: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The rehearsal environment's AWS endpoint, once it runs and has one. */
  get rehearsalAwsUrl(): string | undefined {
    return this.registry?.awsUrl;
  }

  /** The account the rehearsal environment's AWS side simulates, once it runs and has one. */
  get rehearsalAccountId(): string | undefined {
    return this.registry?.accountId;
  }

  /** The rehearsal environment's clock (ms of simulated time), once it runs and has one. */
  get rehearsalClock(): { now: () => number; rate: number } | undefined {
    const handle = this.registry;
    return handle?.now ? { now: () => handle.now!(), rate: handle.timeScale ?? 1 } : undefined;
  }

  /** Stack outputs from the state files (file:// backends) of stacks a track reads outputs of (DMS: a task named by one). */
  private async readOutputs(plan: MigrationPlan): Promise<void> {
    if (!this.options.onStackOutputs) return;
    for (const stack of plan.stacks.values()) {
      if (!readsOutputsAtLoad(this.options.tracks, stack)) continue;
      const stateDir = this.fileStateDir(plan, stack.project);
      if (!stateDir) continue;
      const checkpoint = await readCheckpoint(stateDir, stack.project, stack.name).catch(() => undefined);
      const root = checkpoint?.checkpoint?.latest?.resources?.find((resource) => resource.type === 'pulumi:pulumi:Stack');
      if (root) this.options.onStackOutputs(stack.id, plainValues(root.outputs ?? {}));
    }
  }

  /** The state folder of a project whose backend is file://, or undefined for any other backend. */
  private fileStateDir(plan: MigrationPlan, project: string): string | undefined {
    const url = backendUrl({ plan, dataDir: this.options.dataDir }, project);
    return url.startsWith('file://') ? url.slice('file://'.length) : undefined;
  }

  /** Resources a stack has in its file:// state now (providers included, as the engine counts them). */
  private async resourceCount(stackId: string): Promise<number | null> {
    const stack = this.plan?.stacks.get(stackId);
    const stateDir = stack && this.fileStateDir(this.plan!, stack.project);
    if (!stack || !stateDir) return null;
    const checkpoint = await readCheckpoint(stateDir, stack.project, stack.name);
    const count = (checkpoint?.checkpoint?.latest?.resources ?? []).filter((resource) => resource.type !== 'pulumi:pulumi:Stack').length;
    // A stack without resources yet gives no total to measure a first deploy against.
    return count > 0 ? count : null;
  }

  /** Registration status per stack from the state files (file:// backends), so a restart shows it at once. */
  private async readRegistrations(plan: MigrationPlan): Promise<void> {
    const registered = [...plan.stacks.values()].filter((stack) => stack.registries.length > 0 && this.fileStateDir(plan, stack.project));
    // A few files at a time: one after another, 2,000 checkpoints held the first view back by a few tenths of a second.
    await settleWithLimit(registered, CHECKPOINT_READS_AT_ONCE, async (stack) => {
      const stateDir = this.fileStateDir(plan, stack.project)!;
      const checkpoint = await readCheckpoint(stateDir, stack.project, stack.name).catch(() => undefined);
      const ids = new Map<string, string>();
      for (const resource of checkpoint?.checkpoint?.latest?.resources ?? []) {
        const outputs = resource.outputs as { registryId?: string; registrationId?: string } | undefined;
        if (resource.type === REGISTRATION_TYPE && outputs?.registryId && outputs.registrationId) ids.set(outputs.registryId, outputs.registrationId);
      }
      this.options.setRegistrations(
        stack.id,
        stack.registries.map((registryId) => ({ registryId, registrationId: ids.get(registryId) ?? null })),
      );
    });
  }

  /** Registration status from a finished operation's outputs (`registrationIds`: registry id -> id). */
  private recordRegistrations(stackId: string, outcome: OperationOutcome): void {
    const stack = this.plan?.stacks.get(stackId);
    if (!stack || !outcome.outputs || stack.registries.length === 0) return;
    const ids = (outcome.outputs.registrationIds?.value ?? {}) as Record<string, string | undefined>;
    this.options.setRegistrations(
      stackId,
      stack.registries.map((registryId) => ({ registryId, registrationId: ids[registryId] ?? null })),
    );
  }

  async operate(stackId: string, kind: OperationKind): Promise<OperationView> {
    this.requireCli(kind);
    const stack = this.plan?.stacks.get(stackId);
    if (!stack) throw new CommandError('not-found', `stack '${stackId}' is not in the loaded plan`);
    let body;
    if (kind === 'recover') body = recoveryOperation((await this.inspect(stackId)).pendingOperations);
    else if (kind === 'rollback') body = rollbackOperation((value) => this.options.redactor.add(value));
    else if (kind === 'register' || kind === 'deregister') {
      if (stack.registries.length === 0) throw new CommandError('failed', `${stackId} registers with no registry`);
      body = registrationOperation(
        kind,
        stack.registries.map((registryId) => registrationUrn(stack, registryId)),
      );
    } else body = stackOperation(kind);
    const view = this.runner.start(stackId, body);
    void this.runner.waitFor(view.operationId).then((finished) => {
      if (finished.kind === 'recover' && finished.status === 'succeeded') this.interrupted.delete(stackId);
      this.afterOperation(finished);
    });
    return view;
  }

  /**
   * Runs an operation another module composed (the cutover's steps), as part of `parentOperationId`, and resolves
   * when it ends; the stack's lifecycle follows it like any operation's. Cancelled when `signal` aborts.
   */
  async runOperation(stackId: string, body: OperationBody, parentOperationId: string, signal?: AbortSignal): Promise<OperationView> {
    this.requireCli(body.kind);
    if (!this.plan?.stacks.has(stackId)) throw new CommandError('not-found', `stack '${stackId}' is not in the loaded plan`);
    const view = this.runner.start(stackId, body, parentOperationId);
    const cancel = () => this.runner.cancel(stackId);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const finished = await this.runner.waitFor(view.operationId);
      this.afterOperation(finished);
      return finished;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  /** The stack's update history from the backend, newest first; config is left out (it holds secrets). */
  async history(stackId: string): Promise<UpdateHistoryEntry[]> {
    this.requireCli('history');
    if (!this.plan?.stacks.has(stackId)) throw new CommandError('not-found', `stack '${stackId}' is not in the loaded plan`);
    const stack = await openStack(this.context(), stackId);
    const history = await stack.history(undefined, undefined, false);
    return history.map((entry, index) => ({
      // DIY backends report version 0: the position in the history is the version.
      version: entry.version || history.length - index,
      kind: entry.kind,
      result: entry.result,
      startTime: new Date(entry.startTime).toISOString(),
      endTime: entry.endTime ? new Date(entry.endTime).toISOString() : null,
      message: this.options.redactor.redact(entry.message ?? ''),
      resourceChanges: (entry.resourceChanges ?? null) as Record<string, number> | null,
    }));
  }

  /** Every stack of the plan that a crash left locked, half-done, or with an interrupted operation. */
  async scanRecovery(): Promise<RecoveryItem[]> {
    const items: RecoveryItem[] = [];
    for (const stackId of this.plan?.stacks.keys() ?? []) {
      const item = await this.inspect(stackId);
      if (item.locks.length > 0 || item.pendingOperations.length > 0 || item.interrupted) items.push(item);
    }
    return items;
  }

  private async inspect(stackId: string): Promise<RecoveryItem> {
    const stack = this.plan!.stacks.get(stackId)!;
    const journaled = this.interrupted.get(stackId);
    const interrupted = journaled ? { kind: journaled.kind, at: journaled.at, operationId: journaled.operationId } : null;
    const stateDir = this.fileStateDir(this.plan!, stack.project);
    // Only file:// state can be read directly; other backends are checked when the stack's operation runs.
    if (!stateDir) return { stackId, locks: [], pendingOperations: [], interrupted };
    // Checked before and after the read, so an operation that starts or ends while the files are read counts too.
    const runningBefore = this.runner.isRunning(stackId);
    const found = await inspectStack(stateDir, stack.project, stack.name);
    return { stackId, ...leftToRecover(found, runningBefore || this.runner.isRunning(stackId)), interrupted };
  }

  operateWave(waveId: string, kind: WaveOperationView['kind']): WaveOperationView {
    this.requireCli(kind);
    // Stack lifecycles follow each stack operation of the wave as it ends (the runner's onStackFinished).
    return this.waves.start(waveId, kind, () =>
      kind === 'wave-deploy' ? stackOperation('up') : rollbackOperation((value) => this.options.redactor.add(value)),
    );
  }

  private requireCli(what: string): void {
    if (!this.cli.found) throw new CommandError('failed', `cannot run ${what}: ${this.cli.message}`);
  }

  /** Lifecycle states as the journal last recorded them, so a restart shows what was done. */
  restoreLifecycles(entries: readonly JournalEntry[], isOwn?: (entry: JournalEntry) => boolean): void {
    const { states, interrupted } = lifecyclesFromJournal(
      entries,
      (stackId) => (this.plan?.stacks.has(stackId) ? this.plan.stacks.get(stackId)!.registries.length > 0 : undefined),
      isOwn,
    );
    for (const [stackId, entry] of interrupted) this.interrupted.set(stackId, entry);
    for (const [stackId, { state, detail }] of states) this.options.setLifecycle(stackId, state, detail);
  }

  /** Another cockpit's journal entry (team mode): the stack's lifecycle follows its finished operations. */
  applyRemoteEntry(entry: JournalEntry): void {
    if (entry.target.type !== 'stack') return;
    const stack = this.plan?.stacks.get(entry.target.stackId);
    if (!stack) return;
    const next = lifecycleFromRemote(entry, stack.registries.length > 0);
    if (next) this.options.setLifecycle(stack.id, next.state, next.detail);
  }

  async close(): Promise<void> {
    for (const wave of this.waves.list()) if (wave.status === 'running') this.waves.cancel(wave.waveId);
    await this.runner.stopAll();
    await this.registry?.close();
  }

  private context(): WorkspaceContext {
    if (!this.cli.found) throw new CommandError('failed', this.cli.message);
    if (!this.plan) throw new CommandError('failed', 'no plan is loaded');
    return {
      plan: this.plan,
      appRoot: this.options.appRoot,
      dataDir: this.options.dataDir,
      cli: this.cli,
      redactor: this.options.redactor,
      env: { ...(this.options.env ?? process.env), ...this.rehearsalEnv },
      ...(this.options.configOverlay ? { configOverlay: this.options.configOverlay } : {}),
      trackConfig: (stack) => trackStackConfig(this.options.tracks, stack),
      ...(this.options.operator ? { operator: this.options.operator } : {}),
      ...(this.registry
        ? {
            rehearsal: {
              registryUrl: this.registry.registryUrl,
              ...(this.registry.awsUrl ? { awsUrl: this.registry.awsUrl } : {}),
              ...(this.registry.cassandra ? { cassandra: this.registry.cassandra } : {}),
            },
          }
        : {}),
    };
  }

  private afterOperation(operation: OperationView): void {
    const stack = this.plan?.stacks.get(operation.stackId);
    if (!stack) return;
    const phase = operation.status === 'running' ? 'failed' : operation.status;
    const state = lifecycleAfter(operation.kind, phase, stack.registries.length > 0, operation.message ?? undefined);
    if (state) this.options.setLifecycle(operation.stackId, state, operation.message ?? `${operation.kind} ${operation.status}`);
  }

  private async startRehearsalRegistry(plan: MigrationPlan): Promise<void> {
    if (!this.options.startRehearsal) {
      this.options.log('the plan targets the rehearsal environment, but this cockpit was started without it');
      return;
    }
    const started = await startPlanRehearsal(plan, {
      dataDir: this.options.dataDir,
      env: this.options.env ?? process.env,
      start: this.options.startRehearsal,
      hideSecret: (token) => this.options.redactor.add(token),
    });
    Object.assign(this.rehearsalEnv, started.engineEnv);
    this.registry = started.handle;
    this.options.log(`rehearsal registry at ${this.registry.registryUrl}${this.registry.awsUrl ? `, AWS (DMS, CloudWatch) at ${this.registry.awsUrl}` : ''}`);
  }
}

/** Outputs without secrets: a secret output is left out (the monitor only needs plain values such as ARNs). */
function plainOutputs(outputs: NonNullable<OperationOutcome['outputs']>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).flatMap(([name, output]) => (output.secret ? [] : [[name, output.value]])));
}

/** Checkpoint outputs without secrets (Pulumi writes a secret as an object carrying its signature key). */
function plainValues(outputs: Record<string, unknown>): Record<string, unknown> {
  const SECRET_SIG = '4dabf18193072939515e22adb298388d';
  return Object.fromEntries(Object.entries(outputs).filter(([, value]) => !(value && typeof value === 'object' && SECRET_SIG in value)));
}
