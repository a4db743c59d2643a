// The waves overview's timeline, as numbers: each wave's cutover window becomes a horizontal position (UTC hours
// times a scale), and each wave a lane, so that no two waves cover each other. A wave takes the width of its label
// when its window is shorter than that, so labels are packed as well as windows: two waves whose windows do not
// overlap still get separate lanes when the first one's label reaches the second. Pure: the component measures
// nothing, and the same plan always gets the same picture.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface TimelineInput {
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The width (px) the wave's label needs: the item is never narrower. */
  readonly labelWidth: number;
}

export interface TimelineItem {
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Left edge of the window, px from the timeline's origin. */
  readonly x: number;
  /** The window's own width (px), at least `minBarWidth` so a short window stays visible. */
  readonly barWidth: number;
  /** What the item covers: the bar or its label, whichever is wider. */
  readonly width: number;
  /** 0 is the top lane. */
  readonly lane: number;
}

export interface TimelineLayout {
  /** 00:00 UTC of the first window's day: where x = 0. */
  readonly originMs: number;
  /** 00:00 UTC of the day after the last item ends. */
  readonly endMs: number;
  readonly width: number;
  readonly lanes: number;
  /** In time order: by start, then end, then the order given (the plan's dependency order). */
  readonly items: readonly TimelineItem[];
}

export interface TimelineScale {
  readonly pxPerHour: number;
  /** The narrowest a window is drawn (px). */
  readonly minBarWidth?: number;
  /** Free space (px) between two items in one lane. */
  readonly gap?: number;
}

/** Start and end of a cutover window in ms, or null when either is not a date or the window ends before it starts. */
export function parseWindow(window: { readonly start: string; readonly end: string } | null): { startMs: number; endMs: number } | null {
  if (!window) return null;
  const startMs = Date.parse(window.start);
  const endMs = Date.parse(window.end);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) return null;
  return { startMs, endMs };
}

export function layoutTimeline(inputs: readonly TimelineInput[], scale: TimelineScale): TimelineLayout {
  const { pxPerHour, minBarWidth = 4, gap = 8 } = scale;
  const ordered = inputs
    .map((input, index) => ({ input, index }))
    .sort((a, b) => a.input.startMs - b.input.startMs || a.input.endMs - b.input.endMs || a.index - b.index)
    .map(({ input }) => input);
  if (ordered.length === 0) return { originMs: 0, endMs: 0, width: 0, lanes: 0, items: [] };

  const originMs = startOfUtcDay(ordered[0]!.startMs);
  const toX = (ms: number) => ((ms - originMs) / HOUR_MS) * pxPerHour;
  // First fit: each item goes to the topmost lane that is free where it starts, so lanes stay few and stable.
  const laneEnds: number[] = [];
  let right = 0;
  const items = ordered.map((input): TimelineItem => {
    const x = toX(input.startMs);
    const barWidth = Math.max(minBarWidth, toX(input.endMs) - x);
    const width = Math.max(barWidth, input.labelWidth);
    let lane = laneEnds.findIndex((end) => end + gap <= x);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = x + width;
    right = Math.max(right, x + width);
    return { id: input.id, startMs: input.startMs, endMs: input.endMs, x, barWidth, width, lane };
  });
  const endMs = startOfUtcDay(originMs + (right / pxPerHour) * HOUR_MS - 1) + DAY_MS;
  return { originMs, endMs, width: toX(endMs), lanes: laneEnds.length, items };
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export interface TimelineTick {
  readonly ms: number;
  readonly x: number;
  /** A day starts here (else an hour inside a day). */
  readonly day: boolean;
  /** Whether the tick carries a label at this scale (days, or Mondays only when days are too narrow). */
  readonly labelled: boolean;
}

/** Day lines, and 6-hour lines when a day is wide enough to show them; labels where they fit. */
export function timelineTicks(layout: Pick<TimelineLayout, 'originMs' | 'endMs'>, pxPerHour: number): TimelineTick[] {
  const dayWidth = pxPerHour * 24;
  const hourStep = dayWidth >= 400 ? 6 : null;
  const ticks: TimelineTick[] = [];
  for (let ms = layout.originMs; ms < layout.endMs; ms += DAY_MS) {
    const x = ((ms - layout.originMs) / HOUR_MS) * pxPerHour;
    ticks.push({ ms, x, day: true, labelled: dayWidth >= 64 || new Date(ms).getUTCDay() === 1 });
    if (hourStep) {
      for (let hour = hourStep; hour < 24; hour += hourStep) ticks.push({ ms: ms + hour * HOUR_MS, x: x + hour * pxPerHour, day: false, labelled: true });
    }
  }
  return ticks;
}

/**
 * Keyboard movement between timeline items: Left / Right to the previous / next wave in time, Up / Down to the
 * nearest wave (by the middle of its item) in the lane above / below, Home / End to the first / last wave.
 * Null for other keys and unknown ids; the same id where there is nowhere to go.
 */
export function moveInTimeline(items: readonly TimelineItem[], currentId: string, key: string): string | null {
  const index = items.findIndex((item) => item.id === currentId);
  if (index < 0) return null;
  const current = items[index]!;
  switch (key) {
    case 'ArrowLeft':
      return items[Math.max(0, index - 1)]!.id;
    case 'ArrowRight':
      return items[Math.min(items.length - 1, index + 1)]!.id;
    case 'ArrowUp':
      return nearestInLane(items, current, current.lane - 1) ?? current.id;
    case 'ArrowDown':
      return nearestInLane(items, current, current.lane + 1) ?? current.id;
    case 'Home':
      return items[0]!.id;
    case 'End':
      return items[items.length - 1]!.id;
    default:
      return null;
  }
}

function nearestInLane(items: readonly TimelineItem[], from: TimelineItem, lane: number): string | null {
  const middle = from.x + from.width / 2;
  let best: TimelineItem | null = null;
  for (const item of items) {
    if (item.lane !== lane) continue;
    if (!best || Math.abs(item.x + item.width / 2 - middle) < Math.abs(best.x + best.width / 2 - middle)) best = item;
  }
  return best?.id ?? null;
}

export const TIMELINE_KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** Where the timeline opens: the first window that has not ended yet (the one running or next), else the last one. */
export function currentItem(items: readonly TimelineItem[], nowMs: number): TimelineItem | null {
  let upcoming: TimelineItem | null = null;
  for (const item of items) {
    if (item.endMs >= nowMs && (!upcoming || item.startMs < upcoming.startMs)) upcoming = item;
  }
  return upcoming ?? items[items.length - 1] ?? null;
}

/** The waves a scrolled timeline does not show whole: cut at or beyond its left edge, and at or beyond its right edge. */
export interface OffscreenItems {
  /** In time order; the last one is the nearest to the view. */
  readonly before: readonly TimelineItem[];
  /** In time order; the first one is the nearest to the view. */
  readonly after: readonly TimelineItem[];
}

/**
 * Which items lie (partly) outside the visible part of the timeline: `left` is the x (timeline px) at the view's left
 * edge and `width` how many px of the timeline it shows. An item wider than the view that covers it is in neither.
 */
export function offscreenItems(items: readonly TimelineItem[], left: number, width: number): OffscreenItems {
  const right = left + width;
  const before: TimelineItem[] = [];
  const after: TimelineItem[] = [];
  for (const item of items) {
    const end = item.x + item.width;
    if (item.x < left - 1 && end <= right + 1) before.push(item);
    else if (end > right + 1 && item.x >= left - 1) after.push(item);
  }
  return { before, after };
}

/** Where to scroll (timeline px at the view's left edge) to show an item from its start, with some room before it. */
export function scrollLeftFor(item: Pick<TimelineItem, 'x'>, room = 24): number {
  return Math.max(0, item.x - room);
}

// Labels, always in UTC: operators in different places read the same windows.
const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: '2-digit', month: 'short' });
const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Sat 05 Dec" (the UTC day). */
export function formatDay(ms: number): string {
  return day.format(ms);
}

/** "06:00" (UTC). */
export function formatHour(ms: number): string {
  return hour.format(ms);
}

/** "Sat 05 Dec, 01:00–05:00 UTC", or "Sat 05 Dec 22:00 – Sun 06 Dec 03:00 UTC" when the window spans UTC days. */
export function formatWindowShort(startMs: number, endMs: number): string {
  if (startOfUtcDay(startMs) === startOfUtcDay(endMs)) return `${formatDay(startMs)}, ${formatHour(startMs)}–${formatHour(endMs)} UTC`;
  return `${formatDay(startMs)} ${formatHour(startMs)} – ${formatDay(endMs)} ${formatHour(endMs)} UTC`;
}
