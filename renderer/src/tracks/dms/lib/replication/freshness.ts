// Whether a task's data is current (freshness, staleness) and how ages, spans, rates and latencies read.
import type { ReplicationTaskView } from '../../../../../../main/api/contract';

export interface FreshnessContext {
  /** The wall clock (ms). */
  readonly now: number;
  /**
   * The replication data's clock at `now` (ms): DMS and CloudWatch times, the monitor's cycles. The wall clock on
   * AWS; an accelerated rehearsal's runs ahead, `rate` times as fast (lib/readiness.ts dataNow).
   */
  readonly dataNow: number;
  /** Data seconds per wall second (1 on AWS). */
  readonly rate: number;
  /** The monitor's polling interval in wall seconds (null before its status is known). */
  readonly intervalSeconds: number | null;
  /** Whether the event stream from the core is up: while it is not, nothing shown is current. */
  readonly connected: boolean;
  /**
   * When the monitor's last refresh cycle ran (data clock, ms), null before one: the core re-sends a task's view only
   * when it changes, so a view that is not stale is current as of this time, not only as of its own taskAt.
   */
  readonly lastCycleAt: number | null;
}

export interface Freshness {
  /** Never show the values as current. */
  readonly stale: boolean;
  readonly reason: string | null;
  /** Real seconds since the monitor last read the task, null when never. */
  readonly ageSeconds: number | null;
  /** "updated 12 s ago", "never read". */
  readonly text: string;
}

/** Without news for this many polling intervals (at least MIN_STALE_SECONDS), the renderer calls a task stale itself. */
export const STALE_INTERVALS = 3;
export const MIN_STALE_SECONDS = 30;

/** An ISO time as epoch ms, null when absent or not a time. */
export function timeOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/**
 * Whether what the UI shows about a task is current. The core marks a task stale with its reason; the renderer
 * also does when it has heard nothing for several polling intervals (the core's own stale flag would then be
 * old news too) or when its connection to the core is down. Ages are real time ("updated 12 s ago" means 12 s on
 * the operator's clock, whatever the rehearsal's speed): the task's times are on the data clock, so they are
 * compared with `dataNow` and divided by the clock's rate.
 */
export function freshnessOf(task: ReplicationTaskView, context: FreshnessContext): Freshness {
  const taskAt = timeOf(task.freshness.taskAt);
  // A view the core has not marked stale is current as of its monitor's last cycle (views are re-sent on change only).
  const readAt = taskAt === null ? null : !task.freshness.stale && context.lastCycleAt !== null ? Math.max(taskAt, context.lastCycleAt) : taskAt;
  const rate = context.rate > 0 ? context.rate : 1;
  const ageSeconds = readAt === null ? null : Math.max(0, Math.round((context.dataNow - readAt) / rate / 1000));
  const text = ageSeconds === null ? 'never read' : `updated ${formatAge(ageSeconds)}`;
  if (!context.connected) return { stale: true, reason: 'disconnected from the cockpit core', ageSeconds, text };
  if (task.freshness.stale) return { stale: true, reason: task.freshness.staleReason ?? 'the monitor could not read this task recently', ageSeconds, text };
  if (task.phase === 'unresolved') return { stale: true, reason: task.resolution ?? 'the task is not known to DMS yet', ageSeconds, text };
  const limit = Math.max(MIN_STALE_SECONDS, STALE_INTERVALS * (context.intervalSeconds ?? 0));
  if (ageSeconds !== null && ageSeconds > limit) {
    return {
      stale: true,
      reason: `no update for ${formatAge(ageSeconds).replace(' ago', '')} (the monitor polls every ${context.intervalSeconds ?? '?'} s)`,
      ageSeconds,
      text,
    };
  }
  return { stale: false, reason: null, ageSeconds, text };
}

/** 4 -> "4 s ago", 125 -> "2 min ago", 7300 -> "2 h ago". */
export function formatAge(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** A span of time without rounding away what matters: 45 -> "45 s", 300 -> "5 min", 5000 -> "1 h 23 min", 90000 -> "25 h". */
export function formatSpan(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Seconds to an ETA text: 40 -> "under a minute", 600 -> "10 min", 5400 -> "1 h 30 min". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * A rate for reading at a glance, with its unit: "1,234 rows/s", "3.1 rows/s" (one decimal below 10), "0 rows/s",
 * "< 0.1 rows/s" (a trickle is not zero); "—" when not known.
 */
export function formatRate(value: number | null, unit = 'rows/s'): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value > 0 && value < 0.05) return `< 0.1 ${unit}`;
  const shown = value === 0 ? '0' : Math.abs(value) < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
  return `${shown} ${unit}`;
}

/** A latency in seconds as the cards show it: 0.4 -> "0.4 s", 12 -> "12 s", 95 -> "1 min 35 s". */
export function formatLatency(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return whole < 3600 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}
