import { describe, expect, it } from 'vitest';
import {
  currentItem,
  DAY_MS,
  formatWindowShort,
  HOUR_MS,
  layoutTimeline,
  moveInTimeline,
  offscreenItems,
  parseWindow,
  scrollLeftFor,
  timelineTicks,
  type TimelineInput,
  type TimelineItem,
} from './wave-timeline';

const at = (iso: string) => Date.parse(iso);
const wave = (id: string, start: string, end: string, labelWidth = 0): TimelineInput => ({ id, startMs: at(start), endMs: at(end), labelWidth });

describe('layoutTimeline', () => {
  it('places a window by its UTC start and length: x from 00:00 UTC of the first day, px per hour', () => {
    const layout = layoutTimeline([wave('w1', '2026-12-05T01:00:00Z', '2026-12-05T05:00:00Z')], { pxPerHour: 10 });
    expect(layout.originMs).toBe(at('2026-12-05T00:00:00Z'));
    expect(layout.items).toEqual([
      { id: 'w1', startMs: at('2026-12-05T01:00:00Z'), endMs: at('2026-12-05T05:00:00Z'), x: 10, barWidth: 40, width: 40, lane: 0 },
    ]);
    expect(layout.endMs).toBe(at('2026-12-06T00:00:00Z'));
    expect(layout.width).toBe(240);
    expect(layout.lanes).toBe(1);
  });

  it('reads offsets in the ISO text, so a window written in another zone lands at its UTC time', () => {
    const layout = layoutTimeline([wave('w1', '2026-12-05T03:00:00+02:00', '2026-12-05T07:00:00+02:00')], { pxPerHour: 1 });
    expect(layout.items[0]!.x).toBe(1);
  });

  it('puts overlapping windows in separate lanes and reuses a lane once it is free', () => {
    const layout = layoutTimeline(
      [
        wave('a', '2026-12-05T00:00:00Z', '2026-12-05T04:00:00Z'),
        wave('b', '2026-12-05T02:00:00Z', '2026-12-05T06:00:00Z'),
        wave('c', '2026-12-05T03:00:00Z', '2026-12-05T05:00:00Z'),
        wave('d', '2026-12-05T08:00:00Z', '2026-12-05T09:00:00Z'),
      ],
      { pxPerHour: 10, gap: 0 },
    );
    expect(Object.fromEntries(layout.items.map((item) => [item.id, item.lane]))).toEqual({ a: 0, b: 1, c: 2, d: 0 });
    expect(layout.lanes).toBe(3);
  });

  it('keeps the gap between items in a lane: touching windows take two lanes when a gap is asked for', () => {
    const windows = [wave('a', '2026-12-05T00:00:00Z', '2026-12-05T04:00:00Z'), wave('b', '2026-12-05T04:00:00Z', '2026-12-05T06:00:00Z')];
    expect(layoutTimeline(windows, { pxPerHour: 10, gap: 0 }).lanes).toBe(1);
    expect(layoutTimeline(windows, { pxPerHour: 10, gap: 8 }).lanes).toBe(2);
  });

  it('packs labels too: a label wider than its window pushes the next wave down, and no two items overlap', () => {
    const layout = layoutTimeline(
      [wave('a', '2026-12-05T00:00:00Z', '2026-12-05T01:00:00Z', 200), wave('b', '2026-12-05T10:00:00Z', '2026-12-05T11:00:00Z', 200)],
      { pxPerHour: 10, gap: 8 },
    );
    expect(layout.items.map((item) => [item.id, item.lane, item.barWidth, item.width])).toEqual([
      ['a', 0, 10, 200],
      ['b', 1, 10, 200],
    ]);
    // The axis runs to the end of the day the last label reaches (b's label: 10:00 + 20 h).
    expect(layout.endMs).toBe(at('2026-12-07T00:00:00Z'));
    const near = layoutTimeline([wave('a', '2026-12-05T01:00:00Z', '2026-12-05T02:00:00Z', 100)], { pxPerHour: 10 });
    expect(near.endMs).toBe(at('2026-12-06T00:00:00Z'));
  });

  it('draws a window shorter than the minimum bar at the minimum', () => {
    const layout = layoutTimeline([wave('a', '2026-12-05T00:00:00Z', '2026-12-05T00:06:00Z')], { pxPerHour: 10, minBarWidth: 6 });
    expect(layout.items[0]!.barWidth).toBe(6);
  });

  it('orders items by start, then end, then the order given (dependency order)', () => {
    const layout = layoutTimeline(
      [
        wave('late', '2026-12-12T01:00:00Z', '2026-12-12T05:00:00Z'),
        wave('long', '2026-12-05T01:00:00Z', '2026-12-05T09:00:00Z'),
        wave('first-listed', '2026-12-05T01:00:00Z', '2026-12-05T05:00:00Z'),
        wave('second-listed', '2026-12-05T01:00:00Z', '2026-12-05T05:00:00Z'),
      ],
      { pxPerHour: 1 },
    );
    expect(layout.items.map((item) => item.id)).toEqual(['first-listed', 'second-listed', 'long', 'late']);
  });

  it('stays readable at 100 waves over weeks with overlapping windows: no two items cover each other', () => {
    const inputs: TimelineInput[] = [];
    for (let i = 0; i < 100; i++) {
      const weekend = at('2026-12-05T22:00:00Z') + Math.floor(i / 8) * 7 * DAY_MS;
      const start = weekend + (i % 8) * HOUR_MS;
      inputs.push({ id: `w${i}`, startMs: start, endMs: start + 5 * HOUR_MS, labelWidth: 200 + (i % 3) * 20 });
    }
    const layout = layoutTimeline(inputs, { pxPerHour: 4, gap: 8 });
    expect(layout.items).toHaveLength(100);
    for (const a of layout.items) {
      for (const b of layout.items) {
        if (a === b || a.lane !== b.lane) continue;
        expect(a.x + a.width + 8 <= b.x || b.x + b.width + 8 <= a.x).toBe(true);
      }
    }
    // One lane per wave of the busiest night, then lanes are reused week after week.
    expect(layout.lanes).toBe(8);
  });

  it('is empty without windows', () => {
    expect(layoutTimeline([], { pxPerHour: 4 })).toEqual({ originMs: 0, endMs: 0, width: 0, lanes: 0, items: [] });
  });
});

describe('parseWindow', () => {
  it('reads a window, and refuses one that is not dates or ends before it starts', () => {
    expect(parseWindow({ start: '2026-12-05T01:00:00Z', end: '2026-12-05T05:00:00Z' })).toEqual({
      startMs: at('2026-12-05T01:00:00Z'),
      endMs: at('2026-12-05T05:00:00Z'),
    });
    expect(parseWindow(null)).toBeNull();
    expect(parseWindow({ start: 'soon', end: '2026-12-05T05:00:00Z' })).toBeNull();
    expect(parseWindow({ start: '2026-12-05T05:00:00Z', end: '2026-12-05T01:00:00Z' })).toBeNull();
  });
});

describe('timelineTicks', () => {
  const span = { originMs: at('2026-12-05T00:00:00Z'), endMs: at('2026-12-19T00:00:00Z') };

  it('marks every day, labelled when a day is wide enough', () => {
    const ticks = timelineTicks(span, 4);
    expect(ticks).toHaveLength(14);
    expect(ticks.every((tick) => tick.day && tick.labelled)).toBe(true);
    expect(ticks[1]).toEqual({ ms: at('2026-12-06T00:00:00Z'), x: 96, day: true, labelled: true });
  });

  it('labels only Mondays when days are narrow', () => {
    const labelled = timelineTicks(span, 1).filter((tick) => tick.labelled);
    expect(labelled.map((tick) => new Date(tick.ms).toISOString().slice(0, 10))).toEqual(['2026-12-07', '2026-12-14']);
  });

  it('adds 6-hour lines when a day is wide', () => {
    const ticks = timelineTicks({ originMs: span.originMs, endMs: span.originMs + DAY_MS }, 24);
    expect(ticks.map((tick) => [tick.x, tick.day])).toEqual([
      [0, true],
      [144, false],
      [288, false],
      [432, false],
    ]);
  });
});

describe('moveInTimeline', () => {
  const layout = layoutTimeline(
    [
      wave('a', '2026-12-05T00:00:00Z', '2026-12-05T04:00:00Z'),
      wave('b', '2026-12-05T02:00:00Z', '2026-12-05T06:00:00Z'),
      wave('c', '2026-12-05T08:00:00Z', '2026-12-05T09:00:00Z'),
      wave('d', '2026-12-05T09:00:00Z', '2026-12-05T10:00:00Z'),
    ],
    { pxPerHour: 10, gap: 0 },
  );

  it('goes back and forth in time with Left and Right, stopping at the ends', () => {
    expect(moveInTimeline(layout.items, 'a', 'ArrowRight')).toBe('b');
    expect(moveInTimeline(layout.items, 'c', 'ArrowLeft')).toBe('b');
    expect(moveInTimeline(layout.items, 'a', 'ArrowLeft')).toBe('a');
    expect(moveInTimeline(layout.items, 'd', 'ArrowRight')).toBe('d');
  });

  it('goes to the nearest wave of the lane above or below with Up and Down', () => {
    expect(layout.items.map((item) => item.lane)).toEqual([0, 1, 0, 0]);
    expect(moveInTimeline(layout.items, 'a', 'ArrowDown')).toBe('b');
    expect(moveInTimeline(layout.items, 'b', 'ArrowUp')).toBe('a');
    expect(moveInTimeline(layout.items, 'd', 'ArrowDown')).toBe('b');
    expect(moveInTimeline(layout.items, 'b', 'ArrowDown')).toBe('b');
  });

  it('goes to the first and last wave with Home and End, and ignores other keys and ids', () => {
    expect(moveInTimeline(layout.items, 'c', 'Home')).toBe('a');
    expect(moveInTimeline(layout.items, 'a', 'End')).toBe('d');
    expect(moveInTimeline(layout.items, 'a', 'x')).toBeNull();
    expect(moveInTimeline(layout.items, 'zz', 'ArrowRight')).toBeNull();
  });
});

describe('currentItem', () => {
  const { items } = layoutTimeline([wave('a', '2026-12-05T01:00:00Z', '2026-12-05T05:00:00Z'), wave('b', '2026-12-12T01:00:00Z', '2026-12-12T05:00:00Z')], {
    pxPerHour: 1,
  });

  it('is the window running now or the next one, else the last one', () => {
    expect(currentItem(items, at('2026-12-01T00:00:00Z'))?.id).toBe('a');
    expect(currentItem(items, at('2026-12-05T03:00:00Z'))?.id).toBe('a');
    expect(currentItem(items, at('2026-12-06T00:00:00Z'))?.id).toBe('b');
    expect(currentItem(items, at('2027-01-01T00:00:00Z'))?.id).toBe('b');
    expect(currentItem([], 0)).toBeNull();
  });
});

describe('formatWindowShort', () => {
  it('says the UTC day, the times and the clock', () => {
    expect(formatWindowShort(at('2026-12-05T01:00:00Z'), at('2026-12-05T05:00:00Z'))).toBe('Sat 05 Dec, 01:00–05:00 UTC');
    expect(formatWindowShort(at('2026-12-05T22:00:00Z'), at('2026-12-06T03:30:00Z'))).toBe('Sat 05 Dec 22:00 – Sun 06 Dec 03:30 UTC');
    expect(formatWindowShort(at('2026-12-05T03:00:00+02:00'), at('2026-12-05T07:00:00+02:00'))).toBe('Sat 05 Dec, 01:00–05:00 UTC');
  });
});

describe('offscreenItems', () => {
  const item = (id: string, x: number, width: number): TimelineItem => ({ id, startMs: x, endMs: x + width, x, barWidth: 4, width, lane: 0 });
  const items = [item('a', 0, 200), item('b', 600, 200), item('c', 1300, 240), item('d', 2000, 240)];

  it('counts a wave cut at the right edge, and those beyond it, as later', () => {
    const { before, after } = offscreenItems(items, 0, 1400);
    expect(before).toEqual([]);
    expect(after.map((i) => i.id)).toEqual(['c', 'd']);
  });

  it('counts the waves left of the view as earlier, the nearest last', () => {
    const { before, after } = offscreenItems(items, 590, 1700);
    expect(before.map((i) => i.id)).toEqual(['a']);
    expect(after).toEqual([]);
    // b starts before the left edge but reaches into the view: it is cut, and earlier; d is cut at the right.
    const cut = offscreenItems(items, 700, 1400);
    expect(cut.before.map((i) => i.id)).toEqual(['a', 'b']);
    expect(cut.after.map((i) => i.id)).toEqual(['d']);
  });

  it('counts nothing when every wave is in view, and not a wave wider than the view that covers it', () => {
    expect(offscreenItems(items, 0, 2300)).toEqual({ before: [], after: [] });
    expect(offscreenItems([item('wide', 0, 3000)], 100, 1000)).toEqual({ before: [], after: [] });
  });

  it('scrolls to a wave from its start, with room before it, never before the timeline', () => {
    expect(scrollLeftFor({ x: 1300 })).toBe(1276);
    expect(scrollLeftFor({ x: 10 })).toBe(0);
  });
});
