// A service's last hour as three small charts on one time range: requests per minute per side, 5xx per minute per
// side, and the share to AWS over time (a step line from the weights' history). Each names its clock and says its
// newest values in words in its caption (the plot itself is hidden from screen readers); a Route 53 split's data-center
// side is said to be not measured, never drawn as zeros. Lines break where CloudWatch has no datapoint. Plain SVG in a
// fixed view box (series.ts), both themes through the CSS variables (traffic.css), sides told apart by dash and words.
import { useId } from 'react';
import type { ServiceView } from '../../../../../main/tracks/traffic/contract';
import { formatClock } from '../../../lib/format';
import type { ClockRate } from '../../../lib/readiness';
import {
  hourDomain,
  linePath,
  maxOf,
  minutePoints,
  niceTop,
  PLOT,
  sharePoints,
  stepPath,
  timeTicks,
  xOf,
  yOf,
  type SeriesPoint,
  type TimeDomain,
} from '../series';
import { awsShareOf, countText, DC_NOT_MEASURED, errorsText, newestMinute, numberText, percentText, requestsText, timesText, whenText } from '../words';

interface ChartSeries {
  readonly key: string;
  readonly label: string;
  readonly points: readonly SeriesPoint[];
  /** `step`: held until the next point (weights); else a line broken at gaps. */
  readonly shape: 'line' | 'step';
}

export function ServiceCharts({ view, clock }: { view: ServiceView; clock: ClockRate | null }) {
  const domain = hourDomain(view);
  if (!domain) {
    return (
      <p className="muted trf-charts-empty" data-testid="traffic-charts">
        No minutes yet: the monitor reads the load balancer’s CloudWatch metrics at its next cycle.
      </p>
    );
  }
  const measured = view.split === 'alb';
  const newest = newestMinute(view);
  const requests: ChartSeries[] = [
    { key: 'aws', label: 'AWS', points: minutePoints(view, domain, (minute) => minute.aws.requests), shape: 'line' },
    ...(measured
      ? [{ key: 'dc', label: 'data center', points: minutePoints(view, domain, (minute) => minute.dc?.requests ?? null), shape: 'line' as const }]
      : []),
  ];
  const errors: ChartSeries[] = [
    { key: 'aws', label: 'AWS', points: minutePoints(view, domain, (minute) => minute.aws.errors5xx), shape: 'line' },
    ...(measured
      ? [{ key: 'dc', label: 'data center', points: minutePoints(view, domain, (minute) => minute.dc?.errors5xx ?? null), shape: 'line' as const }]
      : []),
  ];
  const share: ChartSeries[] = [{ key: 'aws', label: 'share to AWS', points: sharePoints(view, domain), shape: 'step' }];
  const at = newest ? ` (minute from ${whenText(newest.at, clock)})` : '';
  const summary = (kind: 'requests' | 'errors') => {
    if (!newest) return 'no minutes yet';
    const text = (side: { requests: number | null; errors5xx: number | null }) =>
      kind === 'requests' ? requestsText(side.requests) : errorsText(side.errors5xx, side.requests);
    return `AWS ${text(newest.aws)}${measured && newest.dc ? `; data center ${text(newest.dc)}` : ''}${at}`;
  };
  return (
    <div className="trf-charts" data-testid="traffic-charts">
      <p className="muted trf-charts-clock" data-testid="traffic-charts-clock">
        The last hour, to {whenText(new Date(domain.to).toISOString(), clock)}
      </p>
      {measured ? null : (
        <p className="trf-charts-note" data-testid="traffic-charts-dc">
          Data center: {DC_NOT_MEASURED}
        </p>
      )}
      <Chart title="Requests per minute" testId="traffic-requests-chart" summary={summary('requests')} domain={domain} series={requests} unit="" />
      <Chart title="5xx per minute" testId="traffic-errors-chart" summary={summary('errors')} domain={domain} series={errors} unit="" />
      <Chart
        title="Share to AWS"
        testId="traffic-share-chart"
        summary={view.awsPercent !== null ? `${percentText(view.awsPercent)} now; ${shareChanges(view, domain, clock)}` : 'not known yet'}
        domain={domain}
        series={share}
        unit=" %"
        fixedTop={100}
      />
    </div>
  );
}

/**
 * "changed at 02:00:00 (to 5 %), 02:08:05 (to 25 %) UTC", the clock said once for all the times (said with each, five
 * changes filled the caption's lines); the changes before the newest five counted; or that it did not change in the hour.
 */
function shareChanges(view: ServiceView, domain: TimeDomain, clock: ClockRate | null): string {
  const inHour = view.weightHistory.filter((change) => {
    const t = Date.parse(change.at);
    return t > domain.from && t <= domain.to;
  });
  if (inHour.length === 0) return 'no change in the hour';
  const shown = inHour.slice(-5);
  const times = timesText(
    shown.map((change) => ({ at: change.at, what: `(to ${percentText(awsShareOf(change))})` })),
    clock,
  );
  const earlier = inHour.length - shown.length;
  return `changed at ${times}${earlier > 0 ? `; ${countText(earlier, 'earlier change')} in the hour` : ''}`;
}

interface ChartProps {
  title: string;
  testId: string;
  summary: string;
  domain: TimeDomain;
  series: readonly ChartSeries[];
  unit: string;
  fixedTop?: number;
}

function Chart({ title, testId, summary, domain, series, unit, fixedTop }: ChartProps) {
  const titleId = useId();
  const top = fixedTop ?? niceTop(maxOf(series.map((spec) => spec.points)));
  const points = series.reduce((sum, spec) => sum + spec.points.filter(([, value]) => value !== null).length, 0);
  const bottom = PLOT.height - PLOT.bottom;
  return (
    <figure className="trf-chart" role="group" aria-labelledby={titleId} data-testid={testId} data-points={points}>
      <figcaption id={titleId} className="trf-chart-title">
        {title} <span className="muted">· {summary}</span>
        <span className="trf-legend" aria-hidden="true">
          {series.map((spec) => (
            <span key={spec.key} className="trf-legend-item" data-series={spec.key}>
              <svg className="trf-legend-swatch" viewBox="0 0 16 6" width="16" height="6">
                <line x1="0" y1="3" x2="16" y2="3" />
              </svg>
              {spec.label}
            </span>
          ))}
        </span>
      </figcaption>
      <svg className="trf-plot" viewBox={`0 0 ${PLOT.width} ${PLOT.height}`} aria-hidden="true" data-testid="traffic-plot">
        {[0, top / 2, top].map((value) => (
          <g key={value} className="trf-grid">
            <line x1={PLOT.left} x2={PLOT.width - PLOT.right} y1={yOf(value, top)} y2={yOf(value, top)} />
            <text x={PLOT.left - 4} y={yOf(value, top)} dy="0.32em" textAnchor="end">
              {numberText(value)}
              {unit}
            </text>
          </g>
        ))}
        {timeTicks(domain).map((t) => (
          <g key={t} className="trf-tick">
            <line x1={xOf(t, domain)} x2={xOf(t, domain)} y1={bottom} y2={bottom + 3} />
            <text x={xOf(t, domain)} y={PLOT.height - 4} textAnchor="middle">
              {formatClock(new Date(t).toISOString()).slice(0, 5)}
            </text>
          </g>
        ))}
        {series.map((spec) => (
          <path
            key={spec.key}
            className="trf-line"
            data-series={spec.key}
            d={spec.shape === 'step' ? stepPath(spec.points, domain, top) : linePath(spec.points, domain, top)}
          />
        ))}
      </svg>
    </figure>
  );
}
