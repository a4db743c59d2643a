import { describe, expect, it } from 'vitest';
import { appendPoints } from '../store/dms';
import {
  gapLimitMs,
  joinSeries,
  lineShapeOf,
  lastBufferTime,
  livePointsBefore,
  MAX_KEPT_HISTORY_POINTS,
  mergeHistory,
  rangeText,
  sharedTimeDomain,
  heldWithin,
  TIME_LABEL_GAP_PX,
  TIME_LABEL_PX,
  timeTicks,
  toRows,
  valueTicks,
  type Point,
} from './series';

const line = (count: number, value = (i: number) => i % 7): Point[] => Array.from({ length: count }, (_, i) => [i * 1000, value(i)]);

describe('joinSeries', () => {
  it('joins the core’s history with the live points after it, from a start time on', () => {
    const live = appendPoints(
      undefined,
      [
        [3000, 3],
        [4000, 4],
        [5000, 5],
      ],
      10,
    );
    expect(
      joinSeries(
        [
          [1000, 1],
          [2000, 2],
          [4000, 40],
        ],
        live,
      ),
    ).toEqual([
      [1000, 1],
      [2000, 2],
      [4000, 40],
      [5000, 5],
    ]);
    expect(
      joinSeries(
        [
          [1000, 1],
          [2000, 2],
        ],
        live,
        2000,
      ),
    ).toEqual([
      [2000, 2],
      [3000, 3],
      [4000, 4],
      [5000, 5],
    ]);
    expect(joinSeries(undefined, live, 4000)).toEqual([
      [4000, 4],
      [5000, 5],
    ]);
    expect(joinSeries(undefined, undefined)).toEqual([]);
  });
});

describe('history kept across re-reads and live points older than the history', () => {
  it('hands out the live points older than the history’s start', () => {
    const live = appendPoints(
      undefined,
      [
        [1000, 1],
        [2000, 2],
        [3000, 3],
        [4000, 4],
      ],
      10,
    );
    expect(livePointsBefore(live, 3000)).toEqual([
      [1000, 1],
      [2000, 2],
    ]);
    expect(livePointsBefore(live, 500)).toEqual([]);
    expect(livePointsBefore(undefined, 3000)).toEqual([]);
    expect(lastBufferTime(live)).toBe(4000);
    expect(lastBufferTime(undefined)).toBeNull();
  });

  it('keeps what the previous history had before the re-read one starts (the core’s recent range moved on)', () => {
    const first: Point[] = [
      [0, 0],
      [60_000, 20_000],
      [120_000, 18_000],
      [180_000, 0],
    ];
    const reread: Point[] = [
      [120_000, 18_000],
      [180_000, 0],
      [240_000, 0],
    ];
    expect(mergeHistory(first, reread)).toEqual([
      [0, 0],
      [60_000, 20_000],
      [120_000, 18_000],
      [180_000, 0],
      [240_000, 0],
    ]);
    expect(mergeHistory(undefined, reread)).toBe(reread);
    expect(mergeHistory([[500_000, 1]], reread)).toBe(reread);
  });

  it('stays bounded however often the history is re-read', () => {
    let kept: readonly Point[] = [];
    for (let read = 0; read < 50; read += 1)
      kept = mergeHistory(
        kept,
        line(200).map(([t, v]) => [t + read * 150_000, v] as const),
      );
    expect(kept.length).toBeLessThanOrEqual(MAX_KEPT_HISTORY_POINTS);
    expect(kept[0]![0]).toBe(0);
  });
});

describe('sharedTimeDomain', () => {
  it('spans every series, so the charts of a task cover the same time range', () => {
    const latency: Point[] = [
      [10_000, 1],
      [50_000, 2],
    ];
    const throughput: Point[] = [
      [20_000, 5],
      [80_000, 6],
    ];
    const progress: Point[] = [
      [70_000, 40],
      [90_000, 45],
    ];
    expect(sharedTimeDomain([latency, throughput, progress])).toEqual([10_000, 90_000]);
    expect(sharedTimeDomain([latency, [], progress])).toEqual([10_000, 90_000]);
  });

  it('ends at the newest point for a fixed window, gives a lone point room, and is null without points', () => {
    expect(
      sharedTimeDomain(
        [
          [
            [10_000, 1],
            [50_000, 2],
          ],
        ],
        3_600_000,
      ),
    ).toEqual([50_000 - 3_600_000, 50_000]);
    expect(sharedTimeDomain([[[60_000, 1]]])).toEqual([30_000, 90_000]);
    expect(sharedTimeDomain([[], []])).toBeNull();
  });

  it('lets followers (full-load progress) move the end, never the start: every chart draws the same stretch', () => {
    const recent: Point[] = [
      [100_000, 1],
      [200_000, 2],
    ];
    // Loading from 0 s, long before the core's recent points start: the throughput charts have nothing there.
    const progress: Point[] = [
      [0, 10],
      [250_000, 20],
    ];
    expect(sharedTimeDomain([recent], undefined, [progress])).toEqual([100_000, 250_000]);
    expect(sharedTimeDomain([[]], undefined, [progress])).toEqual([0, 250_000]);
    expect(sharedTimeDomain([recent], 1_000_000, [progress])).toEqual([-750_000, 250_000]);
  });
});

describe('heldWithin', () => {
  it('starts a step series with the value it held at the range start, so a load done before the range shows 100 %', () => {
    const progress: Point[] = [
      [0, 0],
      [60_000, 40],
      [120_000, 100],
    ];
    expect(heldWithin(progress, 900_000, 1_000_000)).toEqual([
      [900_000, 100],
      [1_000_000, 100],
    ]);
    expect(heldWithin(progress, 90_000, 120_000)).toEqual([
      [90_000, 40],
      [120_000, 100],
    ]);
    expect(heldWithin(progress, 60_000, 100_000)).toEqual([
      [60_000, 40],
      [100_000, 40],
    ]);
    // Nothing before the range: the series starts where it starts.
    expect(heldWithin(progress, -10, 0)).toEqual([[0, 0]]);
    expect(heldWithin([], 0, 10)).toEqual([]);
  });
});

describe('timeTicks', () => {
  const T0 = Date.parse('2026-12-05T01:02:17Z');
  const MIN = 60_000;
  const spans = { '40 s': 40_000, '3 min': 3 * MIN, '15 min': 15 * MIN, '2 h': 120 * MIN, '24 h': 1440 * MIN };

  it('never lets two labels overlap nor a label leave the chart, at any width', () => {
    for (const [name, span] of Object.entries(spans)) {
      for (let width = 120; width <= 1600; width += 7) {
        const { ticks, precision } = timeTicks([T0, T0 + span], width, { leftPx: 0, rightPx: 0 });
        const label = TIME_LABEL_PX[precision];
        const xs = ticks.map((t) => ((t - T0) / span) * width);
        for (let i = 1; i < xs.length; i += 1) expect(xs[i]! - xs[i - 1]!, `${name} at ${width} px`).toBeGreaterThanOrEqual(label + TIME_LABEL_GAP_PX - 1e-6);
        for (const x of xs) {
          expect(x, `${name} at ${width} px`).toBeGreaterThanOrEqual(label / 2);
          expect(x, `${name} at ${width} px`).toBeLessThanOrEqual(width - label / 2);
        }
      }
    }
  });

  it('puts ticks on round clock times, with seconds only below a one-minute step', () => {
    const recent = timeTicks([T0, T0 + 15 * MIN], 1200);
    expect(recent.precision).toBe('minutes');
    expect(recent.stepMs).toBe(MIN);
    expect(recent.ticks.every((t) => t % MIN === 0)).toBe(true);
    expect(recent.ticks.length).toBeGreaterThanOrEqual(10);
    const narrow = timeTicks([T0, T0 + 15 * MIN], 300);
    expect(narrow.stepMs).toBeGreaterThanOrEqual(2 * MIN);
    expect(narrow.ticks.every((t) => t % narrow.stepMs === 0)).toBe(true);
    const day = timeTicks([T0, T0 + 1440 * MIN], 1200);
    expect(day.stepMs).toBe(60 * MIN);
    const short = timeTicks([T0, T0 + 40_000], 600);
    expect(short.precision).toBe('seconds');
  });

  it('uses the room beside the plot for the labels at its ends', () => {
    const tight = timeTicks([T0, T0 + 15 * MIN], 600);
    const roomy = timeTicks([T0, T0 + 15 * MIN], 600, { leftPx: 44, rightPx: 24 });
    expect(roomy.ticks.length).toBeGreaterThanOrEqual(tight.ticks.length);
  });

  it('has no ticks for an empty domain or width', () => {
    expect(timeTicks([T0, T0], 600).ticks).toEqual([]);
    expect(timeTicks([T0, T0 + MIN], 0).ticks).toEqual([]);
  });
});

describe('valueTicks', () => {
  it('counts from 0 in round steps up to at least the maximum', () => {
    expect(valueTicks(40_300)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(valueTicks(76)).toEqual([0, 20, 40, 60, 80]);
    expect(valueTicks(6)).toEqual([0, 2, 4, 6]);
    expect(valueTicks(0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(valueTicks(100, 5)).toEqual([0, 25, 50, 75, 100]);
  });

  it('has an axis to draw without data', () => {
    expect(valueTicks(0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(valueTicks(Number.NaN)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('keeps to maxTicks', () => {
    for (const max of [1, 3, 7, 13, 99, 101, 999, 1234, 55_555, 1e7]) {
      const ticks = valueTicks(max, 5);
      expect(ticks.length, String(max)).toBeLessThanOrEqual(5);
      expect(ticks.at(-1)!, String(max)).toBeGreaterThanOrEqual(max);
    }
  });
});

describe('chart rows across gaps in the data', () => {
  const MIN = 60_000;
  it('breaks the line where points are farther apart than the limit, never a slope across the gap', () => {
    // 0 % at 08:47, nothing for 37 minutes, then a load read every minute.
    const points: Point[] = [
      [0, 0],
      [37 * MIN, 10],
      [38 * MIN, 20],
      [39 * MIN, 30],
    ];
    const rows = toRows(points, gapLimitMs(points));
    expect(rows).toEqual([
      { t: 0, v: 0, lone: true },
      { t: 18.5 * MIN, v: null },
      { t: 37 * MIN, v: 10 },
      { t: 38 * MIN, v: 20 },
      { t: 39 * MIN, v: 30 },
    ]);
    // Without a limit every point joins the next.
    expect(toRows(points).every((row) => row.v !== null && !row.lone)).toBe(true);
  });

  it("takes the limit from the series' usual interval (min/max pairs included), at least the floor", () => {
    const regular: Point[] = Array.from({ length: 10 }, (_, i) => [i * MIN, i]);
    expect(gapLimitMs(regular)).toBe(3 * MIN);
    expect(gapLimitMs(regular, 5 * MIN)).toBe(5 * MIN);
    // Downsampled min/max pairs: 1 s apart within a bucket, a minute between buckets; the limit follows the buckets.
    const pairs: Point[] = Array.from({ length: 10 }, (_, i) => [Math.floor(i / 2) * MIN + (i % 2) * 1000, i]);
    expect(gapLimitMs(pairs)).toBeGreaterThanOrEqual(2 * MIN);
    expect(toRows(pairs, gapLimitMs(pairs)).some((row) => row.v === null)).toBe(false);
    expect(
      gapLimitMs([
        [0, 1],
        [MIN, 2],
      ]),
    ).toBe(Infinity);
  });

  it('draws full-load progress as a step line (it holds until the next reading), the metrics as lines', () => {
    expect(lineShapeOf('FullLoadProgressPercent')).toBe('step');
    expect(lineShapeOf('CDCLatencyTarget')).toBe('linear');
  });
});

describe('the charts’ time range in words', () => {
  it('gives clock times within one UTC day, and the day at each end across two', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(rangeText([at('2026-12-03T14:33:14Z'), at('2026-12-03T15:16:00Z')])).toBe('14:33:14–15:16:00');
    expect(rangeText([at('2026-12-02T15:11:00Z'), at('2026-12-03T15:11:00Z')])).toBe('Wed 02 Dec 15:11:00 – Thu 03 Dec 15:11:00');
  });
});
