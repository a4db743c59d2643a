// Live charts of one task: CDC latency (source and target) with the wave's gate as a line, throughput (CDC and
// full-load rows applied to the target) and full-load progress. Drawn at the container's pixel width with at most
// about one point per pixel (see use-task-series), without animation; "Recent" or "24 h".
import { useId, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReplicationTaskView } from '../../../../main/api/contract';
import { useElementWidth } from '../../hooks/use-element-width';
import { useTaskSeries } from '../../hooks/use-task-series';
import { formatLatency, formatRate } from '../../lib/replication';
import { toRows, type Point } from '../../lib/series';
import type { SeriesRange } from '../../store/cockpit-store';

const HEIGHT = 130;
const MARGIN = { top: 6, right: 8, bottom: 0, left: 0 };
const RANGES: readonly { range: SeriesRange; label: string; help: string }[] = [
  { range: 'recent', label: 'Recent', help: 'The monitor’s recent points at full resolution' },
  { range: 'day', label: '24 h', help: 'The last 24 hours' },
];

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const clockSeconds = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const tickTime = (t: number) => clock.format(new Date(t));
const tooltipTime = (t: unknown) => (typeof t === 'number' ? `${clockSeconds.format(new Date(t))} UTC` : String(t));
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

interface SeriesSpec {
  name: string;
  points: readonly Point[];
  color: string;
}

export function TaskCharts({ task, name, gateSeconds }: { task: ReplicationTaskView; name: string; gateSeconds: number | null }) {
  const [range, setRange] = useState<SeriesRange>('recent');
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(containerRef);
  const series = useTaskSeries(task.key, range, width);
  const domain = series.domain ?? undefined;

  return (
    <div className="task-charts" ref={containerRef} data-testid="task-charts">
      <div className="chart-toolbar">
        <div className="segmented" role="group" aria-label={`Chart range of ${name}`}>
          {RANGES.map((option) => (
            <button key={option.range} type="button" aria-pressed={range === option.range} title={option.help} onClick={() => setRange(option.range)}>
              {option.label}
            </button>
          ))}
        </div>
        {series.error !== null ? (
          <span className="chart-error" role="status">
            History not available: {series.error}
          </span>
        ) : series.loading ? (
          <span className="muted">Reading history…</span>
        ) : null}
      </div>
      {width > 0 ? (
        <>
          <Chart
            title="CDC latency"
            testId="latency-chart"
            summary={`source ${formatLatency(task.latest.cdcLatencySourceSeconds)}, target ${formatLatency(task.latest.cdcLatencyTargetSeconds)}${gateSeconds !== null ? `, gate ${gateSeconds} s` : ''}`}
            width={width}
            domain={domain}
            unit="s"
            series={[
              { name: 'source', points: series.byMetric.CDCLatencySource, color: 'var(--chart-source)' },
              { name: 'target', points: series.byMetric.CDCLatencyTarget, color: 'var(--chart-target)' },
            ]}
            gate={gateSeconds}
          />
          <Chart
            title="Throughput (rows/s to the target)"
            testId="throughput-chart"
            summary={`CDC ${formatRate(task.latest.cdcThroughputRowsTarget)} rows/s, full load ${formatRate(task.latest.fullLoadThroughputRowsTarget)} rows/s`}
            width={width}
            domain={domain}
            unit=""
            series={[
              { name: 'CDC', points: series.byMetric.CDCThroughputRowsTarget, color: 'var(--chart-target)' },
              { name: 'full load', points: series.byMetric.FullLoadThroughputRowsTarget, color: 'var(--chart-load)' },
            ]}
            gate={null}
          />
          <Chart
            title="Full-load progress"
            testId="progress-chart"
            summary={task.fullLoadPercent !== null ? `${Math.round(task.fullLoadPercent)} %` : 'not known'}
            width={width}
            domain={domain}
            unit="%"
            yDomain={[0, 100]}
            series={[{ name: 'full load %', points: series.progress, color: 'var(--chart-load)' }]}
            gate={null}
          />
        </>
      ) : null}
    </div>
  );
}

interface ChartProps {
  title: string;
  testId: string;
  summary: string;
  width: number;
  domain: readonly [number, number] | undefined;
  unit: string;
  series: readonly SeriesSpec[];
  gate: number | null;
  yDomain?: [number, number];
}

function Chart({ title, testId, summary, width, domain, unit, series, gate, yDomain }: ChartProps) {
  const titleId = useId();
  const points = series.reduce((sum, spec) => sum + spec.points.length, 0);
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
      {points === 0 ? (
        <p className="chart-empty muted">No datapoints yet.</p>
      ) : (
        <div aria-hidden="true">
          <LineChart width={width} height={HEIGHT} margin={MARGIN}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="2 4" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain ? [domain[0], domain[1]] : ['dataMin', 'dataMax']}
              tickFormatter={tickTime}
              stroke="var(--text-muted)"
              fontSize={11}
              minTickGap={40}
              allowDataOverflow
            />
            <YAxis
              width={44}
              stroke="var(--text-muted)"
              fontSize={11}
              domain={yDomain ?? [0, (max: number) => Math.max(max, gate !== null ? gate * 1.2 : 0)]}
              tickFormatter={(value: number) => `${compact.format(value)}${unit === '%' ? '' : unit}`}
              allowDataOverflow={yDomain !== undefined}
            />
            <Tooltip
              labelFormatter={tooltipTime}
              formatter={(value) => `${typeof value === 'number' ? compact.format(value) : String(value)}${unit ? ` ${unit}` : ''}`}
              contentStyle={{ background: 'var(--bg-elev)', border: '1px solid var(--border)', fontSize: 12 }}
              isAnimationActive={false}
            />
            {gate !== null ? <ReferenceLine y={gate} stroke="var(--danger)" strokeDasharray="5 3" ifOverflow="extendDomain" /> : null}
            {series.map((spec) => (
              <Line
                key={spec.name}
                data={toRows(spec.points)}
                dataKey="v"
                name={spec.name}
                type="linear"
                stroke={spec.color}
                strokeWidth={1.5}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </div>
      )}
    </figure>
  );
}
