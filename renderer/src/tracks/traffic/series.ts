// A service's hour as the Traffic tab draws it, pure: the time range (the hour up to its newest minute, weight change or
// read), each side's requests and 5xx per minute as points (null where CloudWatch has no datapoint: the line breaks
// there, never bridged), the share to AWS over time as a step line from its history (the value before the hour carried
// in from the left, the newest held to the right), and the SVG paths and ticks of a plot box. Drawn as plain SVG: an
// hour of minutes is 60 points, and a fixed view box scales with the page without measuring it.
import type { ServiceView } from '../../../../main/tracks/traffic/contract';
import { awsShareOf } from './words';

/** [epoch ms, value]; a null value is a gap. */
export type SeriesPoint = readonly [t: number, value: number | null];

export interface TimeDomain {
  readonly from: number;
  readonly to: number;
}

/** The view box of a chart and the room its axes take. */
export interface PlotBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** The charts' box: wide and short, labels on the left and below. */
export const PLOT: PlotBox = { width: 480, height: 140, left: 44, right: 10, top: 8, bottom: 20 };

/** The hour the charts show: up to the newest minute's end, weight change or read; null when there is nothing. */
export function hourDomain(view: ServiceView): TimeDomain | null {
  const ends = [
    ...view.minutes.map((minute) => Date.parse(minute.at) + MINUTE_MS),
    ...view.weightHistory.map((change) => Date.parse(change.at)),
    view.checkedAt !== null ? Date.parse(view.checkedAt) : Number.NaN,
  ].filter(Number.isFinite);
  if (ends.length === 0) return null;
  const to = Math.max(...ends);
  return { from: to - HOUR_MS, to };
}

/** One value per minute, oldest first (each at its minute's start); minutes before the domain left out. */
export function minutePoints(view: ServiceView, domain: TimeDomain, pick: (minute: ServiceView['minutes'][number]) => number | null): SeriesPoint[] {
  return view.minutes
    .map((minute) => [Date.parse(minute.at), pick(minute)] as const)
    .filter(([t]) => Number.isFinite(t) && t >= domain.from && t <= domain.to)
    .sort((a, b) => a[0] - b[0]);
}

/**
 * The share to AWS over the domain as steps: the share before the domain from its left edge, each change at its time,
 * the newest held to the right edge; the weights AWS holds now when no history says more. Empty when neither is known.
 */
export function sharePoints(view: ServiceView, domain: TimeDomain): SeriesPoint[] {
  const changes = view.weightHistory
    .map((change) => [Date.parse(change.at), awsShareOf(change)] as const)
    .filter(([t]) => Number.isFinite(t))
    .sort((a, b) => a[0] - b[0]);
  const points: [number, number][] = [];
  let before: number | null = null;
  for (const [t, share] of changes) {
    if (t <= domain.from) before = share;
    else if (t <= domain.to) points.push([t, share]);
  }
  if (before !== null) points.unshift([domain.from, before]);
  if (points.length === 0) {
    if (view.weights === null) return [];
    const share = view.awsPercent ?? awsShareOf(view.weights);
    return [
      [domain.from, share],
      [domain.to, share],
    ];
  }
  points.push([domain.to, points[points.length - 1]![1]]);
  return points;
}

/** The top of a value axis: 1, 2 or 5 times a power of ten at or above the data (at least `least`). */
export function niceTop(max: number, least = 1): number {
  const value = Math.max(max, least);
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The largest value of the series (0 when none). */
export function maxOf(series: readonly (readonly SeriesPoint[])[]): number {
  let max = 0;
  for (const points of series) for (const [, value] of points) if (value !== null && value > max) max = value;
  return max;
}

/** Time ticks on whole quarter hours (by default) inside the domain. */
export function timeTicks(domain: TimeDomain, everyMinutes = 15): number[] {
  const step = everyMinutes * MINUTE_MS;
  const ticks: number[] = [];
  for (let t = Math.ceil(domain.from / step) * step; t <= domain.to; t += step) ticks.push(t);
  return ticks;
}

export function xOf(t: number, domain: TimeDomain, box: PlotBox = PLOT): number {
  const span = Math.max(domain.to - domain.from, 1);
  return round(box.left + ((t - domain.from) / span) * (box.width - box.left - box.right));
}

export function yOf(value: number, top: number, box: PlotBox = PLOT): number {
  const plot = box.height - box.top - box.bottom;
  return round(box.top + plot - (Math.min(value, top) / Math.max(top, Number.EPSILON)) * plot);
}

/**
 * A line through the points, broken where a value is null; a point alone between gaps is drawn as a dot (a zero-length
 * segment with round caps).
 */
export function linePath(points: readonly SeriesPoint[], domain: TimeDomain, top: number, box: PlotBox = PLOT): string {
  const parts: string[] = [];
  let open = false;
  points.forEach(([t, value], index) => {
    if (value === null) {
      open = false;
      return;
    }
    const x = xOf(t, domain, box);
    const y = yOf(value, top, box);
    if (open) {
      parts.push(`L${x} ${y}`);
      return;
    }
    const alone = index === points.length - 1 || points[index + 1]![1] === null;
    parts.push(alone ? `M${x} ${y}h0.01` : `M${x} ${y}`);
    open = !alone;
  });
  return parts.join(' ');
}

/** A step line: each value held until the next point. */
export function stepPath(points: readonly SeriesPoint[], domain: TimeDomain, top: number, box: PlotBox = PLOT): string {
  const parts: string[] = [];
  let last: number | null = null;
  for (const [t, value] of points) {
    if (value === null) continue;
    const x = xOf(t, domain, box);
    const y = yOf(value, top, box);
    if (last === null) parts.push(`M${x} ${y}`);
    else parts.push(`H${x}`, `V${y}`);
    last = y;
  }
  return parts.join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
