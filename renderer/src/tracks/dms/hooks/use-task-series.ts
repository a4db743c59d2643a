// A task's chart series at a chart's width: the core's history for the range (dms.series, downsampled by the core
// to about the width), joined with the live points that arrived since (dms.samples, kept in the store's ring
// buffers), downsampled again to the width on every change. Re-reads the history when the task, the range or the
// width (in 50 px steps) changes, when the store says samples may have been missed (its epoch), and when the live
// buffer no longer reaches back to the end of the history.
//
// Nothing drawn is lost on the way: a re-read history keeps the previous one's older part (the core's recent range
// moves on with its newest point), the live points older than the history fill in where it no longer reaches, and
// the time range reaches back to where full-load progress started changing, so a full load's whole ramp stays in
// view (lib/series.ts sharedTimeDomain). Full-load progress is one of the core's series (FullLoadProgressPercent,
// 24 h at one value a minute), read and joined like the metrics: its ramp does not depend on when the page opened.
import { DMS_METRICS, FULL_LOAD_PROGRESS } from '../../../../../common/tracks/dms';
import { useEffect, useMemo, useState } from 'react';
import type { DmsMetric, DmsSeriesName } from '../../../../../main/api/contract';

import { downsampleMinMax } from '../../../../../common/downsample';
import { joinSeries, lastTime, livePointsBefore, mergeHistory, sharedTimeDomain, type Point, type TimeDomain } from '../lib/series';
import type { SeriesRange } from '../slice';
import { itemAt } from '../../../store/log-buffer';
import { useDms, useDmsActions } from '../slice';

export const DAY_MS = 24 * 3600 * 1000;

export interface ChartSeries {
  readonly byMetric: Readonly<Record<DmsMetric, readonly Point[]>>;
  readonly progress: readonly Point[];
  /** The time axis: [from, to] in epoch ms, or null while there is nothing to draw. */
  readonly domain: TimeDomain | null;
  /** Each metric's newest datapoint time (data clock, ms) in the history and the live points; absent without one. */
  readonly latestAt: Readonly<Partial<Record<DmsMetric, number>>>;
  readonly loading: boolean;
  readonly error: string | null;
}

interface Base {
  readonly taskKey: string;
  readonly range: SeriesRange;
  readonly series: Partial<Record<DmsSeriesName, readonly Point[]>>;
}

export function useTaskSeries(taskKey: string, range: SeriesRange, width: number): ChartSeries {
  const { fetchSeries } = useDmsActions();
  const epoch = useDms((slice) => slice.dms.epoch);
  const live = useDms((slice) => slice.dms.series[taskKey]);
  const [base, setBase] = useState<Base | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestPoints = width > 0 ? Math.max(50, Math.round(width / 50) * 50) : 0;

  const current = base && base.taskKey === taskKey && base.range === range ? base : null;

  const view = useMemo(() => {
    const maxPoints = Math.max(10, width);
    let gap = false;
    const joined = {} as Record<DmsMetric, Point[]>;
    const older = {} as Record<DmsMetric, Point[]>;
    for (const metric of DMS_METRICS) {
      const history = current?.series[metric];
      const buffer = live?.[metric];
      const historyEnd = history ? lastTime(history) : null;
      // The ring buffer dropped points the history does not have: read the history again.
      if (historyEnd !== null && buffer && buffer.total > buffer.length && itemAt(buffer, 0)![0] > historyEnd) gap = true;
      joined[metric] = joinSeries(history, buffer);
      // Live points from before the history's start: drawn when the range reaches back to them (a full load).
      older[metric] = history && history.length > 0 ? livePointsBefore(buffer, history[0]![0]) : [];
    }
    const latestAt: Partial<Record<DmsMetric, number>> = {};
    for (const metric of DMS_METRICS) {
      const t = lastTime(joined[metric]);
      if (t !== null) latestAt[metric] = t;
    }
    const progressHistory = current?.series[FULL_LOAD_PROGRESS];
    const progressBuffer = live?.[FULL_LOAD_PROGRESS];
    const progressEnd = progressHistory ? lastTime(progressHistory) : null;
    if (progressEnd !== null && progressBuffer && progressBuffer.total > progressBuffer.length && itemAt(progressBuffer, 0)![0] > progressEnd) gap = true;
    const progressPoints = joinSeries(progressHistory, progressBuffer);
    // One time range for the charts, so a moment lines up across them; it reaches back to where the progress starts.
    const domain = sharedTimeDomain(Object.values(joined), range === 'day' ? DAY_MS : undefined, [progressPoints]);
    if (!domain) return { byMetric: emptyMetrics(), progress: [], domain: null, latestAt, gap };
    const [from, to] = domain;
    const inRange = (points: readonly Point[]) => points.filter((point) => point[0] >= from && point[0] <= to);
    const byMetric = {} as Record<DmsMetric, readonly Point[]>;
    for (const metric of DMS_METRICS) {
      const points = older[metric].length > 0 ? older[metric].concat(joined[metric]) : joined[metric];
      byMetric[metric] = downsampleMinMax(inRange(points), maxPoints, from, to);
    }
    return { byMetric, progress: downsampleMinMax(inRange(progressPoints), maxPoints, from, to), domain, latestAt, gap };
  }, [current, live, range, width]);

  useEffect(() => {
    if (requestPoints === 0) return;
    let cancelled = false;
    void fetchSeries(taskKey, range, requestPoints).then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      setBase((previous) => {
        const same = previous && previous.taskKey === taskKey && previous.range === range ? previous.series : {};
        const series: Partial<Record<DmsSeriesName, readonly Point[]>> = {};
        for (const answer of result.value.series) series[answer.metric] = mergeHistory(same[answer.metric], answer.points);
        return { taskKey, range, series };
      });
    });
    return () => {
      cancelled = true;
    };
  }, [fetchSeries, taskKey, range, requestPoints, epoch, view.gap]);

  return { byMetric: view.byMetric, progress: view.progress, domain: view.domain, latestAt: view.latestAt, loading: current === null && error === null, error };
}

function emptyMetrics(): Record<DmsMetric, readonly Point[]> {
  return Object.fromEntries(DMS_METRICS.map((metric) => [metric, []])) as unknown as Record<DmsMetric, readonly Point[]>;
}
