// The Keyspaces track's runtime (started once by the core): the monitor of the loaded plan's moving stacks on the
// shared poller (kept across plan edits in the same environment, so a hold does not restart), the validations, and
// the keyspaces.* commands. AWS calls go to each stack's placement (its account's session, its region) at the
// plan's target; the monitor reads on the data clock of that target (the embedded rehearsal's simulated time, else
// the wall clock). Starting a bulk load and every validation are journaled, before and after.
import { CommandError } from '../../../common/command-error';
import type { MonitorStatusView } from '../../api/contract/shared';
import type { HandlersOf } from '../../api/contract/track';
import type { AwsCallOptions } from '../../monitoring/aws-call';
import type { DataClock } from '../../monitoring/data-clock';
import { DEFAULT_PACE_INTERVALS, type PaceIntervals } from '../../monitoring/pace';
import { PlanMonitor } from '../../monitoring/plan-monitor';
import { startTrackPoller, type Poller } from '../../monitoring/poller';
import type { MigrationPlan } from '../../plan/model';
import type { StackChanges } from '../../seam/stack-changes';
import type { TrackContext, TrackRuntime } from '../../seam/track';
import { dataClockFor, monitorEnvironmentOf, placementTarget } from '../../seam/track-environment';
import type { KeyspacesCommands, KeyspacesStackView, ValidationView } from './contract';
import { keyspacesReadApi, type KeyspacesReadApi } from './monitor/clients';
import { KeyspacesMonitor } from './monitor/keyspaces-monitor';
import { ENDPOINT_OUTPUT, keyspacesOfStack, movingStacks, outputString } from './moving-stacks';
import { keyspacesPlan } from './plan';
import { validationConnections } from './validation/connections';
import type { CqlSide, SideConnection } from './validation/cql-side';
import { ValidationRuns } from './validation/validation-runs';

export interface KeyspacesTuning {
  readonly intervals?: PaceIntervals;
  /** The clock when the plan does not run on the embedded rehearsal's (tests). */
  readonly clock?: DataClock;
  readonly callOptions?: AwsCallOptions;
  readonly fetchProxy?: (url: string, signal: AbortSignal) => Promise<string>;
  readonly openSide?: (name: 'origin' | 'target', connection: SideConnection) => CqlSide;
  /** Where credentials named by the plan are read (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface KeyspacesRuntime extends TrackRuntime {
  readonly handlers: HandlersOf<KeyspacesCommands>;
  /** Each moving stack's view as of the monitor's last cycle, and each stack's newest validation (the evidence's snapshot). */
  stackViews(): readonly KeyspacesStackView[];
  validationViews(): readonly ValidationView[];
  /** What the runbook actions act through: the core's stack changes, a validation started or cancelled, a sooner cycle. */
  readonly stackChanges: StackChanges;
  startValidation(stackId: string): Promise<string>;
  cancelValidation(stackId: string): Promise<boolean>;
  refreshSoon(): void;
  readonly pollMs?: number;
  /** Runs one monitor cycle now (tests). */
  refreshNow(): Promise<void>;
}

interface Running {
  readonly poller: Poller;
  readonly stop: AbortController;
  readonly clock: DataClock;
  readonly apis: Map<string, KeyspacesReadApi | { unavailable: string }>;
}

/** Most mismatches of each kind per table the journal keeps (the evidence pack lists them; the counts are whole). */
const JOURNALED_MISMATCHES = 20;

/** What a validation's end journals: its totals and, per table, its counts and the first mismatches of each kind. */
function validationDetails(view: ValidationView): Record<string, unknown> {
  return {
    runId: view.runId,
    scope: view.scope,
    state: view.state,
    startedAt: view.startedAt,
    finishedAt: view.finishedAt,
    partitioner: view.partitioner,
    originRows: view.originRows,
    targetRows: view.targetRows,
    mismatches: view.mismatches,
    originRowsPerSecond: view.originRowsPerSecond,
    maxOriginRowsPerSecond: view.maxOriginRowsPerSecond,
    tables: view.tables.map((table) => ({
      ...table,
      countMismatches: table.countMismatches.slice(0, JOURNALED_MISMATCHES),
      rowMismatches: table.rowMismatches.slice(0, JOURNALED_MISMATCHES),
      unchecked: table.unchecked.slice(0, JOURNALED_MISMATCHES),
    })),
  };
}

const newOperationId = (kind: string) => `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function startKeyspacesRuntime(context: TrackContext, tuning: KeyspacesTuning = {}): KeyspacesRuntime {
  let plan: MigrationPlan | undefined;
  let latest: readonly KeyspacesStackView[] = [];
  let monitor: MonitorStatusView | null = null;
  const clockNow = () => (monitors.running?.clock ?? tuning.clock ?? { now: Date.now, rate: 1 }).now();
  const validations = new ValidationRuns({
    clock: clockNow,
    publish: (validation) => context.publish({ type: 'keyspaces.validation', validation }),
    log: context.log,
    ...(tuning.openSide ? { openSide: tuning.openSide } : {}),
  });

  /** The API of a placement (made on first use), or why there is none. */
  const apiOf = (apis: Running['apis'], current: MigrationPlan, placement: string): KeyspacesReadApi | { unavailable: string } => {
    const known = apis.get(placement);
    if (known) return known;
    const found = placementTarget(current, placement, context);
    let made: KeyspacesReadApi | { unavailable: string };
    if ('unavailable' in found) made = found;
    else {
      try {
        made = keyspacesReadApi(found.target);
      } catch (error) {
        made = { unavailable: (error as Error).message };
      }
    }
    // A missing rehearsal endpoint may appear once the rehearsal runs: only a made API is kept.
    if (!('unavailable' in made)) apis.set(placement, made);
    return made;
  };

  const start = (next: MigrationPlan): Running => {
    const clock = dataClockFor(next, context, tuning.clock);
    const abort = new AbortController();
    const apis: Running['apis'] = new Map();
    const keyspacesMonitor = new KeyspacesMonitor({
      stacks: () => (plan ? movingStacks(plan, context.stackOutputs) : []),
      api: (placement) => (plan ? apiOf(apis, plan, placement) : { unavailable: 'no plan is loaded' }),
      clock: () => clock.now(),
      stop: abort.signal,
      publish: (views) => {
        latest = views;
        context.publish({ type: 'keyspaces.stacks', stacks: [...views] });
      },
      ...(tuning.fetchProxy ? { fetchProxy: tuning.fetchProxy } : {}),
      ...(tuning.callOptions ? { callOptions: tuning.callOptions } : {}),
    });
    const poller = startTrackPoller({
      name: 'keyspaces monitor',
      target: next.environment.aws.endpoint === 'rehearsal' ? 'rehearsal' : next.environment.aws.region,
      intervals: tuning.intervals ?? DEFAULT_PACE_INTERVALS,
      clock,
      stop: abort.signal,
      log: context.log,
      track: keyspacesMonitor,
      status: (status) => {
        monitor = status;
        context.publish({ type: 'keyspaces.monitor', monitor });
      },
    });
    return { poller, stop: abort, clock, apis };
  };

  const monitors = new PlanMonitor<MigrationPlan, Running>({
    uses: (next) => keyspacesPlan.uses(next),
    environmentOf: (next) => monitorEnvironmentOf(next, context),
    start,
    closed: (run) => {
      for (const api of run.apis.values()) if (!('unavailable' in api)) api.close();
    },
    cleared: (why) => {
      const had = latest.length > 0;
      latest = [];
      if (why === 'environment') return;
      monitor = null;
      // Views still showing the previous plan's stacks learn there are none now.
      if (had) context.publish({ type: 'keyspaces.stacks', stacks: [] });
    },
  });

  const movingStack = (stackId: string) => {
    const keyspaces = plan && keyspacesOfStack(plan, stackId);
    if (!plan || !keyspaces) throw new CommandError('not-found', `stack ${stackId} has no Cassandra data in the loaded plan (no 'keyspaces')`);
    return { plan, keyspaces };
  };

  const journaled = async <T>(
    kind: 'keyspaces-bulk-load',
    stackId: string,
    work: () => Promise<{ value: T; details: Record<string, unknown> }>,
  ): Promise<T> => {
    const operationId = newOperationId(kind);
    const target = { type: 'stack' as const, stackId };
    await context.journal.append({ operationId, kind, target, phase: 'started' });
    try {
      const { value, details } = await work();
      await context.journal.append({ operationId, kind, target, phase: 'succeeded', details });
      return value;
    } catch (error) {
      await context.journal
        .append({ operationId, kind, target, phase: 'failed', message: (error as Error).message })
        .catch((journalError: unknown) => context.log(`journal write failed for ${kind} of ${stackId}: ${String(journalError)}`));
      throw error;
    }
  };

  /** Starts a validation of a stack (whole tables, some, or a re-check of ranges), journaled; its run id. */
  const startValidation = async (
    stackId: string,
    tables?: readonly string[],
    recheck?: { readonly table: string; readonly ranges: readonly { readonly start: string; readonly end: string }[] },
  ): Promise<string> => {
    const { keyspaces } = movingStack(stackId);
    const known = new Set(keyspaces.tables.map((table) => table.name));
    const unknown = [...(tables ?? []), ...(recheck ? [recheck.table] : [])].filter((table) => !known.has(table));
    if (unknown.length > 0) throw new CommandError('bad-request', `no table ${unknown.join(', ')} in ${stackId}'s keyspaces.tables (${[...known].join(', ')})`);
    if (validations.isRunning(stackId)) throw new CommandError('busy', `a validation of ${stackId} is running already: cancel it or wait for it`);
    const connections = validationConnections(keyspaces, outputString(context.stackOutputs(stackId), ENDPOINT_OUTPUT), tuning.env);
    if ('problem' in connections) throw new CommandError('bad-request', `${stackId} cannot be validated: ${connections.problem}`);
    // The validation runs on after the command answers: its start is journaled here, its outcome as it ends.
    const operationId = newOperationId('keyspaces-validate');
    const target = { type: 'stack' as const, stackId };
    const scope = { ...(tables ? { tables } : {}), ...(recheck ? { recheck } : {}) };
    await context.journal.append({
      operationId,
      kind: 'keyspaces-validate',
      target,
      phase: 'started',
      details: { scope: recheck ? 'recheck' : 'full', tables: recheck ? [recheck.table] : (tables ?? keyspaces.tables.map((table) => table.name)) },
    });
    const runId = validations.start(stackId, keyspaces, connections, scope, (view) =>
      context.journal
        .append({
          operationId,
          kind: 'keyspaces-validate',
          target,
          phase: view.state === 'cancelled' ? 'cancelled' : view.state === 'failed' ? 'failed' : 'succeeded',
          ...(view.problem ? { message: view.problem } : {}),
          details: validationDetails(view),
        })
        .then(
          () => undefined,
          (error: unknown) => context.log(`journal write failed for the validation of ${stackId}: ${String(error)}`),
        ),
    );
    return runId;
  };

  return {
    handlers: {
      'keyspaces.snapshot': async () => ({ monitor, stacks: [...latest], validations: validations.views() }),
      'keyspaces.validate': async ({ stackId, tables, recheck }) => ({ runId: await startValidation(stackId, tables, recheck) }),
      'keyspaces.validation.cancel': async ({ stackId }) => {
        movingStack(stackId);
        return { cancelled: await validations.cancel(stackId) };
      },
      'keyspaces.bulk-load.start': async ({ stackId }) => {
        const { plan: current } = movingStack(stackId);
        const stack = movingStacks(current, context.stackOutputs).find((candidate) => candidate.stackId === stackId)!;
        if ('problem' in stack.job) throw new CommandError('bad-request', `${stackId}'s bulk load cannot start: ${stack.job.problem}`);
        const running = monitors.running;
        const api = running ? apiOf(running.apis, current, stack.placement) : { unavailable: 'the Keyspaces monitor is not running' };
        if ('unavailable' in api) throw new CommandError('failed', `${stackId}'s bulk load cannot start: ${api.unavailable}`);
        const jobName = stack.job.name;
        const runId = await journaled('keyspaces-bulk-load', stackId, async () => {
          const id = await api.startJobRun(jobName, AbortSignal.timeout(30_000));
          return { value: id, details: { jobName, runId: id } };
        });
        monitors.running?.poller.soon();
        return { runId };
      },
    },
    async setPlan(next) {
      plan = next;
      const uses = next !== undefined && keyspacesPlan.uses(next);
      await validations.keepOnly(new Set(next && uses ? movingStacks(next, context.stackOutputs).map((stack) => stack.stackId) : []));
      await monitors.setPlan(next);
    },
    clock: () => monitors.running?.clock,
    stackChanges: context.stackChanges,
    startValidation: (stackId) => startValidation(stackId),
    cancelValidation: (stackId) => validations.cancel(stackId),
    refreshSoon: () => monitors.running?.poller.soon(),
    ...(context.runbookPollMs !== undefined ? { pollMs: context.runbookPollMs } : {}),
    stackViews: () => latest,
    validationViews: () => validations.views(),
    refreshNow: async () => monitors.running?.poller.refreshNow(),
    async close() {
      await validations.close();
      await monitors.stop();
    },
  };
}
