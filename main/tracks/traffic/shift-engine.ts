// The progressive shift of a wave's services (docs/design/traffic.md, "Step", "Abort", "Operator"): for each step,
// every service's weights written, each Route 53 change waited for until INSYNC, the step analysed over its pause
// (analysis.ts), then promoted, or aborted back to the abort target. The operator can pause (nothing promotes; a
// failing analysis still aborts: safety does not wait), resume, promote early and abort; each is recorded with who.
// The services move in lock-step: one step for all, any failure aborts all.
//
// Everything the engine knows goes into its record (ShiftRecord), handed out after every change: the runtime
// publishes it for the views, the runbook journals it with the step, the evidence pack prints it. The engine acts
// through ports only (AWS writes, change status, metric periods, the data clock), so its tests run on fakes.
import type { ShiftState } from '../../../common/tracks/traffic';
import { decideStep, judgeMeasurement, measurementWindows, type JudgedMeasurement } from './analysis';
import { measurementOf, type GroupPeriod } from './metric-queries';
import type { Analysis, ShiftStep } from './plan-schema';
import type { SplitWeights, WeightWrite } from './weights';

export interface ShiftService {
  readonly stackId: string;
  /** The name users resolve (messages). */
  readonly service: string;
  readonly split: 'route53' | 'alb';
  /** The service's thresholds (its wave's with its own over them). */
  readonly analysis: Analysis;
}

export interface ShiftSettings {
  readonly steps: readonly ShiftStep[];
  /**
   * How long after the weights are in sync users still follow the old ones (a Route 53 split: the record's TTL, as
   * resolvers cache the answer); the step's windows start after it.
   */
  readonly settleSeconds?: number;
  readonly onFailure: 'zero' | 'last-good';
  readonly changeTimeoutSeconds: number;
  readonly intervalSeconds: number;
  readonly failureLimit: number;
}

export interface ShiftPorts {
  /** The data clock (ms). */
  now(): number;
  /** Waits about one poll (real time); rejects when `signal` aborts. */
  poll(signal: AbortSignal): Promise<void>;
  /** How long after a window's end its datapoints are complete in CloudWatch (data-clock ms). */
  readonly metricsLagMs: number;
  /** Writes the service's weights for `percent` (the overlay first, so a later deploy keeps them). */
  write(service: ShiftService, percent: number, why: string, signal: AbortSignal): Promise<WeightWrite>;
  /** A Route 53 change's status. */
  changeStatus(service: ShiftService, changeId: string, signal: AbortSignal): Promise<'PENDING' | 'INSYNC'>;
  /** One-minute periods of the service's AWS target group over [from, to). */
  periods(service: ShiftService, from: number, to: number, signal: AbortSignal): Promise<readonly GroupPeriod[]>;
  /** The record changed (not journaled: the step's outcome carries the last one). */
  changed(record: ShiftRecord): void;
}

export interface OperatorEvent {
  readonly at: string;
  readonly by: string;
  readonly what: 'pause' | 'resume' | 'promote' | 'abort';
  readonly reason: string | null;
  /** The step it acted on (1-based), null between steps. */
  readonly step: number | null;
}

export interface ServiceWrite {
  readonly stackId: string;
  readonly before: SplitWeights;
  readonly after: SplitWeights;
  readonly changeId: string | null;
}

export interface StepRecord {
  /** 1-based. */
  readonly step: number;
  readonly percent: number;
  readonly pauseSeconds: number;
  readonly appliedAt: string;
  inSyncAt: string | null;
  readonly writes: ServiceWrite[];
  /** Per service, its measurements in window order. */
  readonly measurements: Record<string, JudgedMeasurement[]>;
  /** The windows planned (ISO). */
  readonly windows: readonly { readonly from: string; readonly to: string }[];
  decision: 'promoted' | 'aborted' | null;
  /** 'analysis', or the operator who decided. */
  decidedBy: string | null;
  why: string | null;
  decidedAt: string | null;
}

export interface ShiftRecord {
  readonly startedAt: string;
  /** The percent the shift began from (what the overlay said). */
  readonly fromPercent: number;
  state: ShiftState;
  /** The percent the services are at now (as last written). */
  percent: number;
  readonly steps: StepRecord[];
  readonly operator: OperatorEvent[];
  /** Where an abort returned the weights, and why it aborted. */
  abort: { readonly to: number; readonly why: string; readonly by: string; readonly at: string; writes: ServiceWrite[]; inSync: boolean } | null;
  /** Why it ended, in words. */
  message: string | null;
  endedAt: string | null;
}

/** `step`: the step a promote is meant for (1-based); a promote for another step is dropped. */
type Request = { readonly what: 'promote' | 'abort'; readonly by: string; readonly reason: string | null; readonly step?: number };

/** The operator's hold on a running shift; each call is recorded by the engine with who and when. */
export class ShiftControl {
  #paused = false;
  #request: Request | null = null;
  readonly #events: Omit<OperatorEvent, 'step' | 'at'>[] = [];

  get paused(): boolean {
    return this.#paused;
  }
  pause(by: string, reason: string | null = null): void {
    this.#paused = true;
    this.#events.push({ by, what: 'pause', reason });
  }
  resume(by: string, reason: string | null = null): void {
    this.#paused = false;
    this.#events.push({ by, what: 'resume', reason });
  }
  promote(by: string, reason: string | null = null, step?: number): void {
    this.#request ??= { what: 'promote', by, reason, ...(step === undefined ? {} : { step }) };
    this.#events.push({ by, what: 'promote', reason });
  }
  abort(by: string, reason: string | null = null): void {
    // An abort overrides a promotion not yet taken.
    if (this.#request?.what !== 'abort') this.#request = { what: 'abort', by, reason };
    this.#events.push({ by, what: 'abort', reason });
  }
  /** The events since the last call (the engine stamps them). */
  takeEvents(): Omit<OperatorEvent, 'step' | 'at'>[] {
    return this.#events.splice(0);
  }
  takeRequest(): Request | null {
    const request = this.#request;
    this.#request = null;
    return request;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Runs the shift from `fromPercent`: the steps above it, in order. Resolves with the record; never throws. */
export async function runShift(
  services: readonly ShiftService[],
  settings: ShiftSettings,
  fromPercent: number,
  control: ShiftControl,
  ports: ShiftPorts,
  signal: AbortSignal,
): Promise<ShiftRecord> {
  const record: ShiftRecord = {
    startedAt: iso(ports.now()),
    fromPercent,
    state: 'starting',
    percent: fromPercent,
    steps: [],
    operator: [],
    abort: null,
    message: null,
    endedAt: null,
  };
  const changed = () => ports.changed(record);
  const stampEvents = (step: number | null) => {
    for (const event of control.takeEvents()) record.operator.push({ ...event, at: iso(ports.now()), step });
  };
  // The last percent whose analysis passed (an operator's promotion is not a pass): where `last-good` returns.
  let lastGood = fromPercent;
  let stepNow: number | null = null;
  const end = (state: 'completed' | 'aborted' | 'failed', message: string) => {
    stampEvents(stepNow);
    record.state = state;
    record.message = message;
    record.endedAt = iso(ports.now());
    changed();
    return record;
  };

  /** Every service back to the abort target, in sync; the record says how far it got. */
  const abortTo = async (why: string, by: string): Promise<ShiftRecord> => {
    stampEvents(stepNow);
    const to = settings.onFailure === 'zero' ? 0 : lastGood;
    record.state = 'aborting';
    record.abort = { to, why, by, at: iso(ports.now()), writes: [], inSync: false };
    changed();
    // Its own deadline: the step's signal may be what ended it (a timeout), and the weights must still go back.
    const own = AbortSignal.timeout(Math.max(settings.changeTimeoutSeconds * 1000, 30_000));
    const failures: string[] = [];
    for (const service of services) {
      try {
        const write = await ports.write(service, to, `abort: ${why}`.slice(0, 200), own);
        record.abort.writes.push({ stackId: service.stackId, before: write.before, after: write.after, changeId: write.change?.id ?? null });
      } catch (error) {
        failures.push(`${service.stackId}: ${(error as Error).message}`);
      }
    }
    record.percent = to;
    const synced = failures.length === 0 ? await waitInSync(record.abort.writes, own, false) : { ok: false, message: '' };
    record.abort.inSync = synced.ok;
    const where = `${to} % to AWS${to === 0 ? ' (all users in the data center)' : to === fromPercent ? ' (where the shift began)' : ' (the last step whose analysis passed)'}`;
    if (failures.length > 0) return end('failed', `aborted (${why}), but the weights could not all be returned to ${where}: ${failures.join('; ')}`);
    if (!synced.ok) return end('failed', `aborted (${why}); the weights are written back to ${where} but not in sync: ${synced.message}`);
    return end('aborted', `aborted: ${why}; weights back to ${where}`);
  };

  /**
   * Each Route 53 change polled until INSYNC, up to the change timeout on the data clock; a status read that fails is
   * tried again at the next poll (Route 53 throttles at 5 requests a second) until then. An operator's abort ends the
   * wait (`abort`), when `operator` says to listen for one.
   */
  const waitInSync = async (
    writes: readonly ServiceWrite[],
    waitSignal: AbortSignal,
    operator: boolean,
  ): Promise<{ ok: boolean; message: string; abort?: Request }> => {
    const deadline = ports.now() + settings.changeTimeoutSeconds * 1000;
    const pending = new Map(writes.flatMap((write) => (write.changeId ? [[write.stackId, write.changeId] as const] : [])));
    let lastError: string | null = null;
    while (pending.size > 0) {
      if (operator) {
        stampEvents(stepNow);
        const request = control.takeRequest();
        if (request?.what === 'abort') return { ok: false, message: 'aborted by the operator while the weights synced', abort: request };
      }
      for (const [stackId, changeId] of [...pending]) {
        const service = services.find((candidate) => candidate.stackId === stackId)!;
        try {
          if ((await ports.changeStatus(service, changeId, waitSignal)) === 'INSYNC') pending.delete(stackId);
        } catch (error) {
          if (waitSignal.aborted) return { ok: false, message: 'stopped while waiting' };
          lastError = `the Route 53 change ${changeId} of ${stackId} could not be read: ${(error as Error).message}`;
        }
      }
      if (pending.size === 0) break;
      if (ports.now() >= deadline)
        return {
          ok: false,
          message: `Route 53 change${pending.size === 1 ? '' : 's'} ${[...pending.values()].join(', ')} not seen INSYNC within ${settings.changeTimeoutSeconds} s${lastError ? ` (${lastError})` : ' (still PENDING)'}`,
        };
      try {
        await ports.poll(waitSignal);
      } catch {
        return { ok: false, message: 'stopped while waiting' };
      }
    }
    return { ok: true, message: '' };
  };

  const steps = settings.steps.filter((step) => step.percent > fromPercent);
  if (steps.length === 0) return end('completed', `nothing to shift: the services are at ${fromPercent} % already, the last step's share`);
  for (const [i, step] of steps.entries()) {
    const number = settings.steps.indexOf(step) + 1;
    stepNow = number;
    stampEvents(number);
    // An abort waiting is taken; a promote meant for the step before is dropped.
    const early = control.takeRequest();
    if (early?.what === 'abort') return abortTo(`aborted by ${early.by}${early.reason ? `: ${early.reason}` : ''}`, early.by);
    if (signal.aborted) return abortTo('the step was stopped (timeout or the run aborted)', 'cockpit');

    // 1. The weights, every service.
    record.state = 'writing';
    const current: StepRecord = {
      step: number,
      percent: step.percent,
      pauseSeconds: step.pauseSeconds,
      appliedAt: iso(ports.now()),
      inSyncAt: null,
      writes: [],
      measurements: Object.fromEntries(services.map((service) => [service.stackId, []])),
      windows: [],
      decision: null,
      decidedBy: null,
      why: null,
      decidedAt: null,
    };
    record.steps.push(current);
    changed();
    for (const service of services) {
      try {
        const write = await ports.write(service, step.percent, `step ${number} of ${settings.steps.length}: ${step.percent} % to AWS`, signal);
        current.writes.push({ stackId: service.stackId, before: write.before, after: write.after, changeId: write.change?.id ?? null });
      } catch (error) {
        return abortTo(`the weights of ${service.stackId} could not be written for ${step.percent} %: ${(error as Error).message}`, 'cockpit');
      }
    }
    record.percent = step.percent;

    // 2. In sync.
    record.state = 'syncing';
    changed();
    const synced = await waitInSync(current.writes, signal, true);
    if (synced.abort) {
      const by = synced.abort.by;
      decide(current, 'aborted', by, `aborted by ${by}${synced.abort.reason ? `: ${synced.abort.reason}` : ''} while the weights synced`, ports.now());
      return abortTo(current.why!, by);
    }
    if (!synced.ok) return abortTo(signal.aborted ? 'the step was stopped while the weights synced' : synced.message, 'cockpit');
    const inSyncAt = ports.now();
    current.inSyncAt = iso(inSyncAt);

    // 3. The analysis over the pause, from when users follow the new weights.
    const windows = measurementWindows(inSyncAt + (settings.settleSeconds ?? 0) * 1000, step.pauseSeconds, settings.intervalSeconds);
    (current.windows as { from: string; to: string }[]).push(...windows.map((window) => ({ from: iso(window.from), to: iso(window.to) })));
    record.state = control.paused ? 'paused' : 'analysing';
    changed();
    let awaiting: string | null = null;
    for (;;) {
      stampEvents(number);
      const request = control.takeRequest();
      if (request?.what === 'abort') {
        decide(current, 'aborted', request.by, `aborted by ${request.by}${request.reason ? `: ${request.reason}` : ''}`, ports.now());
        return abortTo(current.why!, request.by);
      }
      if (request?.what === 'promote' && (request.step === undefined || request.step === number)) {
        decide(current, 'promoted', request.by, `promoted by ${request.by}${request.reason ? `: ${request.reason}` : ''}`, ports.now());
        break;
      }
      if (signal.aborted) {
        decide(current, 'aborted', 'cockpit', 'the step was stopped (timeout or the run aborted)', ports.now());
        return abortTo(current.why!, 'cockpit');
      }
      // Read every window that is complete and not read yet.
      const now = ports.now();
      let readFailed: string | null = null;
      // Each service's windows in order: its measurements are its windows', index for index.
      for (const service of services) {
        const list = current.measurements[service.stackId]!;
        for (let w = list.length; w < windows.length; w++) {
          const window = windows[w]!;
          if (window.to + ports.metricsLagMs > now) break;
          try {
            const periods = await ports.periods(service, window.from, window.to, signal);
            list.push(judgeMeasurement(measurementOf(periods, window.from, window.to), service.analysis));
            changed();
          } catch (error) {
            // A read that fails is tried again at the next poll; the pause does not end on an unread window.
            readFailed = `${service.stackId}: ${(error as Error).message}`;
            break;
          }
        }
      }
      const byService = new Map(services.map((service) => [service.service, current.measurements[service.stackId]!]));
      const complete = services.every((service) => current.measurements[service.stackId]!.length === windows.length);
      const decision = decideStep(byService, settings.failureLimit, windows.length, complete);
      if (decision.kind === 'abort') {
        decide(current, 'aborted', 'analysis', decision.why, ports.now());
        return abortTo(decision.why, 'analysis');
      }
      if (decision.kind === 'promote' && !control.paused) {
        decide(current, 'promoted', 'analysis', decision.why, ports.now());
        break;
      }
      const state: ShiftState = decision.kind === 'await-operator' ? 'awaiting-operator' : control.paused ? 'paused' : 'analysing';
      const why = decision.kind === 'await-operator' ? decision.why : readFailed;
      if (record.state !== state || awaiting !== why) {
        record.state = state;
        awaiting = why;
        record.message = why;
        changed();
      }
      try {
        await ports.poll(signal);
      } catch {
        // The signal: handled at the top of the loop.
      }
    }
    if (current.decidedBy === 'analysis') lastGood = step.percent;
    record.message = null;
    changed();
    if (i === steps.length - 1) break;
  }
  stampEvents(null);
  return end(
    'completed',
    `shifted: ${record.percent} % to AWS after ${record.steps.length} step${record.steps.length === 1 ? '' : 's'}, each analysed and promoted`,
  );
}

function decide(step: StepRecord, decision: 'promoted' | 'aborted', by: string, why: string, now: number): void {
  step.decision = decision;
  step.decidedBy = by;
  step.why = why;
  step.decidedAt = iso(now);
}
