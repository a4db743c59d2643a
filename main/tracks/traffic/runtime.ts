// The traffic track's runtime (started once by the core): the monitor of the loaded plan's services on the shared
// poller (kept across plan edits in the same environment), each wave's shift as it runs (its operator control and its
// record, published as `traffic.shift`), the traffic.* commands, and what the shift and its compensation act through
// (each placement's AWS API, the stack changes for the overlay). AWS calls go to each stack's placement (its
// account's session, its region) at the plan's target; everything is timed on the data clock of that target.
import { CommandError } from '../../../common/command-error';
import type { MonitorStatusView } from '../../api/contract/shared';
import type { HandlersOf } from '../../api/contract/track';
import type { JournalEntry } from '../../journal/entry';
import { osActor } from '../../journal/journal';
import type { AwsCallOptions } from '../../monitoring/aws-call';
import type { DataClock } from '../../monitoring/data-clock';
import { DEFAULT_PACE_INTERVALS, type PaceIntervals } from '../../monitoring/pace';
import { PlanMonitor } from '../../monitoring/plan-monitor';
import { startTrackPoller, type Poller } from '../../monitoring/poller';
import type { MigrationPlan } from '../../plan/model';
import type { StackChanges } from '../../seam/stack-changes';
import type { TrackContext, TrackRuntime } from '../../seam/track';
import { dataClockFor, monitorEnvironmentOf, placementApi } from '../../seam/track-environment';
import { trafficAwsApi, type TrafficAwsApi } from './aws-api';
import { ShiftViewSchema, type ServiceView, type ShiftView, type TrafficCommands } from './contract';
import { TrafficMonitor } from './monitor/traffic-monitor';
import { trafficPlan } from './plan';
import { ShiftControl, type ShiftRecord } from './shift-engine';
import { plannedPercent, watchedServices, type WatchedService } from './watched-services';

export interface TrafficTuning {
  readonly intervals?: PaceIntervals;
  /** The clock when the plan does not run on the embedded rehearsal's (tests). */
  readonly clock?: DataClock;
  readonly callOptions?: AwsCallOptions;
  /** How long after a window's end CloudWatch's datapoints are complete (data-clock ms). */
  readonly metricsLagMs?: number;
}

/** CloudWatch publishes ALB metrics within a minute or two; the rehearsal's are there when the minute ends. */
const AWS_METRICS_LAG_MS = 120_000;
const REHEARSAL_METRICS_LAG_MS = 5_000;

/** A wave's shift as it runs (or ran last): its control, the view's fixed part, and the engine's record. */
interface ShiftEntry {
  readonly control: ShiftControl;
  readonly base: Omit<ShiftView, keyof ShiftRecordFields>;
  record: ShiftRecord;
}
type ShiftRecordFields = Pick<ShiftView, 'startedAt' | 'fromPercent' | 'state' | 'percent' | 'stepRecords' | 'operator' | 'abort' | 'message' | 'endedAt'>;

export interface TrafficRuntime extends TrackRuntime {
  readonly handlers: HandlersOf<TrafficCommands>;
  services(): readonly WatchedService[];
  serviceViews(): readonly ServiceView[];
  shiftViews(): readonly ShiftView[];
  /** The placement's AWS API, or why there is none. */
  awsApi(service: WatchedService): TrafficAwsApi | { readonly unavailable: string };
  /** The data clock now (ms). */
  now(): number;
  readonly metricsLagMs: number;
  readonly stackChanges: StackChanges;
  readonly pollMs?: number;
  /** A shift starts: its control (the commands reach it) and where its record goes (published; journaled at each decision). */
  beginShift(base: ShiftEntry['base']): { readonly control: ShiftControl; changed(record: ShiftRecord): void };
  /**
   * Where the wave's last shift left its services, as its journaled record says: its end's percent, or for a shift the
   * cockpit did not see end, the last percent its analysis promoted (a step in flight is run again); null when none.
   */
  resumePoint(waveId: string): Promise<number | null>;
  /** The monitor learns a write or a change status at once (its history, its pending change). */
  readonly monitorHooks: Pick<TrafficMonitor, 'recordWrite' | 'recordChange'>;
  refreshSoon(): void;
}

interface Running {
  readonly poller: Poller;
  readonly stop: AbortController;
  readonly clock: DataClock;
  readonly monitor: TrafficMonitor;
  readonly apis: Map<string, TrafficAwsApi>;
}

const RUNNING_STATES = new Set<ShiftView['state']>(['starting', 'writing', 'syncing', 'analysing', 'paused', 'awaiting-operator', 'aborting']);
const PROMOTABLE = new Set<ShiftView['state']>(['analysing', 'paused', 'awaiting-operator']);

export function startTrafficRuntime(context: TrackContext, tuning: TrafficTuning = {}): TrafficRuntime {
  let plan: MigrationPlan | undefined;
  let latestServices: readonly ServiceView[] = [];
  let monitorStatus: MonitorStatusView | null = null;
  const shifts = new Map<string, ShiftEntry>();
  /**
   * The shifts the journal kept (a restarted cockpit shows the last one of each wave and resumes from it), read once,
   * when a plan with traffic services first loads: a plan without any costs no read of the journal.
   */
  let restored: Promise<void> | undefined;
  /** The shifts this cockpit runs (their control is here); another cockpit's are shown as its journal says. */
  const ownShifts = new WeakSet<ShiftEntry>();
  const restore = () =>
    (restored ??= restoreShifts(context).then((entries) => {
      for (const entry of entries) if (!shifts.has(entry.base.waveId)) shifts.set(entry.base.waveId, entry);
    }));
  /** The record journaled (`traffic-shift`), so the evidence and a restart have every decision, not only the step's end. */
  const journalShift = (entry: ShiftEntry, moment: string) =>
    context.journal
      .append({
        operationId: `traffic-shift-${entry.base.runId}-${entry.base.stepId}`,
        kind: 'traffic-shift',
        target: { type: 'wave', waveId: entry.base.waveId },
        phase: entry.record.endedAt ? (entry.record.state === 'completed' ? 'succeeded' : 'failed') : 'started',
        message: `${moment}: ${entry.record.percent} % to AWS${entry.record.message ? ` — ${entry.record.message}` : ''}`,
        details: { moment, shift: shiftView(entry) },
      })
      .catch((error: unknown) => context.log(`journal write failed for the traffic shift of ${entry.base.waveId}: ${String(error)}`));

  const services = () => (plan ? watchedServices(plan, context.stackOutputs) : []);
  const percentOf = (stackId: string) => plannedPercent(context.stackChanges.overlayOf(stackId));
  // A deep copy: the engine keeps changing its record after the view is published.
  const shiftView = (entry: ShiftEntry): ShiftView => {
    const record = structuredClone(entry.record) as unknown as Omit<ShiftView, 'stepRecords'> & { steps: ShiftView['stepRecords'] };
    const { steps, ...rest } = record;
    return { ...entry.base, ...rest, stepRecords: steps };
  };
  const shifting = () => [...shifts.values()].some((entry) => RUNNING_STATES.has(entry.record.state));

  /** The API of a placement (made on first use and kept), or why there is none. */
  const apiOf = (apis: Map<string, TrafficAwsApi>, current: MigrationPlan, placement: string) => placementApi(apis, current, placement, context, trafficAwsApi);

  const start = (next: MigrationPlan): Running => {
    const clock = dataClockFor(next, context, tuning.clock);
    const abort = new AbortController();
    const apis = new Map<string, TrafficAwsApi>();
    const monitor = new TrafficMonitor({
      services,
      api: (placement) => (plan ? apiOf(apis, plan, placement) : { unavailable: 'no plan is loaded' }),
      plannedPercent: percentOf,
      shifting,
      clock: () => clock.now(),
      stop: abort.signal,
      publish: (views) => {
        latestServices = views;
        context.publish({ type: 'traffic.services', services: [...views] });
      },
      ...(tuning.callOptions ? { callOptions: tuning.callOptions } : {}),
    });
    const poller = startTrackPoller({
      name: 'traffic monitor',
      target: next.environment.aws.endpoint === 'rehearsal' ? 'rehearsal' : next.environment.aws.region,
      intervals: tuning.intervals ?? DEFAULT_PACE_INTERVALS,
      clock,
      stop: abort.signal,
      log: context.log,
      track: monitor,
      status: (status) => {
        monitorStatus = status;
        context.publish({ type: 'traffic.monitor', monitor: status });
      },
    });
    return { poller, stop: abort, clock, monitor, apis };
  };

  const monitors = new PlanMonitor<MigrationPlan, Running>({
    uses: (next) => trafficPlan.uses(next),
    environmentOf: (next) => monitorEnvironmentOf(next, context),
    start,
    closed: (run) => {
      for (const api of run.apis.values()) api.close();
    },
    cleared: (why) => {
      const had = latestServices.length > 0;
      latestServices = [];
      if (why === 'environment') return;
      monitorStatus = null;
      if (had) context.publish({ type: 'traffic.services', services: [] });
    },
  });

  /** The monitor's views as they stand now, published between its cycles. */
  const republish = () => {
    const running = monitors.running;
    if (!running) return;
    latestServices = running.monitor.views();
    context.publish({ type: 'traffic.services', services: [...latestServices] });
  };
  const now = () => (monitors.running?.clock ?? tuning.clock ?? { now: Date.now, rate: 1 }).now();
  const rehearsed = () => plan?.environment.aws.endpoint === 'rehearsal';

  /** The running shift of the wave, or a refusal that says why there is none. */
  const runningShift = (waveId: string): ShiftEntry => {
    const entry = shifts.get(waveId);
    if (!entry) throw new CommandError('not-found', `wave '${waveId}' has no shift: its runbook's traffic-shift step has not started`);
    if (!RUNNING_STATES.has(entry.record.state))
      throw new CommandError(
        'bad-request',
        `the shift of wave '${waveId}' has ended (${entry.record.state}${entry.record.message ? `: ${entry.record.message}` : ''})`,
      );
    return entry;
  };

  /** An operator's action on a shift: handed to its control, then journaled with who and why. */
  const operate = async (waveId: string, what: 'pause' | 'resume' | 'promote' | 'abort', reason: string | undefined) => {
    const entry = runningShift(waveId);
    const current = entry.record.steps[entry.record.steps.length - 1];
    if (what === 'promote') {
      // Only a step being analysed can be promoted: one being written or synced has nothing measured yet.
      if (!current || !PROMOTABLE.has(entry.record.state))
        throw new CommandError('bad-request', `the shift of wave '${waveId}' is ${entry.record.state}: only a step being analysed can be promoted`);
      const failing = Object.values(current.measurements).some((list) => list.some((measurement) => measurement.verdict === 'fail'));
      if (failing && !reason)
        throw new CommandError('bad-request', `step ${current.step} of wave '${waveId}' has failed measurements: say why it is promoted anyway`);
    }
    if (what === 'resume' && !entry.control.paused) throw new CommandError('bad-request', `the shift of wave '${waveId}' is not paused`);
    const by = osActor();
    if (what === 'promote') entry.control.promote(by, reason ?? null, current!.step);
    else entry.control[what](by, reason ?? null);
    // Journaled once the control has it: the shift acts on it at its next check whatever the journal does.
    await context.journal
      .append({
        operationId: `traffic-${what}-${Date.now().toString(36)}`,
        kind: 'traffic-operator',
        target: { type: 'wave', waveId },
        phase: 'succeeded',
        message: `${what} of the traffic shift${current ? ` at step ${current.step} (${current.percent} %)` : ''}${reason ? `: ${reason}` : ''}`,
        details: { what, reason: reason ?? null, step: current?.step ?? null, percent: entry.record.percent },
      })
      .catch((error: unknown) => context.log(`journal write failed for the operator's ${what} of the traffic shift of ${waveId}: ${String(error)}`));
    return { shift: shiftView(entry) };
  };

  return {
    handlers: {
      'traffic.snapshot': async () => ({ monitor: monitorStatus, services: [...latestServices], shifts: [...shifts.values()].map(shiftView) }),
      'traffic.pause': async ({ waveId, reason }) => operate(waveId, 'pause', reason),
      'traffic.resume': async ({ waveId, reason }) => operate(waveId, 'resume', reason),
      'traffic.promote': async ({ waveId, reason }) => operate(waveId, 'promote', reason),
      'traffic.abort': async ({ waveId, reason }) => operate(waveId, 'abort', reason),
    },
    async setPlan(next) {
      plan = next;
      if (next && trafficPlan.uses(next)) void restore();
      await monitors.setPlan(next);
    },
    clock: () => monitors.running?.clock,
    services,
    serviceViews: () => latestServices,
    shiftViews: () => [...shifts.values()].map(shiftView),
    awsApi: (service) => {
      const running = monitors.running;
      if (!running || !plan) return { unavailable: 'the traffic monitor is not running' };
      return apiOf(running.apis, plan, service.placement);
    },
    now,
    get metricsLagMs() {
      return tuning.metricsLagMs ?? (rehearsed() ? REHEARSAL_METRICS_LAG_MS : AWS_METRICS_LAG_MS);
    },
    stackChanges: context.stackChanges,
    ...(context.runbookPollMs !== undefined ? { pollMs: context.runbookPollMs } : {}),
    async resumePoint(waveId) {
      await restore();
      const entry = shifts.get(waveId);
      return entry ? resumePercentOf(entry.record) : null;
    },
    beginShift(base) {
      const control = new ShiftControl();
      const entry: ShiftEntry = {
        control,
        base,
        record: {
          startedAt: new Date(now()).toISOString(),
          fromPercent: 0,
          state: 'starting',
          percent: 0,
          steps: [],
          operator: [],
          abort: null,
          message: null,
          endedAt: null,
        },
      };
      shifts.set(base.waveId, entry);
      ownShifts.add(entry);
      let decided = 0;
      let began = false;
      let aborting = false;
      return {
        control,
        changed: (record) => {
          entry.record = record;
          context.publish({ type: 'traffic.shift', shift: shiftView(entry) });
          monitors.running?.poller.soon();
          const decisions = record.steps.filter((step) => step.decision !== null).length;
          if (!began) journalShift(entry, 'began');
          else if (record.endedAt) journalShift(entry, 'ended');
          else if (record.abort && !aborting) journalShift(entry, `step ${record.steps.length} aborted`);
          else if (decisions > decided) journalShift(entry, `step ${decisions} ${record.steps[decisions - 1]!.decision}`);
          began = true;
          aborting = record.abort !== null;
          decided = decisions;
        },
      };
    },
    // A write or a change status is in the views at once (the weights' history, the pending change), not a cycle later.
    monitorHooks: {
      recordWrite: (stackId, write, at) => {
        monitors.running?.monitor.recordWrite(stackId, write, at);
        republish();
      },
      recordChange: (stackId, changeId, status) => {
        monitors.running?.monitor.recordChange(stackId, changeId, status);
        republish();
      },
    },
    refreshSoon: () => monitors.running?.poller.soon(),
    observeRemote(entry) {
      if (entry.kind !== 'traffic-shift') return;
      const parsed = ShiftViewSchema.safeParse(entry.details?.shift);
      if (!parsed.success) return;
      const local = shifts.get(parsed.data.waveId);
      // A shift this cockpit runs is its own truth; any other follows the driver's record as it is journaled.
      if (local && ownShifts.has(local) && RUNNING_STATES.has(local.record.state)) return;
      const followed = shiftEntryOf(parsed.data);
      shifts.set(parsed.data.waveId, followed);
      context.publish({ type: 'traffic.shift', shift: shiftView(followed) });
    },
    async close() {
      await monitors.stop();
    },
  };
}

/**
 * Where a shift left its services: its end's percent (the abort's target when it aborted); for one not seen to end,
 * the last percent its analysis or operator promoted, else where it began — never a step still in flight.
 */
export function resumePercentOf(record: Pick<ShiftRecord, 'endedAt' | 'abort' | 'percent' | 'steps' | 'fromPercent'>): number {
  if (record.endedAt) return record.abort ? record.abort.to : record.percent;
  const promoted = record.steps.filter((step) => step.decision === 'promoted').at(-1);
  return promoted?.percent ?? record.fromPercent;
}

/**
 * Each wave's last shift as the journal kept it (`traffic-shift`). One the cockpit did not see end (it stopped during
 * it) reads failed, saying so: the weights stayed where its last write left them, unwatched.
 */
export async function restoreShifts(context: Pick<TrackContext, 'journal' | 'isOwnEntry'>): Promise<ShiftEntry[]> {
  const { entries } = await context.journal.read().catch(() => ({ entries: [] as JournalEntry[] }));
  const last = new Map<string, { view: ShiftView; own: boolean }>();
  for (const entry of entries) {
    if (entry.kind !== 'traffic-shift') continue;
    const parsed = ShiftViewSchema.safeParse(entry.details?.shift);
    if (parsed.success) last.set(parsed.data.waveId, { view: parsed.data, own: context.isOwnEntry(entry) });
  }
  return [...last.values()].map(({ view, own }) => {
    const entry = shiftEntryOf(view);
    // Another cockpit's unfinished shift (team mode) may be running there: its next record comes live.
    if (own && !entry.record.endedAt && RUNNING_STATES.has(entry.record.state)) {
      entry.record.state = 'failed';
      entry.record.message = `the cockpit stopped during this shift (at ${entry.record.percent} % to AWS, as last written): nothing watched it since; retry the step to shift again from the last step the analysis promoted, or roll back`;
    }
    return entry;
  });
}

/** A shift as a journaled view describes it (no control of this cockpit runs it). */
function shiftEntryOf(view: ShiftView): ShiftEntry {
  const { waveId, runId, stepId, services, steps, onFailure, intervalSeconds, failureLimit, stepRecords, ...rest } = view;
  const record = { ...rest, steps: stepRecords } as unknown as ShiftRecord;
  return { control: new ShiftControl(), base: { waveId, runId, stepId, services, steps, onFailure, intervalSeconds, failureLimit }, record };
}
