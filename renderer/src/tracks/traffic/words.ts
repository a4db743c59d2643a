// The traffic track in words: its journal kind and runbook action; numbers with their units (weights "75 / 25 (data
// center / AWS)", percents, requests and 5xx per minute, response times in ms); times with their clock (UTC, or the
// rehearsal's with its factor: lib/readiness.ts formatDataTime, the one labelling every track uses); a service's split,
// change and target health; a shift's state, steps, decisions, measurements against their thresholds, its abort and
// the operator's commands; the empty states and the stack panel's line. Pure, so every word is tested without a DOM.
// One file on purpose: it is the tab's one vocabulary.
import type { ShiftState, TRAFFIC_ACTION_TYPES } from '../../../../common/tracks/traffic';
import type { JournalEntryView, MonitorStatusView, PlanView } from '../../../../main/api/contract';
import type { ServiceView, ShiftView, TargetHealthView } from '../../../../main/tracks/traffic/contract';
import { formatClock, formatCount, formatUtcSeconds } from '../../lib/format';
import { dataClockLabel, formatDataTime, type ClockRate } from '../../lib/readiness';
import {
  abortTarget,
  commandHold,
  currentStep,
  failedMeasurements,
  isShiftRunning,
  MIN_SHIFT_REASON,
  nextStep,
  operatorPaused,
  reasonRequired,
  shiftMoves,
  type MeasurementView,
  type OperatorEvent,
  type RunRollback,
  type ShiftCommand,
  type ShiftStepRecord,
  type StepRow,
  type StepStatus,
  type ThresholdsView,
} from './shifts';
import type { TrafficSent, TrafficSlice } from './slice';

/** A pill's tone: the gate pill's data-gate (replication.css). `holding`: in progress, not a fault. */
export type Tone = 'green' | 'red' | 'unknown' | 'holding' | 'neutral';

type TrafficJournalKind = Extract<JournalEntryView['kind'], `traffic-${string}`>;

/** The journal kinds the track declares (main/journal/entry.ts), in words. */
export const TRAFFIC_JOURNAL_KINDS: Readonly<Record<TrafficJournalKind, string>> = {
  'traffic-operator': 'Operator action on a traffic shift',
  'traffic-shift': 'Traffic shift: its record at a step’s decision',
};

/** The runbook action the track declares (common/tracks/traffic.ts), in words. */
export const TRAFFIC_STEP_LABELS: Readonly<Record<(typeof TRAFFIC_ACTION_TYPES)[number], string>> = {
  'traffic-shift': 'Shift traffic to AWS step by step',
};

// ---------------------------------------------------------------------------------------------------------------
// Numbers with their units, times with their clock
// ---------------------------------------------------------------------------------------------------------------

const DECIMALS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "1 request", "1,200 requests": a count with its unit, singular for one. */
export function countText(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A number as read: "1,200", "0.25", "33.3". */
export function numberText(value: number): string {
  return DECIMALS.format(value);
}

/** "25 %", "0.25 %". */
export function percentText(value: number): string {
  return `${numberText(value)} %`;
}

/** 45 -> "45 s", 300 -> "5 min", 725 -> "12 min 5 s", 3720 -> "1 h 2 min". */
export function durationText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return whole % 60 === 0 ? `${whole / 60} min` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
  const minutes = Math.floor((whole % 3600) / 60);
  return minutes === 0 ? `${Math.floor(whole / 3600)} h` : `${Math.floor(whole / 3600)} h ${minutes} min`;
}

/** The UTC day of an ISO instant ("2026-12-05"), or null when it is no date. */
export function utcDay(iso: string): string | null {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

/**
 * A time of the track's data with its clock: "02:13:03 UTC" on the day of the monitor's data clock, with its day
 * ("04 Dec 2026, 23:10:00 UTC") on another or when no clock says which day it is; a rehearsal running faster says so.
 */
export function whenText(iso: string, clock: ClockRate | null | undefined): string {
  const today = clock && 'at' in clock ? utcDay(clock.at) : null;
  return formatDataTime(iso, clock, { date: today === null || utcDay(iso) !== today });
}

/** A measurement's window without its clock (its table's head says it): "02:09:00–02:10:00". */
export function windowText(from: string, to: string): string {
  return `${formatClock(from)}–${formatClock(to)}`;
}

/**
 * The clock of a table's or a chart's times, short: "UTC", "UTC, rehearsal clock 10×", or a rehearsal clock at real
 * speed that was moved: "UTC, rehearsal clock 12 min ahead" (the times beside it say so in full: dataClockLabel).
 */
export function clockCaption(clock: ClockRate | null | undefined): string {
  if (!clock) return 'UTC';
  if (clock.rate !== 1) return `UTC, rehearsal clock ${Number(clock.rate.toPrecision(3))}×`;
  // As dataClockLabel decides it: a minute or more from real time is said.
  const offsetMs = 'at' in clock ? Date.parse(clock.at) - Date.parse(clock.wallAt) : 0;
  if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) < 60_000) return 'UTC';
  return `UTC, rehearsal clock ${Math.round(Math.abs(offsetMs) / 60_000)} min ${offsetMs > 0 ? 'ahead' : 'behind'}`;
}

/**
 * Times of one clock in a row, the clock said once at the end: "02:00:00 (to 5 %), 02:08:05 (to 25 %) UTC" (each item
 * held together by no-break spaces, so a line never ends between a number and its unit).
 */
export function timesText(items: readonly { readonly at: string; readonly what: string }[], clock: ClockRate | null | undefined): string {
  if (items.length === 0) return '';
  const today = clock && 'at' in clock ? utcDay(clock.at) : null;
  const dated = items.some((item) => today === null || utcDay(item.at) !== today);
  // Each time and what it says kept on one line (no "(to 100" above "%)"): no-break spaces inside an item.
  const times = items.map((item) =>
    `${dated ? formatUtcSeconds(item.at).replace(/ UTC$/, '') : formatClock(item.at)}${item.what ? ` ${item.what}` : ''}`.replace(/ /g, '\u00a0'),
  );
  return `${times.join(', ')} ${dataClockLabel(clock)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The monitor
// ---------------------------------------------------------------------------------------------------------------

export const MONITOR_STATE_WORDS: Readonly<Record<MonitorStatusView['state'], string>> = {
  idle: 'idle',
  polling: 'polling',
  'backing-off': 'backing off',
  degraded: 'degraded',
};

/** "Traffic monitor polling · rehearsal environment · every 10 s · last cycle 42 ms at 02:13:03 UTC". */
export function monitorText(monitor: MonitorStatusView): string {
  const parts = [`Traffic monitor ${MONITOR_STATE_WORDS[monitor.state]}`];
  if (monitor.target) parts.push(monitor.target === 'rehearsal' ? 'rehearsal environment' : monitor.target);
  if (monitor.intervalSeconds > 0) parts.push(`every ${formatCount(monitor.intervalSeconds)} s`);
  if (monitor.lastCycleMs !== null)
    parts.push(
      `last cycle ${formatCount(Math.round(monitor.lastCycleMs))} ms${monitor.lastCycleAt ? ` at ${whenText(monitor.lastCycleAt, monitor.dataClock)}` : ''}`,
    );
  return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------------------------------
// A service: its split and weights
// ---------------------------------------------------------------------------------------------------------------

export const SPLIT_WORDS: Readonly<Record<ServiceView['split'], string>> = {
  route53: 'Route 53 weighted records',
  alb: 'ALB weighted target groups',
};

/** "75 / 25 (data center / AWS)": the weights as AWS holds them, the data center's first. */
export function weightsText(weights: { readonly dc: number; readonly aws: number }): string {
  return `${formatCount(weights.dc)} / ${formatCount(weights.aws)} (data center / AWS)`;
}

/** "25 % to AWS". */
export function awsShareText(percent: number): string {
  return `${percentText(percent)} to AWS`;
}

/** The share of AWS for weights (all 0: an even split, as Route 53 answers it; main/tracks/traffic/weights.ts). */
export function awsShareOf(weights: { readonly dc: number; readonly aws: number }): number {
  const sum = weights.dc + weights.aws;
  return sum === 0 ? 50 : Math.round((weights.aws / sum) * 1000) / 10;
}

/** What the monitor could make of a service: read, not deployed, not readable, or not read yet. */
export type ServiceReading = 'read' | 'not-deployed' | 'unreadable' | 'not-read';

export function serviceReading(view: ServiceView): ServiceReading {
  if (view.weights !== null || view.targets.aws !== null || view.checkedAt !== null) return 'read';
  if (view.problem === null) return 'not-read';
  // The stack's trafficResources output (main/tracks/traffic/resources.ts) comes with its first deploy.
  return /no trafficResources output yet/.test(view.problem) ? 'not-deployed' : 'unreadable';
}

/** The service's headline when there is nothing to draw: what it means and what to do. */
export const SERVICE_READING_WORDS: Readonly<Record<Exclude<ServiceReading, 'read'>, string>> = {
  'not-deployed': 'Not deployed yet: deploy the stack (its load balancer and records come with its first deploy).',
  unreadable: 'The service could not be read: see the problem below.',
  'not-read': 'Not read yet: the traffic monitor reads it at its next cycle.',
};

/** "25 % to AWS · weights 75 / 25 (data center / AWS)", or why the weights are not known. */
export function weightsLine(view: ServiceView): string {
  if (view.weights === null || view.awsPercent === null) return 'weights not known (not deployed or not read yet)';
  return `${awsShareText(view.awsPercent)} · weights ${weightsText(view.weights)}`;
}

/** Said when the overlay's percent (what a deploy writes) is not what AWS holds; null when they agree. */
export function plannedText(view: ServiceView): string | null {
  if (view.awsPercent === null || view.plannedPercent === view.awsPercent) return null;
  return `AWS holds ${awsShareText(view.awsPercent)}; the cutover overlay says ${awsShareText(view.plannedPercent)} (what a deploy of the stack would write).`;
}

/** The newest Route 53 change the cockpit made: "C0123… INSYNC, submitted 02:08:05 UTC", or why there is none. */
export function changeText(view: ServiceView, clock: ClockRate | null | undefined): string {
  if (view.split === 'alb') return 'none: an ALB split changes the listener’s weights at once';
  const change = view.change;
  if (!change) return 'none made by the cockpit yet';
  const submitted = change.submittedAt !== null ? `, submitted ${whenText(change.submittedAt, clock)}` : '';
  return `${change.id} ${change.status === 'PENDING' ? 'PENDING: not all Route 53 servers answer the new weights yet' : 'INSYNC'}${submitted}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Target health
// ---------------------------------------------------------------------------------------------------------------

/** "2 healthy, 1 unhealthy, 1 other (registering, draining, unused or unavailable)". */
export function healthText(health: TargetHealthView): string {
  const other = health.other > 0 ? `${formatCount(health.other)} other (registering, draining, unused or unavailable)` : '0 other';
  return `${formatCount(health.healthy)} healthy, ${formatCount(health.unhealthy)} unhealthy, ${other}`;
}

/** A side's target health, or why there is none to say. */
export function sideHealthText(view: ServiceView, side: 'aws' | 'dc'): string {
  const health = view.targets[side];
  if (health) return healthText(health);
  if (side === 'dc' && view.split === 'route53') return 'no target group (Route 53 split: the data center’s addresses are the records’ values)';
  return serviceReading(view) === 'not-deployed' ? 'not deployed yet' : 'not read yet';
}

export function healthTone(health: TargetHealthView | null, minHealthy = 1): Tone {
  if (!health) return 'unknown';
  if (health.unhealthy > 0 || health.healthy < minHealthy) return 'red';
  return health.other > 0 ? 'holding' : 'green';
}

/** The targets not healthy, each with its state and AWS's reason: "10.20.3.14:8080 unhealthy: Health checks failed…". */
export function troubledTargets(health: TargetHealthView | null): { readonly text: string; readonly unhealthy: boolean }[] {
  if (!health) return [];
  return health.targets
    .filter((target) => target.state !== 'healthy')
    .map((target) => ({
      text: `${target.id}${target.port !== null ? `:${target.port}` : ''} ${target.state}: ${target.reason ?? 'no reason given'}`,
      unhealthy: target.state === 'unhealthy',
    }));
}

// ---------------------------------------------------------------------------------------------------------------
// Requests, 5xx and response time per minute
// ---------------------------------------------------------------------------------------------------------------

/** Said where a Route 53 split's data-center side would show numbers. */
export const DC_NOT_MEASURED = 'not measured (Route 53 split: the data center’s requests are not in CloudWatch)';

/** "1,200 requests/min", or that CloudWatch has none. */
export function requestsText(requests: number | null): string {
  return requests === null ? 'no requests in CloudWatch' : `${numberText(requests)} requests/min`;
}

/** "3 5xx/min (0.25 % of requests)"; the percent left out when there were no requests. */
export function errorsText(errors5xx: number | null, requests: number | null): string {
  if (errors5xx === null) return 'no 5xx count in CloudWatch';
  const share = requests !== null && requests > 0 ? ` (${percentText(Math.round((errors5xx / requests) * 10_000) / 100)} of requests)` : '';
  return `${numberText(errors5xx)} 5xx/min${share}`;
}

/** "120 ms mean response time", or none. */
export function responseTimeText(ms: number | null): string {
  return ms === null ? 'no response time in CloudWatch' : `${formatCount(Math.round(ms))} ms mean response time`;
}

type SideMinute = NonNullable<ServiceView['minutes'][number]['dc']>;

/** One side's minute: "300 requests/min, 0 5xx/min (0 % of requests), 120 ms mean response time". */
export function sideMinuteText(side: SideMinute | null): string {
  if (side === null) return DC_NOT_MEASURED;
  if (side.requests === null && side.errors5xx === null && side.responseTimeMs === null) return 'no requests in CloudWatch';
  return [requestsText(side.requests), errorsText(side.errors5xx, side.requests), responseTimeText(side.responseTimeMs)].join(', ');
}

type Minute = ServiceView['minutes'][number];

/**
 * The newest minute the captions speak of: the newest one that had ended when the monitor read the service. Its hour
 * runs to the minute in progress, which CloudWatch has no datapoint of until it ends (ALB publishes a minute once it is
 * over): said as "no requests" it would deny the traffic the minutes before show. Without a read time, or when no
 * minute had ended, the newest minute.
 */
export function newestMinute(view: ServiceView): Minute | null {
  const readAt = view.checkedAt !== null ? Date.parse(view.checkedAt) : Number.NaN;
  let newest: Minute | null = null;
  let newestEnded: Minute | null = null;
  for (const minute of view.minutes) {
    const at = Date.parse(minute.at);
    if (!newest || at > Date.parse(newest.at)) newest = minute;
    if (at + 60_000 <= readAt && (!newestEnded || at > Date.parse(newestEnded.at))) newestEnded = minute;
  }
  return newestEnded ?? newest;
}

// ---------------------------------------------------------------------------------------------------------------
// A shift
// ---------------------------------------------------------------------------------------------------------------

export const SHIFT_STATE_WORDS: Readonly<Record<ShiftState, string>> = {
  starting: 'Starting',
  writing: 'Writing the weights',
  syncing: 'Waiting for the weights to be in sync',
  analysing: 'Analysing the step',
  paused: 'PAUSED by the operator',
  'awaiting-operator': 'WAITING FOR THE OPERATOR: promote or abort',
  aborting: 'ABORTING: returning the weights',
  completed: 'Completed',
  aborted: 'ABORTED',
  failed: 'FAILED: the weights are not all back in sync',
};

export const SHIFT_STATE_TONE: Readonly<Record<ShiftState, Tone>> = {
  starting: 'holding',
  writing: 'holding',
  syncing: 'holding',
  analysing: 'holding',
  paused: 'unknown',
  'awaiting-operator': 'red',
  aborting: 'red',
  completed: 'green',
  aborted: 'red',
  failed: 'red',
};

/** The shift's state in words: a pause the operator asked for reads as paused even while the engine writes or syncs. */
export function shiftStateText(shift: ShiftView): string {
  const words = SHIFT_STATE_WORDS[shift.state];
  if (shift.state !== 'paused' && operatorPaused(shift)) return `${words} (PAUSED by the operator: nothing promotes until resumed)`;
  return words;
}

/**
 * Where the shift is: "step 2 of 4 — 25 % to AWS"; before its first step "starting from 0 % to AWS"; once ended,
 * where it ended and where the weights are.
 */
export function currentStepText(shift: ShiftView): string {
  const step = currentStep(shift);
  const of = shift.steps.length;
  if (!step) return isShiftRunning(shift.state) ? `starting from ${awsShareText(shift.fromPercent)}` : `no step run: ${awsShareText(shift.percent)}`;
  const at = `step ${step.step} of ${of} — ${awsShareText(step.percent)}`;
  if (shift.state === 'completed') return `completed at ${at}`;
  const to = awsShareText(shift.abort?.to ?? shift.percent);
  if (shift.state === 'aborting') return `aborted at ${at}; weights going back to ${to}`;
  if (shift.state === 'aborted') return `aborted at ${at}; weights back to ${to}`;
  if (shift.state === 'failed') return `aborted at ${at}; the weights did NOT all return to ${to} in sync`;
  return at;
}

/** "analysis every 1 min · abort back to 0 % to AWS (all users in the data center) · 1 failed measurement allowed per service and step". */
export function shiftSettingsText(shift: ShiftView): string {
  const back = shift.onFailure === 'zero' ? `${awsShareText(0)} (all users in the data center)` : 'the last step that passed';
  return [
    `analysis every ${durationText(shift.intervalSeconds)}`,
    `on failure back to ${back}`,
    `${countText(shift.failureLimit, 'failed measurement')} allowed per service and step`,
  ].join(' · ');
}

/** Who decided, in words: the analysis, the cockpit (a failed write or wait, a timeout), or the operator's name. */
export function deciderText(by: string): string {
  if (by === 'analysis') return 'the analysis';
  if (by === 'cockpit') return 'the cockpit';
  return by;
}

export const STEP_STATUS_WORDS: Readonly<Record<StepStatus, string>> = {
  skipped: 'skipped',
  promoted: 'promoted',
  aborted: 'ABORTED',
  current: 'now',
  stopped: 'stopped undecided',
  upcoming: 'to come',
  'not-run': 'not run',
};

export const STEP_STATUS_TONE: Readonly<Record<StepStatus, Tone>> = {
  skipped: 'neutral',
  promoted: 'green',
  aborted: 'red',
  current: 'holding',
  stopped: 'red',
  upcoming: 'neutral',
  'not-run': 'neutral',
};

/**
 * A step's decision with who made it and when ("promoted by the analysis at 02:08:05 UTC"), the current step's
 * progress, or why it was skipped or not run; null for a step to come (its status says it).
 */
export function stepDecisionText(row: StepRow, shift: ShiftView, clock: ClockRate | null | undefined): string | null {
  const record = row.record;
  if (row.status === 'skipped') return `the shift started at ${awsShareText(shift.fromPercent)}`;
  if (!record) return row.status === 'upcoming' ? null : 'the shift ended before it';
  if (record.decision !== null) {
    const who = record.decidedBy !== null ? ` by ${deciderText(record.decidedBy)}` : '';
    const when = record.decidedAt !== null ? ` at ${whenText(record.decidedAt, clock)}` : '';
    return `${record.decision}${who}${when}`;
  }
  if (row.status === 'stopped') return 'the shift aborted before its analysis ended';
  return stepProgressText(record, shift);
}

/**
 * The current step's progress: "weights written at …", "2 of 5 measurements per service", and how many failed; held by
 * the operator, what resuming does (a step whose every window passed is promoted then).
 */
function stepProgressText(record: ShiftStepRecord, shift: ShiftView): string {
  const held = operatorPaused(shift);
  if (record.inSyncAt === null)
    return `weights written, waiting for them to be in sync${held ? '; PAUSED by the operator: nothing promotes until resumed' : ''}`;
  const lists = Object.values(record.measurements);
  const measured = Math.min(...lists.map((list) => list.length));
  const failed = failedMeasurements(record);
  const measuredText = `${formatCount(Number.isFinite(measured) ? measured : 0)} of ${countText(record.windows.length, 'measurement')} per service`;
  const progress = failed > 0 ? `${measuredText}; ${countText(failed, 'failed measurement')} (the limit is ${shift.failureLimit} per service)` : measuredText;
  if (!held) return progress;
  const passed = record.windows.length > 0 && lists.every((list) => list.length === record.windows.length && list.every((one) => one.verdict === 'pass'));
  return `${progress}; PAUSED by the operator: ${passed ? 'every measurement passed, promoted once resumed' : 'nothing promotes until resumed'}`;
}

/** A step's place in words; the current step of a shift the operator holds says so (its strip cell and its dot). */
export function stepStatusWords(row: StepRow, shift: ShiftView): string {
  return row.status === 'current' && operatorPaused(shift) ? 'now, PAUSED' : STEP_STATUS_WORDS[row.status];
}

export function stepStatusTone(row: StepRow, shift: ShiftView): Tone {
  return row.status === 'current' && operatorPaused(shift) ? 'unknown' : STEP_STATUS_TONE[row.status];
}

/** "5 % · pause 5 min". */
export function stepPlanText(row: Pick<StepRow, 'percent' | 'pauseSeconds'>): string {
  return `${percentText(row.percent)} · pause ${durationText(row.pauseSeconds)}`;
}

/** The abort: who and why, where the weights went, and whether they are in sync. */
export interface AbortLines {
  readonly headline: string;
  readonly why: string;
  readonly target: string;
  readonly writes: readonly string[];
  readonly sync: string;
  readonly inSync: boolean;
}

export function abortLines(shift: ShiftView, clock: ClockRate | null | undefined, stackName: (stackId: string) => string): AbortLines | null {
  const abort = shift.abort;
  if (!abort) return null;
  const target = abort.to === 0 ? `${awsShareText(0)} (all users in the data center)` : `${awsShareText(abort.to)} (the last step that passed)`;
  const writes = abort.writes.map(
    (write) =>
      `${stackName(write.stackId)}: ${weightsText(write.before)} → ${weightsText(write.after)}${write.changeId !== null ? `, Route 53 change ${write.changeId}` : ''}`,
  );
  const missing = shift.services.filter((service) => !abort.writes.some((write) => write.stackId === service.stackId));
  const unwritten = missing.length > 0 ? [`NOT written: ${missing.map((service) => stackName(service.stackId)).join(', ')}`] : [];
  const sync = abort.inSync
    ? 'the weights are in sync'
    : shift.state === 'aborting'
      ? 'waiting for the weights to be in sync'
      : `NOT in sync${shift.message ? `: ${shift.message}` : ''}`;
  return {
    headline: `Aborted by ${deciderText(abort.by)} at ${whenText(abort.at, clock)}`,
    why: abort.why,
    target: `Weights ${shift.state === 'aborting' ? 'going back' : abort.inSync ? 'back' : 'sent back'} to ${target}`,
    writes: [...writes, ...unwritten],
    sync,
    inSync: abort.inSync,
  };
}

/** "02:03:10 UTC · ops@host paused at step 1: checked the dashboards". */
export function operatorEventText(event: OperatorEvent, clock: ClockRate | null | undefined): string {
  const what = { pause: 'paused', resume: 'resumed', promote: 'promoted', abort: 'aborted' }[event.what];
  const step = event.step !== null ? ` at step ${event.step}` : '';
  return `${whenText(event.at, clock)} · ${event.by} ${what}${step}${event.reason ? `: ${event.reason}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements against the thresholds
// ---------------------------------------------------------------------------------------------------------------

export const VERDICT_WORDS: Readonly<Record<MeasurementView['verdict'], string>> = { pass: 'pass', fail: 'FAIL', inconclusive: 'inconclusive' };
export const VERDICT_TONE: Readonly<Record<MeasurementView['verdict'], Tone>> = { pass: 'green', fail: 'red', inconclusive: 'unknown' };

/** "5xx ≤ 1 % · mean response ≤ 800 ms · healthy AWS targets ≥ 1 · unhealthy ≤ 0 · ≥ 20 requests per measurement". */
export function thresholdsText(thresholds: ThresholdsView): string {
  return [
    `5xx ≤ ${percentText(thresholds.max5xxPercent)}`,
    `mean response ≤ ${formatCount(thresholds.maxResponseTimeMs)} ms`,
    `healthy AWS targets ≥ ${formatCount(thresholds.minHealthyHosts)}`,
    `unhealthy AWS targets ≤ ${formatCount(thresholds.maxUnhealthyHosts)}`,
    `≥ ${countText(thresholds.minRequests, 'request')} per measurement (fewer: inconclusive)`,
  ].join(' · ');
}

export interface MeasurementCell {
  readonly text: string;
  /** `breach`: beyond its threshold (a failure); `short`: too few requests to judge (inconclusive). The words say it too. */
  readonly mark: 'breach' | 'short' | null;
}

export interface MeasurementCells {
  readonly requests: MeasurementCell;
  readonly errors: MeasurementCell;
  readonly response: MeasurementCell;
  readonly healthy: MeasurementCell;
  readonly unhealthy: MeasurementCell;
}

/**
 * A measurement's numbers, each beside its threshold with the comparison in words ("2 % > max 1 %"). With fewer
 * requests than the minimum the rates are not judged (analysis.ts): said so beside them, never as a failure.
 */
export function measurementCells(measurement: MeasurementView, thresholds: ThresholdsView | null): MeasurementCells {
  const compare = (value: number, unit: string, limit: number | undefined, kind: 'max' | 'min'): MeasurementCell => {
    const shown = `${numberText(value)}${unit}`;
    if (limit === undefined) return { text: shown, mark: null };
    const beyond = kind === 'max' ? value > limit : value < limit;
    const sign = kind === 'max' ? (beyond ? '>' : '≤') : beyond ? '<' : '≥';
    return { text: `${shown} ${sign} ${kind} ${numberText(limit)}${unit}`, mark: beyond ? 'breach' : null };
  };
  const cell = (value: number | null, unit: string, limit: number | undefined, kind: 'max' | 'min'): MeasurementCell =>
    value === null ? { text: 'no data', mark: null } : compare(value, unit, limit, kind);
  const requests = measurement.requests ?? 0;
  const judged = thresholds === null || (requests > 0 && requests >= thresholds.minRequests);
  const rate = (value: number | null, unit: string, limit: number | undefined): MeasurementCell => {
    if (value === null) return { text: requests > 0 ? 'no data' : 'no requests', mark: null };
    return judged ? compare(value, unit, limit, 'max') : { text: `${numberText(value)}${unit} (not judged: too few requests)`, mark: null };
  };
  const errors = rate(measurement.errorPercent, ' %', thresholds?.max5xxPercent);
  const errorCount = measurement.errors5xx !== null && measurement.errorPercent !== null ? ` (${countText(measurement.errors5xx, '5xx', '5xx')})` : '';
  const shortOfRequests = thresholds !== null && !judged;
  return {
    requests:
      measurement.requests === null
        ? { text: 'none', mark: shortOfRequests ? 'short' : null }
        : thresholds === null
          ? { text: numberText(measurement.requests), mark: null }
          : {
              text: `${numberText(measurement.requests)} ${shortOfRequests ? '<' : '≥'} min ${formatCount(Math.max(thresholds.minRequests, 1))}`,
              mark: shortOfRequests ? 'short' : null,
            },
    errors: { ...errors, text: `${errors.text}${errorCount}` },
    response: rate(measurement.responseTimeMs === null ? null : Math.round(measurement.responseTimeMs), ' ms', thresholds?.maxResponseTimeMs),
    healthy: cell(measurement.healthyMin, '', thresholds?.minHealthyHosts, 'min'),
    unhealthy: cell(measurement.unhealthyMax, '', thresholds?.maxUnhealthyHosts, 'max'),
  };
}

/** "2 of 5 windows measured: 1 pass, 1 FAIL" for a service in a step. */
export function measurementsSummary(measurements: readonly MeasurementView[], windows: number): string {
  const count = (verdict: MeasurementView['verdict']) => measurements.filter((measurement) => measurement.verdict === verdict).length;
  const parts = (['pass', 'fail', 'inconclusive'] as const)
    .filter((verdict) => count(verdict) > 0)
    .map((verdict) => `${count(verdict)} ${VERDICT_WORDS[verdict]}`);
  return `${formatCount(measurements.length)} of ${countText(windows, 'window')} measured${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The operator's commands
// ---------------------------------------------------------------------------------------------------------------

export const COMMAND_WORDS: Readonly<Record<ShiftCommand, string>> = { pause: 'Pause', resume: 'Resume', promote: 'Promote', abort: 'Abort' };

/** What each command does, for its button's tooltip. */
export const COMMAND_HELP: Readonly<Record<ShiftCommand, string>> = {
  pause: 'Holds the shift at its step: nothing promotes until resumed (a failing analysis still aborts)',
  resume: 'Lets the shift promote again when the step’s analysis passes',
  promote: 'Ends the current step’s pause now and goes on to the next step',
  abort: 'Returns every service’s weights to the abort target; asks why',
};

/** Why a command's button cannot be pressed now, or null when it can. */
export function commandBlocked(shift: ShiftView, command: ShiftCommand, pending: ShiftCommand | undefined): string | null {
  const hold = commandHold(shift, command, pending);
  switch (hold) {
    case null:
      return null;
    case 'sending':
      return `Sending ${COMMAND_WORDS[pending!].toLowerCase()}…`;
    case 'ended':
      return `The shift has ended (${SHIFT_STATE_WORDS[shift.state].toLowerCase()})`;
    case 'aborting':
      return 'The shift is aborting: the weights are going back';
    case 'paused':
      return 'The shift is paused already';
    case 'not-paused':
      return 'The shift is not paused';
    case 'no-pause':
      return 'Nothing to promote yet: the step’s weights are being written or synced';
  }
}

/** What a prompted command will do, said before it is sent. */
export function commandStatement(shift: ShiftView, command: ShiftCommand, waveName: string): string {
  if (command === 'abort') {
    const to = abortTarget(shift);
    const where = to === 0 ? `${awsShareText(0)} (all users in the data center)` : `${awsShareText(to)} (the last step that passed)`;
    return `Abort the shift of ${waveName}: every service’s weights go back to ${where}.`;
  }
  if (command === 'promote') {
    const step = currentStep(shift);
    const next = nextStep(shift);
    const now = step ? `Promote step ${step.step} now: its pause ends` : 'Promote now';
    return next ? `${now} and the shift goes on to step ${next.number} (${awsShareText(next.percent)}).` : `${now} and the shift completes.`;
  }
  return `${COMMAND_WORDS[command]} the shift of ${waveName}.`;
}

/** The reason field's label and hint for a command; the hint counts what is typed. */
export function reasonHint(
  shift: ShiftView,
  command: ShiftCommand,
  typed: string,
): { readonly label: string; readonly hint: string; readonly required: boolean } {
  const required = reasonRequired(shift, command);
  const length = typed.trim().length;
  if (!required) return { label: 'Reason (optional)', hint: 'It is journaled with your name.', required };
  const why =
    command === 'promote'
      ? `Step ${currentStep(shift)?.step ?? '?'} has ${countText(failedMeasurements(currentStep(shift)), 'failed measurement')}: say why it is promoted anyway. `
      : '';
  return { label: 'Reason (required)', hint: `${why}At least ${MIN_SHIFT_REASON} characters (${length} so far). It is journaled with your name.`, required };
}

/** A command the core took that the shift has not recorded yet. */
export function sentText(sent: TrafficSent): string {
  return `${COMMAND_WORDS[sent.action]} sent: the shift takes it at its next check.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Empty states and the stack panel
// ---------------------------------------------------------------------------------------------------------------

/**
 * Why there is no service to show. The plan view says whether the plan uses the track only through a gate column of
 * the track's; without one and before the monitor reports, either may be the reason, and the words say both.
 */
export function emptyText(plan: PlanView, slice: Pick<TrafficSlice, 'monitor'>): string {
  const planUses = plan.gateColumns.some((column) => column.track === 'traffic');
  if (planUses)
    return slice.monitor === null ? 'The traffic monitor has not reported this plan’s services yet.' : 'The traffic monitor reports no service for this plan.';
  return slice.monitor === null
    ? 'No traffic service reported: no stack of this plan has a traffic block, or the traffic monitor has not reported yet.'
    : 'No traffic service in this plan: give a stack a traffic block (its service name, split and data-center addresses) to shift its users step by step.';
}

/** A service's line in the stack panel: its share, weights, AWS health and the running shift (or the last, and what came after). */
export function stackLine(view: ServiceView, shift: ShiftView | null, clock: ClockRate | null | undefined, rollback: ShiftRollback | null = null): string {
  const reading = serviceReading(view);
  if (reading !== 'read') return SERVICE_READING_WORDS[reading];
  const parts = [weightsLine(view), `AWS targets ${sideHealthText(view, 'aws')}`];
  if (view.change?.status === 'PENDING') parts.push(`Route 53 change ${view.change.id} PENDING`);
  if (shift) parts.push(shiftLine(shift, clock));
  if (shift && !isShiftRunning(shift.state) && rollback) parts.push(`then ${rollbackText(rollback)}`);
  return parts.join(' · ');
}

/**
 * "shift: Analysing the step, step 2 of 4 — 25 % to AWS", or how the last one ended and when: "last shift: completed
 * at step 4 of 4 — 100 % to AWS, ended 02:30:00 UTC" (where it ended says its state; a FAILED one says that first).
 */
export function shiftLine(shift: ShiftView, clock: ClockRate | null | undefined): string {
  if (isShiftRunning(shift.state)) return `shift: ${shiftStateText(shift)}, ${currentStepText(shift)}`;
  const where = currentStepText(shift);
  const said = (shift.state === 'completed' && where.startsWith('completed')) || (shift.state === 'aborted' && where.startsWith('aborted'));
  const ended = shift.endedAt !== null ? `, ended ${whenText(shift.endedAt, clock)}` : '';
  return `last shift: ${said ? '' : `${shiftStateText(shift)}, `}${where}${ended}`;
}

/** The wave's rollback of the run a shift was a step of, as the Traffic tab speaks of it (the run's, not the shift's). */
export type ShiftRollback = RunRollback;

/** "the wave rolled back by ops (“reason”)", running or FAILED as it is. */
export function rollbackText(rollback: ShiftRollback): string {
  const what = { running: 'the wave rolling back', succeeded: 'the wave rolled back', failed: 'the wave’s rollback FAILED' }[rollback.status];
  return `${what}, started by ${rollback.by}${rollback.reason ? ` (“${rollback.reason}”)` : ''}`;
}

/**
 * Said under an ended shift when what it left is no longer what holds: the wave was rolled back (the run the shift was
 * a step of), or the weights moved otherwise (a change made outside the cockpit); with where each of its services is
 * now. Null while it runs, and when the weights are where it left them and no rollback followed.
 */
export function afterShiftText(
  shift: ShiftView,
  services: readonly ServiceView[],
  rollback: ShiftRollback | null,
  stackName: (stackId: string) => string,
): string | null {
  if (isShiftRunning(shift.state)) return null;
  const left = shift.abort?.to ?? shift.percent;
  const moved = services.filter((view) => shiftMoves(shift, view.stackId));
  const now = moved.map((view) => `${stackName(view.stackId)} ${view.awsPercent === null ? 'not known' : awsShareText(view.awsPercent)}`).join(', ');
  const where = now ? `; now ${now}` : '';
  if (rollback) return `Since this shift: ${rollbackText(rollback)}${where}.`;
  if (moved.some((view) => view.awsPercent !== null && view.awsPercent !== left))
    return `The weights are no longer where this shift left them (${awsShareText(left)})${where}.`;
  return null;
}
