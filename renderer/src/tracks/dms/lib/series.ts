// Chart series as the renderer draws them: points are [epoch ms, value], oldest first. The core sends a task's
// history once, at its own resolution (dms.series, then from its cursor after a gap) and then new points as they come (dms.samples);
// these helpers join both and downsample again to the chart's width. All O(n) in the points kept, no copies of
// the live ring buffer beyond the part in view.
import { downsampleMinMax, type SeriesPoint } from '../../../../../common/downsample';
import { FULL_LOAD_PROGRESS } from '../../../../../common/tracks/dms';
import type { DmsSeriesName } from '../../../../../main/api/contract';
import { formatClock } from '../../../lib/format';
import { formatDay } from '../../../lib/wave-timeline';
import { itemAt, type LogBuffer } from '../../../store/log-buffer';

export type Point = SeriesPoint;

/** Index of the first item of the buffer whose time is greater than `t` (buffer sorted by time). */
export function firstAfter(buffer: LogBuffer<Point>, t: number): number {
  let low = 0;
  let high = buffer.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (itemAt(buffer, middle)![0] > t) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The points a chart shows: the core's (downsampled) history `base`, then the live points newer than the
 * history's last one, all from `from` on.
 */
export function joinSeries(base: readonly Point[] | undefined, live: LogBuffer<Point> | undefined, from = -Infinity): Point[] {
  const out: Point[] = [];
  let last = -Infinity;
  for (const point of base ?? []) {
    if (point[0] < from) continue;
    out.push(point);
    last = point[0];
  }
  if (live) {
    for (let index = firstAfter(live, Math.max(last, from - 1)); index < live.length; index += 1) out.push(itemAt(live, index)!);
  }
  return out;
}

/**
 * The live points older than `before` (oldest first): what the renderer saw arrive since the page opened that the
 * core's recent history no longer reaches back to. Times are whole milliseconds.
 */
export function livePointsBefore(live: LogBuffer<Point> | undefined, before: number): Point[] {
  const out: Point[] = [];
  if (!live) return out;
  const end = firstAfter(live, before - 1);
  for (let index = 0; index < end; index += 1) out.push(itemAt(live, index)!);
  return out;
}

/** At most this many points of a series' history are kept across re-reads (about two full-HD widths of min/max pairs). */
export const MAX_KEPT_HISTORY_POINTS = 4_000;

/**
 * A re-read history for the same task and range, keeping what the previous one had before the new one starts: the
 * core's recent range moves on with its newest point, and replacing the history would drop the early part of a
 * chart (a full load's ramp) that was on screen. Bounded to MAX_KEPT_HISTORY_POINTS by min/max downsampling.
 */
export function mergeHistory(previous: readonly Point[] | undefined, next: readonly Point[]): readonly Point[] {
  if (!previous || previous.length === 0) return next;
  const start = next.length > 0 ? next[0]![0] : Infinity;
  let keep = 0;
  while (keep < previous.length && previous[keep]![0] < start) keep += 1;
  if (keep === 0) return next;
  const merged = previous.slice(0, keep).concat(next);
  return downsampleMinMax(merged, MAX_KEPT_HISTORY_POINTS);
}

/** The newest point's time in a live buffer, or null when it holds none. */
export function lastBufferTime(buffer: LogBuffer<Point> | undefined): number | null {
  return buffer && buffer.length > 0 ? itemAt(buffer, buffer.length - 1)![0] : null;
}

/** A row recharts draws: `v` null breaks the line there; `lone` marks a point with no neighbour to join (drawn as a dot). */
export interface ChartRow {
  readonly t: number;
  readonly v: number | null;
  readonly lone?: true;
}

/**
 * Points as rows recharts can draw (one object per point), with a null row in every gap between two points farther
 * apart than `maxGapMs`: the line breaks there instead of drawing a slope nobody measured. A point cut off on both
 * sides is marked `lone`, so it still shows (as a dot).
 */
export function toRows(points: readonly Point[], maxGapMs = Infinity): ChartRow[] {
  const rows: ChartRow[] = [];
  for (let index = 0; index < points.length; index += 1) {
    const [t, v] = points[index]!;
    const gapBefore = index === 0 || t - points[index - 1]![0] > maxGapMs;
    const gapAfter = index === points.length - 1 || points[index + 1]![0] - t > maxGapMs;
    if (index > 0 && gapBefore) rows.push({ t: (points[index - 1]![0] + t) / 2, v: null });
    rows.push(gapBefore && gapAfter && points.length > 1 ? { t, v, lone: true } : { t, v });
  }
  return rows;
}

/**
 * How a series' line is drawn. Full-load progress: `step`, the value holds until the next point (the core records
 * it when it moves, so a slope between two points would be made up). CloudWatch metrics: `linear`, broken at gaps.
 */
export function lineShapeOf(series: DmsSeriesName): 'linear' | 'step' {
  return series === FULL_LOAD_PROGRESS ? 'step' : 'linear';
}

/** A line breaks where two points are farther apart than this many of the series' usual intervals. */
export const GAP_INTERVALS = 3;

/**
 * The longest stretch without points a line may bridge: GAP_INTERVALS times the series' usual interval (the 75th
 * percentile of its spacings: a min/max-downsampled series alternates short and long ones, and a few gaps do not
 * move it), at least `floorMs` (CloudWatch's period: a datapoint a period is no gap). Infinity with fewer than 3 points.
 */
export function gapLimitMs(points: readonly Point[], floorMs = 0): number {
  if (points.length < 3) return Infinity;
  const spacings: number[] = [];
  for (let index = 1; index < points.length; index += 1) spacings.push(points[index]![0] - points[index - 1]![0]);
  spacings.sort((a, b) => a - b);
  const usual = spacings[Math.floor((spacings.length - 1) * 0.75)]!;
  return Math.max(floorMs, GAP_INTERVALS * usual);
}

/** The newest point's time, or null for an empty series. */
export function lastTime(points: readonly Point[]): number | null {
  return points.length > 0 ? points[points.length - 1]![0] : null;
}

// ---------------------------------------------------------------------------------------------------------
// Chart axes: one time range for all charts of a task, time ticks that never overlap, round value ticks
// ---------------------------------------------------------------------------------------------------------

export type TimeDomain = readonly [from: number, to: number];

/** A domain with nothing in it is widened by this much on each side, so a single point has room. */
const SINGLE_POINT_PAD_MS = 30_000;

/**
 * The one time range every chart of a task draws, so their x axes line up: from the oldest to the newest point of
 * the `series`, or the last `windowMs` before the newest for a fixed window (24 h). `followers` (points the renderer
 * collects itself, such as full-load progress) may move the end later, never the start earlier: every chart draws
 * the same stretch of time from the same kind of points, so a progress ramp never stands beside throughput charts
 * that are blank for it (the 24 h range shows a load that ended before the recent range). Without points of
 * `series`, the followers' span. Null without any point.
 */
export function sharedTimeDomain(series: readonly (readonly Point[])[], windowMs?: number, followers: readonly (readonly Point[])[] = []): TimeDomain | null {
  const own = spanOf(series);
  const theirs = spanOf(followers);
  const span = own ? ([own[0], Math.max(own[1], theirs ? theirs[1] : -Infinity)] as const) : theirs;
  if (!span) return null;
  const [from, to] = span;
  if (windowMs !== undefined) return [to - windowMs, to];
  return from < to ? [from, to] : [from - SINGLE_POINT_PAD_MS, to + SINGLE_POINT_PAD_MS];
}

/**
 * A step series (full-load progress: the value holds until the next point, and the core records it only when it
 * moves) inside [from, to], with the value it held at `from` when its last change came before, and its last value
 * held to `to`: a load that reached 100 % before the range shows 100 % across it instead of a dot.
 */
export function heldWithin(points: readonly Point[], from: number, to: number): Point[] {
  const inside: Point[] = [];
  let before: Point | undefined;
  for (const point of points) {
    if (point[0] < from) before = point;
    else if (point[0] <= to) inside.push(point);
  }
  if (before && (inside.length === 0 || inside[0]![0] > from)) inside.unshift([from, before[1]]);
  const last = inside[inside.length - 1];
  if (last && last[0] < to) inside.push([to, last[1]]);
  return inside;
}

function spanOf(series: readonly (readonly Point[])[]): TimeDomain | null {
  let from = Infinity;
  let to = -Infinity;
  for (const points of series) {
    if (points.length === 0) continue;
    from = Math.min(from, points[0]![0]);
    to = Math.max(to, points[points.length - 1]![0]);
  }
  return Number.isFinite(to) ? [from, to] : null;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Steps a time axis may use, smallest first: each divides a UTC day, so ticks fall on round clock times. */
const TIME_STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

/**
 * Width of one time label in pixels at the axis' 11 px font ("14:05", "14:05:30"; about 6.5 px per character,
 * rounded up) and the least air between two labels. Generous on purpose: labels never touch.
 */
export const TIME_LABEL_PX = { minutes: 34, seconds: 52 } as const;
export const TIME_LABEL_GAP_PX = 14;

export interface TimeTicks {
  /** Tick times (epoch ms) on round clock times inside the domain, oldest first. */
  readonly ticks: readonly number[];
  /** Labels with seconds when the step is under a minute. */
  readonly precision: 'minutes' | 'seconds';
  readonly stepMs: number;
}

export interface TickRoom {
  /** Pixels left of the plot a label may reach into (the value axis' width). */
  readonly leftPx?: number;
  /** Pixels right of the plot a label may reach into (the chart's right margin). */
  readonly rightPx?: number;
}

/**
 * Ticks for a time axis `plotWidthPx` wide: the smallest round step whose labels keep their width plus
 * TIME_LABEL_GAP_PX apart, and only ticks whose label fits inside the plot plus `room`, so labels never overlap
 * or get cut at any width (recharts' own thinning does not know the labels' widths, and with one data array per
 * line it repeats ticks on top of each other).
 */
export function timeTicks(domain: TimeDomain, plotWidthPx: number, room: TickRoom = {}): TimeTicks {
  const [from, to] = domain;
  const span = to - from;
  if (!(span > 0) || !(plotWidthPx > 0)) return { ticks: [], precision: 'minutes', stepMs: MINUTE };
  const pxPerMs = plotWidthPx / span;
  const labelOf = (step: number) => (step < MINUTE ? TIME_LABEL_PX.seconds : TIME_LABEL_PX.minutes);
  const step = TIME_STEPS.find((candidate) => candidate * pxPerMs >= labelOf(candidate) + TIME_LABEL_GAP_PX) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
  const half = labelOf(step) / 2;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    const x = (t - from) * pxPerMs;
    if (x + (room.leftPx ?? 0) >= half && plotWidthPx - x + (room.rightPx ?? 0) >= half) ticks.push(t);
  }
  return { ticks, precision: step < MINUTE ? 'seconds' : 'minutes', stepMs: step };
}

/**
 * Round ticks from 0 up to at least `max`, at most `maxTicks` of them (0 included): the smallest step of 1, 2, 2.5
 * or 5 times a power of ten that fits, so an axis reads "0, 10K, 20K, 30K, 40K, 50K", never "40.3K" at the top.
 */
export function valueTicks(max: number, maxTicks = 6): readonly number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const intervals = Math.max(1, maxTicks - 1);
  let power = 10 ** Math.floor(Math.log10(top / intervals));
  for (;;) {
    for (const factor of [1, 2, 2.5, 5]) {
      const step = factor * power;
      const count = Math.ceil(top / step - 1e-9);
      if (count <= intervals) return Array.from({ length: count + 1 }, (_, index) => roundStep(index * step));
    }
    power *= 10;
  }
}

/** Rids a tick of floating-point dust (0.30000000000000004 -> 0.3). */
function roundStep(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * The charts' time range in words: "14:33:14–15:16:00", with the UTC day at each end when the ends fall on two days
 * ("Wed 02 Dec 15:11:00 – Thu 03 Dec 15:11:00"), so a 24 h range never reads as from a time to the same time.
 */
export function rangeText([from, to]: TimeDomain): string {
  const clock = (ms: number) => formatClock(new Date(ms).toISOString());
  const sameDay = Math.floor(from / 86_400_000) === Math.floor(to / 86_400_000);
  return sameDay ? `${clock(from)}–${clock(to)}` : `${formatDay(from)} ${clock(from)} – ${formatDay(to)} ${clock(to)}`;
}
