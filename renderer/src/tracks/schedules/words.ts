// The scheduled-jobs track in words: who owns a job now, what the slot ledger says of each slot, both sides' states,
// counts with their units, times with their clock (UTC, or the rehearsal's with its factor: lib/readiness.ts
// formatDataTime, the one labelling every track uses), the alerts and the one-line summaries of the stack panel.
// Pure, so every word is tested without a DOM. One file on purpose: it is the tab's one vocabulary.
import type { SCHEDULES_ACTION_TYPES, ScheduleAlertKind, SlotVerdict } from '../../../../common/tracks/schedules';
import type { JournalEntryView, MonitorStatusView } from '../../../../main/api/contract';
import type { AwsSideView, DcSideView, JobTotalsView, JobView, SlotView, TestInvocationView } from '../../../../main/tracks/schedules/contract';
import { formatClock, formatCount } from '../../lib/format';
import { dataClockLabel, formatDataTime, type ClockRate } from '../../lib/readiness';
import type { SchedulesCommandKind } from './slice';

/** A pill's tone: the gate pill's data-gate (replication.css). `holding`: in progress, not a fault. */
export type Tone = 'green' | 'red' | 'unknown' | 'holding' | 'neutral';

type SchedulesJournalKind = Extract<JournalEntryView['kind'], `schedules-${string}`>;

/** The journal kinds the track declares (main/journal/entry.ts), in words. */
export const SCHEDULES_JOURNAL_KINDS: Readonly<Record<SchedulesJournalKind, string>> = {
  'schedules-test-invoke': 'Test invocation of a job’s function',
  'schedules-alert': 'Scheduled-job alert',
};

/** The runbook action the track declares (common/tracks/schedules.ts), in words. */
export const SCHEDULES_STEP_LABELS: Readonly<Record<(typeof SCHEDULES_ACTION_TYPES)[number], string>> = {
  'schedules-handover': 'Hand scheduled jobs over to AWS',
};

// ---------------------------------------------------------------------------------------------------------------
// Numbers with their units, times with their clock
// ---------------------------------------------------------------------------------------------------------------

/** "1 invocation", "1,200 invocations": a count with its unit, singular for one. */
export function countText(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** 45 -> "45 s", 725 -> "12 min 5 s", 3720 -> "1 h 2 min". */
export function durationText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return whole % 60 === 0 ? `${whole / 60} min` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
  const minutes = Math.floor((whole % 3600) / 60);
  return minutes === 0 ? `${Math.floor(whole / 3600)} h` : `${Math.floor(whole / 3600)} h ${minutes} min`;
}

/**
 * A time of the track's data with its clock: "02:00:00 UTC" on the day of the monitor's data clock, with its day
 * ("06 Dec 2026, 03:00:00 UTC") on another or when no clock says which day it is; a rehearsal running faster says so.
 */
export function whenText(iso: string, clock: ClockRate | null | undefined): string {
  const today = clock && 'at' in clock ? utcDay(clock.at) : null;
  return formatDataTime(iso, clock, { date: today === null || utcDay(iso) !== today });
}

/** A slot's time in its strip cell, "02:00" (the strip's legend says the clock). */
export function slotClockText(iso: string): string {
  const text = formatClock(iso);
  return /^\d\d:\d\d:\d\d$/.test(text) ? text.slice(0, 5) : text;
}

/** A slot's day in its strip cell, "05 Dec"; the ISO text when it is no date. */
export function slotDayText(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? DAY.format(new Date(ms)) : iso;
}

const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: '2-digit', month: 'short' });

/** The UTC day of an ISO instant ("2026-12-05"), or null when it is no date. */
export function utcDay(iso: string): string | null {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

/** What the strip's times are on: "UTC", or "UTC on the rehearsal clock (10× real time)". */
export function stripClockText(clock: ClockRate | null | undefined): string {
  return `Slot times ${dataClockLabel(clock)}`;
}

/** The clock at the head of each strip, so its times never stand without it: "UTC", "UTC, rehearsal clock 10×". */
export function stripClockCaption(clock: ClockRate | null | undefined): string {
  return !clock || clock.rate === 1 ? 'UTC' : `UTC, rehearsal clock ${Number(clock.rate.toPrecision(3))}×`;
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

/** "Schedules monitor polling · rehearsal environment · every 30 s · last cycle 14 ms at 02:00:03 UTC". */
export function monitorText(monitor: MonitorStatusView): string {
  const parts = [`Schedules monitor ${MONITOR_STATE_WORDS[monitor.state]}`];
  if (monitor.target) parts.push(monitor.target === 'rehearsal' ? 'rehearsal environment' : monitor.target);
  if (monitor.intervalSeconds > 0) parts.push(`every ${formatCount(monitor.intervalSeconds)} s`);
  if (monitor.lastCycleMs !== null)
    parts.push(
      `last cycle ${formatCount(Math.round(monitor.lastCycleMs))} ms${monitor.lastCycleAt ? ` at ${whenText(monitor.lastCycleAt, monitor.dataClock)}` : ''}`,
    );
  return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------------------------------
// Who owns a job now
// ---------------------------------------------------------------------------------------------------------------

export type Owner = JobView['owner'];

export const OWNER_WORDS: Readonly<Record<Owner, string>> = {
  dc: 'Data center',
  aws: 'AWS',
  both: 'BOTH: double run coming',
  neither: 'NEITHER: missed run coming',
  unknown: 'Owner unknown',
};

export const OWNER_TONE: Readonly<Record<Owner, Tone>> = {
  dc: 'green',
  aws: 'green',
  both: 'red',
  neither: 'red',
  unknown: 'unknown',
};

/** Whether the owner means a slot goes wrong unless the operator acts. */
export function ownerInDanger(owner: Owner): boolean {
  return owner === 'both' || owner === 'neither';
}

/** What the owner means, in a sentence; `next` is the next slot's words when known. */
export function ownerSentence(owner: Owner, next: string | null): string {
  const slot = next ? `the next slot (${next})` : 'the next slot';
  switch (owner) {
    case 'dc':
      return 'The data-center trigger fires; the AWS schedule does not.';
    case 'aws':
      return 'The AWS schedule fires; the data-center trigger does not.';
    case 'both':
      return `Both triggers fire: ${slot} runs on both sides (a double run) unless one is turned off.`;
    case 'neither':
      return `Neither trigger fires: ${slot} runs on neither side (a missed run) unless one is turned on.`;
    default:
      return 'Not known yet: a side has not been read.';
  }
}

export interface OwnerLine {
  readonly owner: Owner;
  readonly text: string;
  /** Both or neither side fires a job: a slot goes wrong unless the operator acts. */
  readonly bad: boolean;
}

/**
 * Who runs the plan's jobs now, with units: on AWS, in the data center, on both sides, on neither side (always said,
 * so a zero reads as checked), and the jobs whose owner is not known yet (when there are some).
 */
export function ownerLines(counts: Readonly<Record<Owner, number>>): OwnerLine[] {
  const line = (owner: Owner, text: string): OwnerLine => ({ owner, text, bad: ownerInDanger(owner) && counts[owner] > 0 });
  return [
    line('aws', `${countText(counts.aws, 'job')} on AWS`),
    line('dc', `${countText(counts.dc, 'job')} in the data center`),
    line('both', `${countText(counts.both, 'job')} on BOTH sides${counts.both > 0 ? ': a double run is coming' : ''}`),
    line('neither', `${countText(counts.neither, 'job')} on NEITHER side${counts.neither > 0 ? ': a missed run is coming' : ''}`),
    ...(counts.unknown > 0 ? [line('unknown', `${countText(counts.unknown, 'job')} whose owner is not known yet`)] : []),
  ];
}

/** One line's owner in the stack panel: "AWS runs it", "BOTH triggers on: double run coming". */
export const OWNER_SHORT: Readonly<Record<Owner, string>> = {
  dc: 'Data center runs it',
  aws: 'AWS runs it',
  both: 'BOTH triggers on: double run coming',
  neither: 'NEITHER trigger on: missed run coming',
  unknown: 'Owner unknown',
};

// ---------------------------------------------------------------------------------------------------------------
// The slot ledger
// ---------------------------------------------------------------------------------------------------------------

/** A verdict's word in its strip cell. */
export const VERDICT_WORDS: Readonly<Record<SlotVerdict, string>> = {
  upcoming: 'Upcoming',
  open: 'Open',
  dc: 'DC',
  aws: 'AWS',
  double: 'Double run',
  missed: 'Missed',
};

/** What a verdict means (the legend, and each cell's label). */
export const VERDICT_MEANINGS: Readonly<Record<SlotVerdict, string>> = {
  upcoming: 'not come yet',
  open: 'come, within its tolerance: a run may still start or be read',
  dc: 'ran in the data center only',
  aws: 'ran on AWS only',
  double: 'ran on both sides: a double run',
  missed: 'ran on neither side: a missed run',
};

/** The verdicts that mean a slot went wrong. */
export function isDangerVerdict(verdict: SlotVerdict): boolean {
  return verdict === 'double' || verdict === 'missed';
}

/** Whether a data-center run failed: Jenkins' FAILURE, the one result the monitor counts as a failed run. */
export function dcFailed(result: string | null): boolean {
  return result === 'FAILURE';
}

/** A data-center result that is neither success nor failure (aborted, unstable, a cron endpoint's own words). */
function dcOtherResult(result: string | null): boolean {
  return result !== null && result !== 'SUCCESS' && result !== 'FAILURE';
}

export interface SlotMark {
  readonly kind: 'error' | 'throttle' | 'repeat' | 'result';
  /** In the cell: "err 1", "thr 2", "AWS ×2", "DC aborted". */
  readonly text: string;
  /** In words: "1 failed AWS invocation". */
  readonly words: string;
}

/** A slot's marks beside its verdict: failed runs, throttled invocations, a side running it more than once. */
export function slotMarks(slot: SlotView): SlotMark[] {
  const marks: SlotMark[] = [];
  const dcFailures = dcFailed(slot.dcResult) ? 1 : 0;
  const errors = dcFailures + slot.awsErrors;
  if (errors > 0) {
    const words = [
      dcFailures > 0 ? `the data-center run ${dcResultWords(slot.dcResult)}` : null,
      slot.awsErrors > 0 ? countText(slot.awsErrors, 'failed AWS invocation') : null,
    ].filter((part): part is string => part !== null);
    marks.push({ kind: 'error', text: `err ${formatCount(errors)}`, words: words.join(', ') });
  }
  if (dcOtherResult(slot.dcResult))
    marks.push({ kind: 'result', text: `DC ${dcResultShort(slot.dcResult!)}`, words: `the data-center run ${dcResultWords(slot.dcResult)}` });
  if (slot.awsThrottles > 0)
    marks.push({ kind: 'throttle', text: `thr ${formatCount(slot.awsThrottles)}`, words: countText(slot.awsThrottles, 'throttled invocation') });
  if (slot.dcRuns > 1)
    marks.push({ kind: 'repeat', text: `DC ×${formatCount(slot.dcRuns)}`, words: `the data center ran it ${formatCount(slot.dcRuns)} times` });
  if (slot.awsRuns > 1)
    marks.push({
      kind: 'repeat',
      text: `AWS ×${formatCount(slot.awsRuns)}`,
      words: `AWS ran it ${formatCount(slot.awsRuns)} times (a duplicate delivery or a retry)`,
    });
  return marks;
}

/** The legend of the marks, in the strip's words. */
export const MARK_LEGEND: readonly { readonly text: string; readonly meaning: string }[] = [
  { text: 'err n', meaning: 'runs that failed (the data-center result, AWS invocation errors)' },
  { text: 'thr n', meaning: 'AWS invocations throttled (the kill switch, or the account’s concurrency)' },
  { text: 'AWS ×n, DC ×n', meaning: 'one side ran the slot more than once (a duplicate delivery or a retry)' },
  { text: 'DC aborted', meaning: 'the data-center run neither succeeded nor failed (its result as the scheduler says it)' },
];

/** A cell's whole label: "Slot 02:00:00 UTC: ran on AWS only; 1 invocation; 1 failed AWS invocation". */
export function slotLabel(slot: SlotView, clock: ClockRate | null | undefined): string {
  const runs = [
    slot.dcRuns > 0 ? `${countText(slot.dcRuns, 'data-center run')}${slot.dcResult === null ? ' (running or not read)' : ''}` : null,
    slot.awsRuns > 0 ? countText(slot.awsRuns, 'AWS invocation') : null,
  ].filter((part): part is string => part !== null);
  const marks = slotMarks(slot)
    .filter((mark) => mark.kind === 'error' || mark.kind === 'throttle' || mark.kind === 'result')
    .map((mark) => mark.words);
  return [`Slot ${whenText(slot.at, clock)}: ${VERDICT_MEANINGS[slot.verdict]}`, ...runs, ...marks].join('; ');
}

/** Where "now" falls in a strip: the index of the first upcoming slot (the slots' length when none is). */
export function nowIndex(slots: readonly SlotView[]): number {
  const index = slots.findIndex((slot) => slot.verdict === 'upcoming');
  return index < 0 ? slots.length : index;
}

// ---------------------------------------------------------------------------------------------------------------
// The data-center side
// ---------------------------------------------------------------------------------------------------------------

/** Jenkins' results in words; a cron endpoint's own result is said as it gives it. */
const DC_RESULT_WORDS: Readonly<Record<string, readonly [words: string, short: string]>> = {
  SUCCESS: ['succeeded', 'ok'],
  FAILURE: ['failed', 'failed'],
  ABORTED: ['was aborted', 'aborted'],
  UNSTABLE: ['was unstable', 'unstable'],
  NOT_BUILT: ['was not built', 'not built'],
};

/** A data-center run's result in words: "succeeded", "failed", "still running" (no result yet), "ended with exit 2". */
export function dcResultWords(result: string | null): string {
  if (result === null) return 'still running';
  return DC_RESULT_WORDS[result]?.[0] ?? `ended with ${result}`;
}

/** In a strip cell: "aborted", or the result as the scheduler gives it. */
function dcResultShort(result: string): string {
  return DC_RESULT_WORDS[result]?.[1] ?? result;
}

export function dcResultTone(result: string | null): Tone {
  if (result === null) return 'holding';
  if (result === 'SUCCESS') return 'green';
  return result === 'FAILURE' ? 'red' : 'unknown';
}

/** "Jenkins job on jenkins-dc1", "cron entry on cron-dc1". */
export function dcKindText(dc: DcSideView): string {
  return `${dc.kind === 'jenkins' ? 'Jenkins job' : 'cron entry'} on ${dc.scheduler}`;
}

/** The data-center trigger: ON, OFF or not known. */
export function dcTriggerText(enabled: boolean | null): string {
  if (enabled === null) return 'not known';
  return enabled ? 'ON: fires on its schedule' : 'OFF: disabled';
}

export function dcTriggerTone(dc: DcSideView): Tone {
  return dc.enabled === null ? 'unknown' : 'neutral';
}

/** "since 02:00:00 UTC (build #412), 3 min at the last check", or that none runs. */
export function dcRunningText(dc: DcSideView, clock: ClockRate | null | undefined): string {
  if (!dc.running) return 'no run in progress';
  const number = dc.running.number !== null ? ` (build #${dc.running.number})` : '';
  const seconds = dc.checkedAt !== null ? (Date.parse(dc.checkedAt) - Date.parse(dc.running.since)) / 1000 : Number.NaN;
  const age = Number.isFinite(seconds) && seconds >= 0 ? `, ${durationText(seconds)} at the last check` : '';
  return `since ${whenText(dc.running.since, clock)}${number}${age}`;
}

/** "a run waits for the one in progress", or none. */
export function dcQueuedText(queued: boolean): string {
  return queued ? 'yes: a run waits for the one in progress' : 'no';
}

/** "started 01:00:00 UTC, succeeded", or none yet. */
export function dcLastRunText(lastRun: DcSideView['lastRun'], clock: ClockRate | null | undefined): string {
  if (!lastRun) return 'none yet';
  return `started ${whenText(lastRun.startedAt, clock)}, ${dcResultWords(lastRun.result)}`;
}

/** The next slot the data-center trigger fires at, or why none. */
export function dcNextSlotText(dc: DcSideView, clock: ClockRate | null | undefined): string {
  if (dc.nextSlot !== null) return whenText(dc.nextSlot, clock);
  return dc.enabled === false ? 'none: the trigger is off' : 'not known';
}

// ---------------------------------------------------------------------------------------------------------------
// The AWS side
// ---------------------------------------------------------------------------------------------------------------

/** The schedule's state as Scheduler answers it. */
export function awsStateText(state: AwsSideView['state']): string {
  if (state === null) return 'not known (not deployed or not read yet)';
  return state === 'ENABLED' ? 'ENABLED: fires on its schedule' : 'DISABLED';
}

export function awsStateTone(aws: AwsSideView): Tone {
  return aws.state === null ? 'unknown' : 'neutral';
}

/** The next slot the schedule fires at, or why none. */
export function awsNextSlotText(aws: AwsSideView, clock: ClockRate | null | undefined): string {
  if (aws.nextSlot !== null) return whenText(aws.nextSlot, clock);
  return aws.state === 'DISABLED' ? 'none: the schedule is disabled' : 'not known';
}

/** The schedule's start date, or none. */
export function startDateText(startDate: string | null, clock: ClockRate | null | undefined): string {
  return startDate === null ? 'none' : whenText(startDate, clock);
}

/**
 * The function's reserved concurrency with its unit; 0 is the kill switch: the safe state while the schedule is off (a
 * rollback leaves it so that no retry runs on AWS; the next handover removes it), a danger while the schedule fires
 * (every slot is throttled, so it runs nowhere).
 */
export function concurrencyText(reserved: number | null, state: AwsSideView['state'] = null): string {
  if (reserved === null) return 'none reserved (the account’s unreserved pool)';
  if (reserved === 0)
    return state === 'ENABLED'
      ? 'KILL SWITCH ON while the schedule is ENABLED: 0 concurrent executions reserved, every invocation is throttled, so its slots run nowhere'
      : 'KILL SWITCH ON: 0 concurrent executions reserved, every invocation is throttled (the next handover removes it)';
  return `${countText(reserved, 'concurrent execution')} reserved`;
}

export function killSwitchOn(aws: AwsSideView): boolean {
  return aws.reservedConcurrency === 0;
}

/** The kill switch on while the schedule fires: its slots are throttled, a missed run each. */
export function killSwitchInDanger(aws: AwsSideView): boolean {
  return killSwitchOn(aws) && aws.state === 'ENABLED';
}

/** "1 invocation, 0 errors in the minute from 02:00:00 UTC" (CloudWatch counts by the minute), or none seen. */
export function awsLastRunText(lastRun: AwsSideView['lastRun'], clock: ClockRate | null | undefined): string {
  if (!lastRun) return 'no invocations seen yet';
  return `${countText(lastRun.invocations, 'invocation')}, ${countText(lastRun.errors, 'error')} in the minute from ${whenText(lastRun.minute, clock)}`;
}

/** "Succeeded at 01:55:00 UTC: …", "Failed at …: …", or none yet. */
export function testInvocationText(test: TestInvocationView | null, clock: ClockRate | null | undefined): string {
  if (!test) return 'none yet';
  return `${test.ok ? 'Succeeded' : 'Failed'} at ${whenText(test.at, clock)}: ${test.message}`;
}

export function testInvocationTone(test: TestInvocationView | null): Tone {
  if (!test) return 'neutral';
  return test.ok ? 'green' : 'red';
}

/** Said while no test invocation succeeded. */
export const TEST_GATE_NOTE = 'The readiness gate wants a test invocation that succeeded.';

export const COMMAND_WORDS: Readonly<Record<SchedulesCommandKind | 'acknowledge', string>> = {
  'test-invoke': 'Test invocation',
  acknowledge: 'Acknowledging',
};

/** Why "Test invocation" cannot be pressed now, or null when it can. */
export function testBlocked(job: JobView, pending: SchedulesCommandKind | undefined): string | null {
  if (pending) return 'Invoking the function…';
  if (job.aws.functionName === null) return 'No function deployed yet: nothing to invoke';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Totals
// ---------------------------------------------------------------------------------------------------------------

export interface TotalLine {
  readonly key: keyof JobTotalsView;
  readonly text: string;
  /** Not zero: something went wrong. */
  readonly bad: boolean;
}

/**
 * The totals with their units; `group`: the schedule group whose dropped invocations a job's count is (null: none yet),
 * left out for the plan's totals.
 */
export function totalLines(totals: JobTotalsView, group?: string | null): TotalLine[] {
  const line = (key: keyof JobTotalsView, text: string): TotalLine => ({ key, text, bad: totals[key] > 0 });
  return [
    line('doubleRuns', countText(totals.doubleRuns, 'double run')),
    line('missedRuns', countText(totals.missedRuns, 'missed run')),
    line('dcFailures', countText(totals.dcFailures, 'failed data-center run')),
    line('awsErrors', countText(totals.awsErrors, 'failed AWS invocation')),
    line('throttles', countText(totals.throttles, 'throttled invocation')),
    line('duplicateDeliveries', countText(totals.duplicateDeliveries, 'duplicate delivery', 'duplicate deliveries')),
    line('dropped', `${countText(totals.dropped, 'invocation')} dropped ${droppedWhere(group)}`),
  ];
}

/** Scheduler counts dropped invocations per schedule group, not per schedule: say whose count it is. */
function droppedWhere(group: string | null | undefined): string {
  if (group === undefined) return 'by Scheduler (each schedule group counted once)';
  return group === null ? '(no schedule group yet)' : `in schedule group ${group} (the group’s count)`;
}

// ---------------------------------------------------------------------------------------------------------------
// Alerts
// ---------------------------------------------------------------------------------------------------------------

export const ALERT_KIND_WORDS: Readonly<Record<ScheduleAlertKind, string>> = {
  'double-run': 'Double run',
  'missed-run': 'Missed run',
  'dc-failure': 'Data-center run failed',
  'aws-failure': 'AWS invocation failed',
  throttled: 'Invocations throttled',
  dropped: 'Invocations dropped',
  'duplicate-delivery': 'Duplicate delivery',
  'both-triggers-on': 'Both triggers on',
};

export const SEVERITY_WORDS: Readonly<Record<'critical' | 'warning', string>> = { critical: 'Critical', warning: 'Warning' };

// ---------------------------------------------------------------------------------------------------------------
// One line each for the stack panel
// ---------------------------------------------------------------------------------------------------------------

/** The job's next slot with the side that fires it: "03:00:00 UTC on AWS", "… on both sides", "… on neither side". */
export function nextSlotSummary(job: JobView, clock: ClockRate | null | undefined): string {
  const { nextSlot: dcNext } = job.dc;
  const { nextSlot: awsNext } = job.aws;
  if (dcNext !== null && awsNext !== null) {
    const dcAt = Date.parse(dcNext);
    const awsAt = Date.parse(awsNext);
    if (dcAt === awsAt) return `${whenText(dcNext, clock)} on both sides`;
    return dcAt < awsAt ? `${whenText(dcNext, clock)} in the data center` : `${whenText(awsNext, clock)} on AWS`;
  }
  if (dcNext !== null) return `${whenText(dcNext, clock)} in the data center`;
  if (awsNext !== null) return `${whenText(awsNext, clock)} on AWS`;
  const upcoming = job.slots.find((slot) => slot.verdict === 'upcoming');
  if (!upcoming) return 'not known';
  return job.owner === 'neither' ? `${whenText(upcoming.at, clock)} on neither side` : whenText(upcoming.at, clock);
}

/** The job's newest run on either side: "running in the data center since …", "01:00:00 UTC in the data center, succeeded". */
export function lastRunSummary(job: JobView, clock: ClockRate | null | undefined): string {
  if (job.dc.running) return `running in the data center since ${whenText(job.dc.running.since, clock)}`;
  const dc = job.dc.lastRun;
  const aws = job.aws.lastRun;
  const dcAt = dc ? Date.parse(dc.startedAt) : Number.NaN;
  const awsAt = aws ? Date.parse(aws.minute) : Number.NaN;
  if (dc && !(awsAt > dcAt)) return `${whenText(dc.startedAt, clock)} in the data center, ${dcResultWords(dc.result)}`;
  if (aws) return `on AWS: ${countText(aws.invocations, 'invocation')}, ${countText(aws.errors, 'error')} in the minute from ${whenText(aws.minute, clock)}`;
  return 'none yet';
}

/** A job's line in the stack panel: "AWS runs it · next 03:00:00 UTC on AWS · last on AWS: 1 invocation, 0 errors in the minute from 02:00:00 UTC". */
export function jobLine(job: JobView, clock: ClockRate | null | undefined): string {
  const { owner, rest } = jobLineParts(job, clock);
  return `${owner}${rest}`;
}

/** The line's owner (said as danger when both or neither) and the rest of it. */
export function jobLineParts(job: JobView, clock: ClockRate | null | undefined): { readonly owner: string; readonly rest: string } {
  return { owner: OWNER_SHORT[job.owner], rest: ` · next ${nextSlotSummary(job, clock)} · last ${lastRunSummary(job, clock)}` };
}
