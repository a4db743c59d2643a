// A task's chart series at a chart's width, over one protocol (dms.series): the core's history of the task, read
// once at the core's resolution (its recent raw points, and 5-minute lowest and highest before them, 24 h in all),
// joined with the live points that arrived since (dms.samples, kept in the store's ring buffers), and downsampled to
// the width here on every change. A change of width or range draws from what is held and asks nothing; the history
// is read again from its cursor (only what is newer) when the live buffer no longer reaches back to its end, and
// whole for a new task or after the store missed a batch (its epoch).
//
// The recent range is the core's recent window before the newest point, for every chart (progress included: it holds
// its value from before the range); the 24 h range is the day before it (lib/series.ts sharedTimeDomain).
import { DMS_METRICS, FULL_LOAD_PROGRESS } from '../../../../../common/tracks/dms';
import { useEffect, useMemo, useState } from 'react';
import type { DmsMetric, DmsSeriesName } from '../../../../../main/api/contract';

import { downsampleMinMax } from '../../../../../common/downsample';
import { heldWithin, joinSeries, lastTime, livePointsBefore, mergeHistory, sharedTimeDomain, type Point, type TimeDomain } from '../lib/series';
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
  readonly series: Partial<Record<DmsSeriesName, readonly Point[]>>;
  /** The newest point the history holds (data clock, ms): what a catch-up read asks from. */
  readonly cursor: number | null;
  readonly recentWindowMs: number;
}

export function useTaskSeries(taskKey: string, range: SeriesRange, width: number): ChartSeries {
  const { fetchSeries } = useDmsActions();
  const epoch = useDms((slice) => slice.dms.epoch);
  const live = useDms((slice) => slice.dms.series[taskKey]);
  const [base, setBase] = useState<Base | null>(null);
  const [error, setError] = useState<string | null>(null);

  const current = base && base.taskKey === taskKey ? base : null;

  const view = useMemo(() => {
    const maxPoints = Math.max(10, width);
    let gap = false;
    const joined = {} as Record<DmsMetric, Point[]>;
    const older = {} as Record<DmsMetric, Point[]>;
    for (const metric of DMS_METRICS) {
      const history = current?.series[metric];
      const buffer = live?.[metric];
      const historyEnd = history ? lastTime(history) : null;
      // The ring buffer dropped points the history does not have: read on from the history's cursor.
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
    // One time range for the charts, so a moment lines up across them. Recent: the metrics' last recentWindowMs before
    // their newest point (the core's raw points), or the progress' when no metric has a point yet; day: 24 h.
    const newest = Math.max(-Infinity, ...Object.values(latestAt));
    const recentFrom = range === 'recent' && current && Number.isFinite(newest) ? newest - current.recentWindowMs : -Infinity;
    const spans = Object.values(joined).map((points) => (recentFrom > -Infinity ? points.filter((point) => point[0] >= recentFrom) : points));
    const shared = sharedTimeDomain(spans, range === 'day' ? DAY_MS : undefined, [progressPoints]);
    if (!shared) return { byMetric: emptyMetrics(), progress: [], domain: null, latestAt, gap };
    const recentWindow = range === 'recent' && current ? current.recentWindowMs : Infinity;
    const domain: TimeDomain = [Math.max(shared[0], shared[1] - recentWindow), shared[1]];
    const [from, to] = domain;
    const byMetric = {} as Record<DmsMetric, readonly Point[]>;
    for (const metric of DMS_METRICS) {
      const points = older[metric].length > 0 ? older[metric].concat(joined[metric]) : joined[metric];
      byMetric[metric] = downsampleMinMax(
        points.filter((point) => point[0] >= from && point[0] <= to),
        maxPoints,
        from,
        to,
      );
    }
    return { byMetric, progress: downsampleMinMax(heldWithin(progressPoints, from, to), maxPoints, from, to), domain, latestAt, gap };
  }, [current, live, range, width]);

  // The whole history: a new task, or the store missed a batch (its epoch moved).
  useEffect(() => {
    let cancelled = false;
    void fetchSeries(taskKey).then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      const series: Partial<Record<DmsSeriesName, readonly Point[]>> = {};
      for (const answer of result.value.series) series[answer.metric] = answer.points;
      setBase({ taskKey, series, cursor: result.value.cursor, recentWindowMs: result.value.recentWindowMs });
    });
    return () => {
      cancelled = true;
    };
  }, [fetchSeries, taskKey, epoch]);

  // A gap between the history and the live points: only what is newer than the history's cursor.
  const cursor = current?.cursor ?? null;
  useEffect(() => {
    if (!view.gap || cursor === null) return;
    let cancelled = false;
    void fetchSeries(taskKey, cursor).then((result) => {
      if (cancelled || !result.ok) return;
      setBase((previous) => {
        if (!previous || previous.taskKey !== taskKey) return previous;
        const series: Partial<Record<DmsSeriesName, readonly Point[]>> = { ...previous.series };
        for (const answer of result.value.series) series[answer.metric] = mergeHistory(previous.series[answer.metric], answer.points);
        return { ...previous, series, cursor: result.value.cursor ?? previous.cursor };
      });
    });
    return () => {
      cancelled = true;
    };
  }, [fetchSeries, taskKey, cursor, view.gap]);

  return { byMetric: view.byMetric, progress: view.progress, domain: view.domain, latestAt: view.latestAt, loading: current === null && error === null, error };
}

function emptyMetrics(): Record<DmsMetric, readonly Point[]> {
  return Object.fromEntries(DMS_METRICS.map((metric) => [metric, []])) as unknown as Record<DmsMetric, readonly Point[]>;
}
