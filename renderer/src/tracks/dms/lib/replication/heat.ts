// The heatmap's colour levels and each cell's headline.
import type { ReplicationTaskView } from '../../../../../../main/api/contract';
import { PHASE_LABELS } from './names';
import { formatSpan } from './freshness';
import { hasFullLoad, type ValueReading } from './readings';

/**
 * A heatmap cell's colour level. Latency colours only a task in CDC: target latency against the wave's gate (good:
 * at most half of it, fair: up to the gate, over: up to twice, far: beyond). Whatever the latency: a failed task
 * is `failed` (red), a task loading or starting is `loading` (never green: it is not replicating changes yet), a
 * task stopped or not started is `idle`, `none` (grey) when the value is stale, unresolved or missing, `nogate`
 * when the wave has no latency gate. No cell is green (good or fair) while the task's gate is red: it is then
 * `held` (amber), with the gate's reasons in its tooltip.
 */
export type HeatLevel = 'good' | 'fair' | 'over' | 'far' | 'none' | 'nogate' | 'failed' | 'loading' | 'idle' | 'held';

export interface Heat {
  readonly level: HeatLevel;
  /** Target latency over the gate, when both are known. */
  readonly ratio: number | null;
  /** Drawn with a red outline. */
  readonly failed: boolean;
}

export interface HeatOptions {
  /** Whether the wave's gates judge its tasks now (gateJudgement): a gate that does not judge never makes a cell `held`. */
  readonly judged?: boolean;
  /** Whether the task's target latency is current (valueReading): an old datapoint colours nothing, it is `none`. */
  readonly latencyCurrent?: boolean;
}

export function heatOf(task: ReplicationTaskView, maxLatencySeconds: number | null, stale: boolean, options: HeatOptions = {}): Heat {
  const failed = task.phase === 'failed';
  const latency = task.latest.cdcLatencyTargetSeconds;
  if (failed) return { level: 'failed', ratio: null, failed };
  if (stale || task.phase === 'unresolved') return { level: 'none', ratio: null, failed };
  if (task.phase === 'full-load' || task.phase === 'starting') return { level: 'loading', ratio: null, failed };
  if (task.phase !== 'cdc') return { level: 'idle', ratio: null, failed };
  if (latency === null || options.latencyCurrent === false) return { level: 'none', ratio: null, failed };
  if (maxLatencySeconds === null || maxLatencySeconds <= 0) return { level: 'nogate', ratio: null, failed };
  const ratio = latency / maxLatencySeconds;
  const level: HeatLevel = ratio <= 0.5 ? 'good' : ratio <= 1 ? 'fair' : ratio <= 2 ? 'over' : 'far';
  if ((level === 'good' || level === 'fair') && task.gate.status === 'red' && options.judged !== false) return { level: 'held', ratio, failed };
  return { level, ratio, failed };
}

/** What a heatmap cell says in large type, and the small line below it. */
export interface HeatHeadline {
  /** "1.3 s" in CDC; else where the task is: "failed", "stopped", "full load 32 %", "stale". */
  readonly value: string;
  /** The small line below ("at 32 % of its full load", "1 h 23 min old"), null without one. */
  readonly note: string | null;
  /** Whether the value is a latency that is not current (greyed, its age in the note). */
  readonly old: boolean;
  /** Whether the cell still needs its phase line: only a latency leaves the phase unsaid. */
  readonly showPhase: boolean;
}

/**
 * A heatmap cell's headline: what matters about the task at a glance. The CDC latency only in CDC (greyed with its
 * age when not current); otherwise the task's state in words, with its full-load progress where the load has not
 * finished. Never a latency of a failed or stopped task, nor DMS's 0 s from before CDC.
 */
export function heatHeadline(
  task: Pick<ReplicationTaskView, 'phase' | 'migrationType' | 'fullLoadPercent' | 'status'>,
  reading: ValueReading,
  stale: boolean,
): HeatHeadline {
  if (stale) return { value: 'stale', note: null, old: false, showPhase: true };
  const percent = hasFullLoad(task) && task.fullLoadPercent !== null ? Math.floor(task.fullLoadPercent) : null;
  const unfinished = percent !== null && percent < 100 ? percent : null;
  const state = (value: string, note: string | null = null): HeatHeadline => ({ value, note, old: false, showPhase: false });
  switch (task.phase) {
    case 'cdc': {
      const old = !reading.live && reading.note !== null;
      const note = old ? (reading.ageSeconds !== null ? `${formatSpan(reading.ageSeconds)} old` : reading.note) : null;
      return { value: reading.value, note, old, showPhase: true };
    }
    case 'full-load':
      return state(percent !== null ? `full load ${percent} %` : 'full load');
    case 'failed':
      return state('failed', unfinished !== null ? `at ${unfinished} % of its full load` : null);
    case 'stopped':
    case 'stopping':
      return state(PHASE_LABELS[task.phase], unfinished !== null ? `full load at ${unfinished} %` : null);
    case 'other':
      // DMS is busy with the task (creating, modifying, moving, testing): its own word says which.
      return state(task.status ?? PHASE_LABELS.other);
    default:
      return state(PHASE_LABELS[task.phase]);
  }
}
