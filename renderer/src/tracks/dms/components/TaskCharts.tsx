// Live charts of one task: CDC latency (source and target) with the wave's gate as a line, CDC throughput, full-load
// throughput and full-load progress. CDC and full-load rates get a chart each: a full load moves tens of thousands of
// rows/s, CDC tens, and on one axis CDC would be a flat line at zero. All charts draw the same time range with the same
// ticks (lib/series.ts), two side by side when there is room (CDC left, full load right). Drawn at their pixel width
// with at most about one point per pixel (see use-task-series), without animation; "Recent" or "24 h". The times are
// the data's (CloudWatch's, a faster rehearsal's clock): the range and the tooltips name that clock. The summaries
// beside the titles show a value as current only while it is (lib/replication/readings.ts valueReading), else with its age.
// No line bridges a gap in the data with a slope: metric lines break there, full-load progress is a step line.
import { useEffect, useId, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import { FULL_LOAD_PROGRESS } from '../../../../../common/tracks/dms';
import type { DmsMetric, ReplicationTaskView } from '../../../../../main/api/contract';
import { useElementWidth } from '../../../hooks/use-element-width';
import { useDataClockRate } from '../hooks/use-freshness';
import { useTaskSeries } from '../hooks/use-task-series';
import { dataClockLabel } from '../../../lib/readiness';
import {
  formatLatency,
  formatRate,
  hasFullLoad,
  latencyReading,
  latestSampleAt,
  readingText,
  valueReading,
  type Freshness,
  type FreshnessContext,
} from '../lib/replication';
import { gapLimitMs, lineShapeOf, rangeText, timeTicks, toRows, valueTicks, type ChartRow, type Point, type TimeDomain, type TimeTicks } from '../lib/series';
import type { SeriesRange } from '../slice';

const HEIGHT = 120;
/** About 20 px between value labels at this height. */
const MAX_VALUE_TICKS = 6;
/** The value axis' width; the time labels at the left end may reach into it. */
const Y_AXIS_WIDTH = 48;
const MARGIN = { top: 6, right: 20, bottom: 0, left: 0 };
/** From this container width on, the charts sit two by two. */
const TWO_COLUMNS_FROM_PX = 880;
const COLUMN_GAP_PX = 16;
const RANGES: readonly { range: SeriesRange; label: string; help: string }[] = [
  { range: 'recent', label: 'Recent', help: 'The monitor’s recent points at full resolution' },
  { range: 'day', label: '24 h', help: 'The last 24 hours' },
];

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const clockSeconds = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** How a chart's values read on its axis and in its tooltip, and the least top of its axis (whole rows, not 0.2 rows/s). */
interface ValueFormat {
  axis(value: number): string;
  tooltip(value: number): string;
  minTop: number;
}

const SECONDS: ValueFormat = { axis: (value) => `${compact.format(value)} s`, tooltip: (value) => formatLatency(value), minTop: 1 };
const ROWS_PER_SECOND: ValueFormat = { axis: (value) => compact.format(value), tooltip: (value) => formatRate(value), minTop: 10 };
const PERCENT: ValueFormat = { axis: (value) => `${value} %`, tooltip: (value) => `${Math.round(value)} %`, minTop: 100 };

interface SeriesSpec {
  name: string;
  points: readonly Point[];
  color: string;
  /** lib/series.ts lineShapeOf: a step line holds each value; a linear one breaks at gaps (gapLimitMs). */
  shape: 'linear' | 'step';
}

/** CloudWatch's period (data clock): one datapoint a period is no gap. */
const METRIC_PERIOD_MS = 60_000;

export interface TaskChartsProps {
  task: ReplicationTaskView;
  name: string;
  gateSeconds: number | null;
  freshness: Freshness;
  context: FreshnessContext;
  /** Told each metric's newest datapoint time the history shows (so the task's card can say how old its values are). */
  onLatestAt?(taskKey: string, latestAt: Readonly<Partial<Record<DmsMetric, number>>>): void;
  /**
   * The war room's wall screen (read from metres away, nothing to click): the CDC charts only (what a cutover waits
   * on), taller, in large type, on the recent range without its switch.
   */
  wall?: boolean;
}

/** A chart's size: the console's, or the wall screen's. */
interface ChartSize {
  height: number;
  fontSize: number;
  yAxisWidth: number;
  strokeWidth: number;
}

const CONSOLE_SIZE: ChartSize = { height: HEIGHT, fontSize: 11, yAxisWidth: Y_AXIS_WIDTH, strokeWidth: 1.5 };
const WALL_SIZE: ChartSize = { height: 200, fontSize: 18, yAxisWidth: 84, strokeWidth: 3 };

export function TaskCharts({ task, name, gateSeconds, freshness, context, onLatestAt, wall = false }: TaskChartsProps) {
  const [chosenRange, setRange] = useState<SeriesRange>('recent');
  const range = wall ? 'recent' : chosenRange;
  const size = wall ? WALL_SIZE : CONSOLE_SIZE;
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(containerRef);
  const series = useTaskSeries(task.key, range, width);
  const clockLabel = dataClockLabel(useDataClockRate());
  const tooltipTime = (t: unknown) => (typeof t === 'number' ? `${clockSeconds.format(new Date(t))} ${clockLabel}` : String(t));
  const sampleTimes = series.latestAt;
  useEffect(() => onLatestAt?.(task.key, sampleTimes), [onLatestAt, task.key, sampleTimes]);
  // Ages from the datapoint times the view carries (as on the card and in the gate's reasons); the history's only for a view without them.
  const sampleAt = (metric: DmsMetric) => latestSampleAt(task, metric, sampleTimes[metric] ?? null);
  const reading = (metric: DmsMetric, value: number | null, format: (value: number | null) => string) =>
    valueReading(value, format, sampleAt(metric), task, freshness, context);
  const rate = (value: number | null) => formatRate(value);
  const source = latencyReading(task.latest.cdcLatencySourceSeconds, sampleAt('CDCLatencySource'), task, freshness, context);
  const target = latencyReading(task.latest.cdcLatencyTargetSeconds, sampleAt('CDCLatencyTarget'), task, freshness, context);
  // One note for both latencies when they share it ("last values before the task failed"), else each its own.
  const latencySummary =
    source.note !== null && source.note === target.note
      ? `source ${source.value}, target ${target.value}${gateSeconds !== null ? `, gate ${formatLatency(gateSeconds)}` : ''} (${source.note.replace(/^last value/, 'last values')})`
      : `source ${readingText(source)}, target ${readingText(target)}${gateSeconds !== null ? `, gate ${formatLatency(gateSeconds)}` : ''}`;
  const columns = width >= TWO_COLUMNS_FROM_PX ? 2 : 1;
  const chartWidth = columns === 2 ? Math.floor((width - COLUMN_GAP_PX) / 2) : width;
  const plotWidth = chartWidth - size.yAxisWidth - MARGIN.left - MARGIN.right;
  const domain = series.domain;
  const ticks = domain ? timeTicks(domain, plotWidth, { leftPx: size.yAxisWidth, rightPx: MARGIN.right }) : null;
  const axis = domain && ticks ? { domain, ticks } : null;

  return (
    <div className="task-charts" ref={containerRef} data-testid="task-charts" data-wall={wall || undefined}>
      <div className="chart-toolbar">
        {wall ? null : (
          <div className="segmented" role="group" aria-label={`Chart range of ${name}`}>
            {RANGES.map((option) => (
              <button key={option.range} type="button" aria-pressed={range === option.range} title={option.help} onClick={() => setRange(option.range)}>
                {option.label}
              </button>
            ))}
          </div>
        )}
        {series.error !== null ? (
          <span className="chart-error" role="status">
            History not available: {series.error}
          </span>
        ) : series.loading ? (
          <span className="muted">Reading history…</span>
        ) : domain ? (
          <span className="muted" data-testid="chart-range">
            {rangeText(domain)} {clockLabel}
          </span>
        ) : null}
      </div>
      {width > 0 ? (
        <div className="task-chart-grid" data-columns={columns}>
          <Chart
            title="CDC latency"
            testId="latency-chart"
            summary={latencySummary}
            width={chartWidth}
            axis={axis}
            tooltipTime={tooltipTime}
            format={SECONDS}
            series={[
              { name: 'source', points: series.byMetric.CDCLatencySource, color: 'var(--chart-source)', shape: lineShapeOf('CDCLatencySource') },
              { name: 'target', points: series.byMetric.CDCLatencyTarget, color: 'var(--chart-target)', shape: lineShapeOf('CDCLatencyTarget') },
            ]}
            gate={gateSeconds}
            size={size}
          />
          {wall ? null : (
            <Chart
              title="Full-load throughput (rows/s)"
              testId="load-throughput-chart"
              summary={readingText(reading('FullLoadThroughputRowsTarget', task.latest.fullLoadThroughputRowsTarget, rate))}
              width={chartWidth}
              axis={axis}
              tooltipTime={tooltipTime}
              format={ROWS_PER_SECOND}
              series={[
                {
                  name: 'full load',
                  points: series.byMetric.FullLoadThroughputRowsTarget,
                  color: 'var(--chart-load)',
                  shape: lineShapeOf('FullLoadThroughputRowsTarget'),
                },
              ]}
              gate={null}
              size={size}
            />
          )}
          <Chart
            title="CDC throughput (rows/s)"
            testId="cdc-throughput-chart"
            summary={readingText(reading('CDCThroughputRowsTarget', task.latest.cdcThroughputRowsTarget, rate))}
            width={chartWidth}
            axis={axis}
            tooltipTime={tooltipTime}
            format={ROWS_PER_SECOND}
            series={[
              { name: 'CDC', points: series.byMetric.CDCThroughputRowsTarget, color: 'var(--chart-target)', shape: lineShapeOf('CDCThroughputRowsTarget') },
            ]}
            gate={null}
            size={size}
          />
          {wall ? null : (
            <Chart
              title="Full-load progress"
              testId="progress-chart"
              summary={!hasFullLoad(task) ? 'none (CDC only)' : task.fullLoadPercent !== null ? `${Math.round(task.fullLoadPercent)} %` : 'not known'}
              width={chartWidth}
              axis={axis}
              tooltipTime={tooltipTime}
              format={PERCENT}
              fixedMax={100}
              series={[{ name: 'full load %', points: series.progress, color: 'var(--chart-load)', shape: lineShapeOf(FULL_LOAD_PROGRESS) }]}
              gate={null}
              size={size}
            />
          )}
        </div>
      ) : null}
    </div>
  );
}

interface ChartProps {
  title: string;
  testId: string;
  summary: string;
  width: number;
  /** The time range and ticks shared by every chart of the task; null while there is nothing to draw. */
  axis: { domain: TimeDomain; ticks: TimeTicks } | null;
  /** A point's time in the tooltip, with its clock. */
  tooltipTime(t: unknown): string;
  format: ValueFormat;
  series: readonly SeriesSpec[];
  gate: number | null;
  /** A fixed top of the value axis (100 for percentages); else round ticks above the data and the gate. */
  fixedMax?: number;
  size: ChartSize;
}

function Chart({ title, testId, summary, width, axis, tooltipTime, format, series, gate, fixedMax, size }: ChartProps) {
  const titleId = useId();
  const points = series.reduce((sum, spec) => sum + spec.points.length, 0);
  const dataMax = series.reduce((max, spec) => spec.points.reduce((m, point) => Math.max(m, point[1]), max), 0);
  // The gate line stays in view with some air above it, so "under the gate" can be read at a glance.
  const yTicks = valueTicks(fixedMax ?? Math.max(dataMax, gate !== null ? gate * 1.2 : 0, format.minTop), MAX_VALUE_TICKS);
  const timeLabel = axis?.ticks.precision === 'seconds' ? clockSeconds : clock;
  return (
    <figure className="chart" role="group" aria-labelledby={titleId} data-testid={testId} data-points={points}>
      <figcaption id={titleId} className="chart-title">
        {title} <span className="muted">· {summary}</span>
        <span className="chart-legend" aria-hidden="true">
          {series.map((spec) => (
            <span key={spec.name} className="legend-item">
              <span className="legend-swatch" style={{ background: spec.color }} />
              {spec.name}
            </span>
          ))}
          {gate !== null ? (
            <span className="legend-item">
              <span className="legend-swatch legend-gate" />
              gate
            </span>
          ) : null}
        </span>
      </figcaption>
      {points === 0 || axis === null ? (
        <p className="chart-empty muted" style={{ height: size.height }}>
          No datapoints yet.
        </p>
      ) : (
        <div aria-hidden="true" data-testid="chart-plot" data-time-ticks={axis.ticks.ticks.join(',')} data-domain={axis.domain.join(',')}>
          <LineChart width={width} height={size.height} margin={MARGIN}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="2 4" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[axis.domain[0], axis.domain[1]]}
              ticks={[...axis.ticks.ticks]}
              interval={0}
              tickFormatter={(t: number) => timeLabel.format(new Date(t))}
              stroke="var(--text-muted)"
              fontSize={size.fontSize}
              allowDataOverflow
            />
            <YAxis
              width={size.yAxisWidth}
              stroke="var(--text-muted)"
              fontSize={size.fontSize}
              domain={[0, yTicks[yTicks.length - 1]!]}
              ticks={[...yTicks]}
              interval={0}
              tickFormatter={format.axis}
              allowDataOverflow
            />
            <Tooltip
              labelFormatter={tooltipTime}
              formatter={(value) => (typeof value === 'number' ? format.tooltip(value) : value === null || value === undefined ? 'no data' : String(value))}
              contentStyle={{ background: 'var(--bg-elev)', border: '1px solid var(--border)', fontSize: 12 }}
              isAnimationActive={false}
            />
            {gate !== null ? <ReferenceLine y={gate} stroke="var(--danger)" strokeDasharray="5 3" /> : null}
            {series.map((spec) => {
              const rows = toRows(spec.points, spec.shape === 'linear' ? gapLimitMs(spec.points, METRIC_PERIOD_MS) : Infinity);
              // A line needs two points: a lone one (progress just after the page opened, a datapoint between two gaps) shows as a dot.
              const dot =
                spec.points.length === 1
                  ? { r: 2, fill: spec.color }
                  : rows.some((row) => row.lone)
                    ? (props: DotItemDotProps) => <LoneDot {...props} color={spec.color} />
                    : false;
              return (
                <Line
                  key={spec.name}
                  data={rows}
                  dataKey="v"
                  name={spec.name}
                  type={spec.shape === 'step' ? 'stepAfter' : 'linear'}
                  connectNulls={false}
                  stroke={spec.color}
                  strokeWidth={size.strokeWidth}
                  dot={dot}
                  isAnimationActive={false}
                />
              );
            })}
          </LineChart>
        </div>
      )}
    </figure>
  );
}

/** A dot only for a point the line cannot reach (gaps on both sides); nothing for the others. */
function LoneDot({ cx, cy, payload, color }: DotItemDotProps & { color: string }) {
  const row = payload as ChartRow | undefined;
  if (!row?.lone || cx === undefined || cy === undefined || cx === null || cy === null) return <g />;
  return <circle cx={cx} cy={cy} r={2} fill={color} />;
}
