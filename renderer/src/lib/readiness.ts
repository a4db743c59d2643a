// What the gate matrix shows in a cell and its header, and how a time of the replication data is labelled with
// its clock (everywhere one is shown): pure, so it is tested without a DOM.
import type { DataClockView, GateColumnView, ReadinessGateView, WaveReadinessView } from '../../../main/api/contract';
import { formatClock, formatUtcSeconds } from './format';

/** A gate's heading, from the plan's gate columns (the core names every gate, the tracks' too). */
export function gateLabel(columns: readonly GateColumnView[], gate: string): string {
  for (const column of columns) if (column.id === gate) return column.label;
  return gate;
}

/**
 * The data clock's time at wall time `wallNow`: readiness times are on the data clock, which an accelerated
 * rehearsal runs ahead of (and faster than) the wall clock. Without a monitor, the wall clock.
 */
export function dataNow(clock: DataClockView | null | undefined, wallNow: number): number {
  if (!clock) return wallNow;
  const at = Date.parse(clock.at);
  const wallAt = Date.parse(clock.wallAt);
  if (!Number.isFinite(at) || !Number.isFinite(wallAt)) return wallNow;
  return at + (wallNow - wallAt) * clock.rate;
}

/** What labelling a data-clock time needs of the clock: its rate (the monitor's DataClockView, or just that). */
export type ClockRate = DataClockView | Pick<DataClockView, 'rate'>;

/**
 * The clock a replication-data time is on, for its label: plain UTC on AWS (the data clock is the wall clock), the
 * rehearsal's simulated clock with its factor when it runs faster, or with how far it is from real time when it was
 * moved — so a time hours ahead of the wall clock never looks like a mistake.
 */
export function dataClockLabel(clock: ClockRate | null | undefined): string {
  if (!clock) return 'UTC';
  if (clock.rate !== 1) return `UTC on the rehearsal clock (${Number(clock.rate.toPrecision(3))}× real time)`;
  // A rehearsal clock at real speed that was moved on (or back) reads apart from the cockpit's own times: say so.
  const offsetMs = 'at' in clock ? Date.parse(clock.at) - Date.parse(clock.wallAt) : 0;
  if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) < 60_000) return 'UTC';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `UTC on the rehearsal clock (${minutes} min ${offsetMs > 0 ? 'ahead of' : 'behind'} real time)`;
}

/**
 * The note beside gate durations ("green 39 m 55 s", hold countdowns) when they count on a data clock faster than
 * real time, so they are not read against the runbook's times on the cockpit's clock; null when the clocks agree.
 */
export function dataDurationsNote(clock: ClockRate | null | undefined): string | null {
  if (!clock || clock.rate === 1) return null;
  return `durations on the rehearsal data clock, ${Number(clock.rate.toPrecision(3))}× real time`;
}

/**
 * A time of the replication data (DMS, CloudWatch and its logs, the monitor's cycles, readiness) with its clock, the
 * one labelling for all of them: "05:45:00 UTC" on AWS, "05:45:00 UTC on the rehearsal clock (10× real time)" in a
 * faster rehearsal; with `date`, "03 Dec 2026, 05:45:00 …". Times on the core's own clock keep plain "UTC".
 */
export function formatDataTime(time: string | number, clock: ClockRate | null | undefined, options: { date?: boolean } = {}): string {
  const iso = typeof time === 'number' ? (Number.isFinite(time) ? new Date(time).toISOString() : String(time)) : time;
  const text = options.date ? formatUtcSeconds(iso).replace(/ UTC$/, '') : formatClock(iso);
  return `${text} ${dataClockLabel(clock)}`;
}

/** 5_000 -> "5 s", 252_000 -> "4 m 12 s", 7_500_000 -> "2 h 5 m": compact, for cells. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} m ${s % 60} s`;
  const h = Math.floor(s / 3600);
  return `${h} h ${Math.floor((s % 3600) / 60)} m`;
}

/** Seconds of a running hold still to go at `now`, from its estimated end; null when no hold runs. */
export function holdLeft(gate: ReadinessGateView, now: number): number | null {
  if (gate.status === 'green' || gate.holdEndsAt === null) return null;
  const end = Date.parse(gate.holdEndsAt);
  if (!Number.isFinite(end)) return gate.holdRemainingSeconds;
  return Math.max(0, Math.round((end - now) / 1000));
}

export interface CellText {
  /** The main line: "green 4 m 12 s", "hold 5:48", or the first reason. */
  readonly main: string;
  /** A second, muted line: a green gate's note, the reason behind a hold, or "+2 more". */
  readonly sub: string | null;
  /** Everything, for the tooltip and the screen reader. */
  readonly full: string;
}

/**
 * A gate cell's texts at `now` (on the data clock); `label` is its column's heading. With the data `clock` (the
 * monitor's), the full text also names when the gate turned green or when its hold ends, labelled with that clock;
 * without it (undefined) it names no time.
 */
export function cellText(gate: ReadinessGateView, label: string, now: number, clock?: ClockRate | null): CellText {
  if (!gate.applies) {
    // Nothing to check for this stack: its note ("not probed"), never "green for 35 m" as if it had been judged.
    const note = gate.reasons[0] ?? 'does not apply';
    return { main: note, sub: null, full: `${label}: does not apply — ${note}` };
  }
  if (gate.status === 'green') {
    const since = gate.greenSince ? Date.parse(gate.greenSince) : NaN;
    const main = Number.isFinite(since) ? `green ${formatAge(now - since)}` : 'green';
    const note = gate.reasons[0] ?? null;
    const when = clock !== undefined && gate.greenSince && Number.isFinite(since) ? `, since ${formatDataTime(gate.greenSince, clock)}` : '';
    return { main, sub: note, full: `${label}: ${main}${when}${note ? ` — ${note}` : ''}` };
  }
  const first = gate.reasons[0] ?? (gate.status === 'unknown' ? 'no current data' : 'not green');
  const more = gate.reasons.length > 1 ? `+${gate.reasons.length - 1} more` : null;
  const left = holdLeft(gate, now);
  const ends =
    clock !== undefined && left !== null && gate.holdEndsAt && Number.isFinite(Date.parse(gate.holdEndsAt))
      ? `, ends ${formatDataTime(gate.holdEndsAt, clock)}`
      : '';
  const full = `${label}: ${gate.status}${left !== null ? `, hold ${formatCountdown(left)} to go${ends}` : ''} — ${gate.reasons.join('; ') || first}`;
  if (left !== null) return { main: left > 0 ? `hold ${formatCountdown(left)}` : 'hold ending', sub: first, full };
  return { main: first, sub: more, full };
}

/** 348 -> "5:48". */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Per gate column of a wave (`columns`: how many the plan has): its green cells of the cells it judges (where it applies). */
export function greenCounts(wave: Pick<WaveReadinessView, 'stacks'>, columns: number): { green: number; of: number }[] {
  const counts = Array.from({ length: columns }, () => ({ green: 0, of: 0 }));
  for (const stack of wave.stacks)
    stack.gates.forEach((gate, index) => {
      const count = counts[index];
      if (!count || !gate.applies) return;
      count.of += 1;
      if (gate.status === 'green') count.green += 1;
    });
  return counts;
}

/** The wave header's words: "READY for 4 m 12 s" / "NOT READY: 37 gates blocking". */
export function waveHeadline(wave: WaveReadinessView, now: number): string {
  if (wave.ready) {
    const since = wave.readySince ? Date.parse(wave.readySince) : NaN;
    return Number.isFinite(since) ? `READY for ${formatAge(now - since)}` : 'READY';
  }
  return `NOT READY: ${wave.blockingCount} ${wave.blockingCount === 1 ? 'gate' : 'gates'} blocking`;
}

/**
 * What a gate cell says where the gates decide nothing (cut over, cutting over…): "not judged", never "green 18 m" or
 * a red reason; its last reading stays in the tooltip.
 */
export function shownCellText(gate: ReadinessGateView, label: string, now: number, clock: ClockRate | null | undefined, judged: boolean): CellText {
  const text = cellText(gate, label, now, clock);
  if (judged) return text;
  return {
    main: 'not judged',
    sub: null,
    full: `${label}: not judged now (the gates decide only before a cutover); last reading: ${text.full.slice(label.length + 2)}`,
  };
}

/**
 * The tone a gate cell shows while the gates decide: green, red or unknown; `holding` while a hold counts down (not
 * a fault: it turns green by itself); `none` where the gate does not apply. Neutral (never red or green) when the
 * gates decide nothing.
 */
export function cellTone(
  gate: Pick<ReadinessGateView, 'status' | 'holdRemainingSeconds' | 'applies'>,
  judged: boolean,
): ReadinessGateView['status'] | 'holding' | 'none' | 'neutral' {
  if (!judged) return 'neutral';
  if (!gate.applies) return 'none';
  return gate.status !== 'green' && gate.holdRemainingSeconds !== null ? 'holding' : gate.status;
}
