// A service's hour as the charts draw it: the range ends at the newest minute, change or read; minutes become points
// with gaps where CloudWatch had none (never bridged); the share to AWS is a step line carried in from before the hour
// and held to its end; paths and ticks land in the plot box.
import { describe, expect, it } from 'vitest';
import { HOUR_MS, hourDomain, linePath, maxOf, minutePoints, niceTop, PLOT, sharePoints, stepPath, timeTicks, xOf, yOf } from './series';
import { api, billing, NOW, serviceView, shop } from './traffic-fixtures';

const at = (iso: string) => Date.parse(iso);

describe('the hour of a service', () => {
  it('ends at its newest minute, weight change or read; none for a service not read', () => {
    expect(hourDomain(shop)).toEqual({ from: at(NOW) - HOUR_MS, to: at(NOW) });
    const later = serviceView('a/b', 's', null, { checkedAt: null, weightHistory: [{ at: '2026-12-05T02:20:00.000Z', dc: 0, aws: 100 }] });
    expect(hourDomain(later)?.to).toBe(at('2026-12-05T02:20:00.000Z'));
    expect(hourDomain(billing)).toBeNull();
  });

  it('keeps each minute as a point, null where CloudWatch had no datapoint', () => {
    const domain = hourDomain(shop)!;
    const requests = minutePoints(shop, domain, (minute) => minute.aws.requests);
    // 01:13 is before the hour (01:13:03): left out.
    expect(requests[0]).toEqual([at('2026-12-05T01:14:00.000Z'), null]);
    expect(requests.find(([t]) => t === at('2026-12-05T02:01:00.000Z'))).toEqual([at('2026-12-05T02:01:00.000Z'), 60]);
    expect(requests.at(-1)).toEqual([at('2026-12-05T02:12:00.000Z'), 300]);
    expect(maxOf([requests, minutePoints(api, domain, (minute) => minute.dc?.requests ?? null)])).toBe(600);
  });

  it('draws the share to AWS as steps: carried in from before the hour, each change, held to the end', () => {
    const domain = hourDomain(shop)!;
    expect(sharePoints(shop, domain)).toEqual([
      [domain.from, 0],
      [at('2026-12-05T02:00:00.000Z'), 5],
      [at('2026-12-05T02:08:05.000Z'), 25],
      [domain.to, 25],
    ]);
    // No history: the weights held now, flat.
    const flat = serviceView('a/b', 's', null, { weightHistory: [], weights: { dc: 0, aws: 0 }, awsPercent: 50 });
    expect(sharePoints(flat, domain)).toEqual([
      [domain.from, 50],
      [domain.to, 50],
    ]);
    expect(sharePoints(billing, domain)).toEqual([]);
  });

  it('breaks a line at a gap, draws a lone point as a dot, and steps a step line', () => {
    const domain = { from: 0, to: 4 * 60_000 };
    const path = linePath(
      [
        [0, 0],
        [60_000, 10],
        [120_000, null],
        [180_000, 5],
        [240_000, null],
      ],
      domain,
      10,
    );
    expect(path).toBe(`M${PLOT.left} ${yOf(0, 10)} L${xOf(60_000, domain)} ${PLOT.top} M${xOf(180_000, domain)} ${yOf(5, 10)}h0.01`);
    expect(
      stepPath(
        [
          [0, 0],
          [120_000, 100],
          [240_000, 100],
        ],
        domain,
        100,
      ),
    ).toBe(`M${PLOT.left} ${yOf(0, 100)} H${xOf(120_000, domain)} V${PLOT.top} H${PLOT.width - PLOT.right} V${PLOT.top}`);
  });

  it('rounds an axis up to 1, 2 or 5 times a power of ten, and ticks on quarter hours', () => {
    expect([0, 0.4, 3, 300, 600, 1200].map((max) => niceTop(max))).toEqual([1, 1, 5, 500, 1000, 2000]);
    expect(timeTicks({ from: at('2026-12-05T01:13:03.000Z'), to: at('2026-12-05T02:13:03.000Z') }).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(
      ['01:15', '01:30', '01:45', '02:00'],
    );
  });
});
