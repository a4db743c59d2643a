// Cutover gates. A task is green only when every condition of its wave's gates holds on data that is current:
// in CDC, full load finished, table errors within the limit, validation clean (when required), and target
// latency under the limit without a break for the hold time. Stale or missing data is never green. Latency is
// judged only in CDC (before it, DMS reports 0 s, which says nothing), on the newest CDCLatencyTarget datapoint
// the view shows: its age in a reason is the age the view's latestAt gives it.
import type { ReplicationTaskView, TaskGateView, WaveGateView } from '../contract-views';
import type { GateStatus } from '../../../api/contract/shared';
import type { WaveModel } from '../../../plan/model';
import type { DmsWaveFields, Gates } from '../plan-schema';

export type { Gates };

/**
 * The current run of CDCLatencyTarget samples under the limit, fed in time order. The run breaks on a sample
 * above the limit, on a gap in the data longer than `maxGapMs` (nobody knows what happened in it), and on a
 * restart of the task (`restartAt`): the hold time then starts again from the next good sample.
 */
export class LatencyStreak {
  underSince: number | null = null;
  lastSampleAt = -Infinity;
  lastValue: number | null = null;
  /** Consecutive samples above the limit (for the latency alert). */
  above = 0;
  /** Consecutive samples under the limit. */
  under = 0;
  private notBefore = -Infinity;

  constructor(private readonly maxGapMs: number) {}

  observe(time: number, value: number, limit: number): void {
    if (time < this.notBefore || time <= this.lastSampleAt) return;
    const gap = time - this.lastSampleAt > this.maxGapMs;
    this.lastSampleAt = time;
    this.lastValue = value;
    if (value > limit) {
      this.underSince = null;
      this.above++;
      this.under = 0;
      return;
    }
    this.above = 0;
    this.under++;
    if (this.underSince === null || gap) this.underSince = time;
  }

  /** Forgets the run; samples older than `time` are ignored from now on (they belong to the previous run). */
  restartAt(time: number): void {
    this.underSince = null;
    this.above = 0;
    this.under = 0;
    this.notBefore = time;
  }
}

export interface TaskGateInput {
  readonly gates: Gates | undefined;
  /** Why there are no gates (the wave defines none, the stack is in no wave). */
  readonly noGatesReason: string;
  readonly view: Pick<ReplicationTaskView, 'phase' | 'migrationType' | 'tables' | 'validation' | 'resolution' | 'lastFailureMessage' | 'fullLoadPercent'>;
  readonly fullLoadFinished: boolean;
  /** When the validation summary was read (ms), or null. */
  readonly validationReadAt: number | null;
  readonly validationMaxAgeMs: number;
  readonly streak: LatencyStreak;
  /**
   * The newest CDCLatencyTarget datapoint (seconds, its data-clock time in ms), the view's latest value; null without
   * one. Absent: the latency run's newest sample (callers that keep no series of their own).
   */
  readonly latency?: { readonly value: number; readonly at: number } | null;
  /** Latency samples older than this (ms) do not speak for now. */
  readonly sampleMaxAgeMs: number;
  readonly staleReason: string | null;
  readonly now: number;
}

export function evaluateTaskGate(input: TaskGateInput): TaskGateView {
  const { gates, view, streak, now } = input;
  if (!gates) return { status: 'unknown', reasons: [input.noGatesReason], latencyUnderSince: null, holdRemainingSeconds: null };
  const red: string[] = [];
  const unknown: string[] = [];
  // What the operator must read first: why the data is not current, then where the task is (failed, not in CDC).
  const lead: string[] = [];
  if (input.staleReason) lead.push(input.staleReason);

  const failed = view.phase === 'failed';
  if (view.phase === 'unresolved') lead.push(view.resolution ?? 'the task is not known yet');
  else if (failed) lead.push(`the task failed${view.lastFailureMessage ? `: ${view.lastFailureMessage}` : ''}`);
  else if (view.phase !== 'cdc') lead.push(`the task is ${phaseWords[view.phase]}, not replicating changes (CDC)`);

  if (view.phase !== 'unresolved' && view.migrationType !== 'cdc' && !input.fullLoadFinished) {
    red.push(`the full load is not finished${view.fullLoadPercent !== null ? ` (${view.fullLoadPercent} %)` : ''}`);
  }
  if (view.tables && view.tables.errored > gates.maxTableErrors) {
    red.push(`${view.tables.errored} table(s) in error (the gate allows ${gates.maxTableErrors})`);
  }

  // A failed task validates nothing: its validation would only be "not read yet" or "still running", never the cause.
  if (gates.requireValidation && !failed) {
    const validation = view.validation;
    if (!validation || input.validationReadAt === null) unknown.push('validation not read yet');
    else if (now - input.validationReadAt > input.validationMaxAgeMs) unknown.push(`validation last read ${ago(now - input.validationReadAt)} ago`);
    else if (validation.state === 'mismatched') red.push(`validation found ${validation.failedRecords} mismatched record(s)`);
    else if (validation.state === 'error') red.push('validation failed on some tables');
    else if (validation.state === 'suspended') red.push(`validation suspended for ${validation.suspendedRecords} record(s)`);
    else if (validation.state === 'not-enabled') red.push('validation is not enabled on this task, but the wave requires it');
    else if (validation.state === 'pending')
      red.push(RUNNING.has(view.phase) ? 'validation is still running' : `validation has not finished (pending; the task is ${phaseWords[view.phase]})`);
  }

  let holdRemainingSeconds: number | null = null;
  let holdEndsAt: number | null = null;
  const limit = gates.maxCdcLatencySeconds;
  const sample = input.latency !== undefined ? input.latency : streak.lastValue !== null ? { value: streak.lastValue, at: streak.lastSampleAt } : null;
  // Before CDC there is no latency to judge (the phase reason above already holds the gate): a 0 s is never good.
  const inCdc = view.phase === 'cdc';
  if (!inCdc) {
    // Nothing to add: the phase says why.
  } else if (sample === null) unknown.push('no CDCLatencyTarget datapoint yet');
  else if (now - sample.at > input.sampleMaxAgeMs) unknown.push(`no CDCLatencyTarget datapoint for ${ago(now - sample.at)}`);
  else if (sample.value > limit) red.push(`CDC latency ${round(sample.value)} s is above the gate's ${limit} s`);
  else if (streak.underSince === null || streak.lastSampleAt < sample.at) {
    // The newest datapoint is from before the task's last start: the hold starts with the next one.
    unknown.push('no CDCLatencyTarget datapoint since the task started; the latency hold starts with the next one');
  } else {
    const heldMs = streak.lastSampleAt - streak.underSince;
    holdRemainingSeconds = Math.max(0, Math.ceil(gates.holdSeconds - heldMs / 1000));
    if (holdRemainingSeconds > 0) {
      // Said with the hold's start and end, which stay put while it runs: the reason (and every view built from it)
      // changes when the hold does, not on every datapoint.
      holdEndsAt = streak.underSince + gates.holdSeconds * 1000;
      red.push(
        `CDC latency under ${limit} s since ${dataClockTime(streak.underSince)}; the ${ago(gates.holdSeconds * 1000)} hold ends at ${dataClockTime(holdEndsAt)} (data clock)`,
      );
    }
  }

  // Stale data is never green, and a red verdict on it is not current either: it reads as unknown.
  const phaseRed = view.phase !== 'unresolved' && view.phase !== 'cdc';
  const status: GateStatus = input.staleReason ? 'unknown' : red.length > 0 || phaseRed ? 'red' : unknown.length > 0 || lead.length > 0 ? 'unknown' : 'green';
  return {
    status,
    reasons: [...lead, ...unknown, ...red],
    latencyUnderSince: inCdc && streak.underSince !== null ? new Date(streak.underSince).toISOString() : null,
    holdRemainingSeconds,
    holdEndsAt: holdEndsAt === null ? null : new Date(holdEndsAt).toISOString(),
  };
}

const phaseWords: Record<ReplicationTaskView['phase'], string> = {
  unresolved: 'not known yet',
  'not-started': 'not started',
  starting: 'starting',
  'full-load': 'in its full load',
  cdc: 'in CDC',
  'full-load-done': 'finished (full load only)',
  stopping: 'stopping',
  stopped: 'stopped',
  failed: 'failed',
  other: 'busy (creating, modifying, moving or testing)',
};

/** Phases in which DMS works on the task (its validation runs too). */
const RUNNING: ReadonlySet<ReplicationTaskView['phase']> = new Set(['starting', 'full-load', 'cdc']);

const MAX_WAVE_REASONS = 8;

/** The order the wave names its tasks in: failed first, then red, then the rest (stable within each). */
function urgency(task: ReplicationTaskView): number {
  return task.phase === 'failed' ? 0 : task.gate.status === 'red' ? 1 : 2;
}

/** `wave`: with its DMS fields (dmsPlan.ofWave). */
export function evaluateWaveGate(wave: WaveModel & DmsWaveFields, tasks: readonly ReplicationTaskView[]): WaveGateView {
  const green = tasks.filter((task) => task.gate.status === 'green').length;
  const base = { waveId: wave.id, tasksTotal: tasks.length, tasksGreen: green };
  if (!wave.gates) return { ...base, status: 'unknown', reasons: ['the wave defines no gates'] };
  if (tasks.length === 0) return { ...base, status: 'unknown', reasons: ['no replication tasks in this wave'] };
  const notGreen = tasks.filter((task) => task.gate.status !== 'green').sort((a, b) => urgency(a) - urgency(b));
  const status: GateStatus = notGreen.length === 0 ? 'green' : notGreen.some((task) => task.gate.status === 'red') ? 'red' : 'unknown';
  const reasons = notGreen.slice(0, MAX_WAVE_REASONS).map((task) => `${task.taskId ?? task.key}: ${task.gate.reasons[0] ?? task.gate.status}`);
  if (notGreen.length > MAX_WAVE_REASONS) reasons.push(`and ${notGreen.length - MAX_WAVE_REASONS} more task(s) not green`);
  return { ...base, status, reasons };
}

/** "01:15:00 UTC": a time of the replication data (the monitor's clock; a rehearsal's runs ahead of real time). */
function dataClockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

const round = (value: number) => Math.round(value * 10) / 10;
