// The stack detail panel's Health section, for a stack the plan probes (nothing for one it does not): the status in
// words with its pill, the HTTP status, latency, when it was last checked and since when it is healthy (data-clock
// times, labelled with their clock), and the problem while it fails. A stale check says so and never reads healthy.
import type { MonitorStatusView, PlanView, StackView } from '../../../../main/api/contract';
import type { HealthProbeView } from '../../../../main/tracks/health/contract';
import { useNow } from '../../hooks/use-now';
import { formatAge, formatDataTime } from '../../lib/readiness';
import { useHealth } from './slice';
import { HEALTH_STATUS_TONE, HEALTH_STATUS_WORDS, httpStatusText, judgeHealth } from './words';

export function HealthSection({ stack }: { plan: PlanView; stack: StackView }) {
  const probe = useHealth((slice) => slice.probes[stack.id]);
  const monitor = useHealth((slice) => slice.monitor);
  // Ticks only while the stack is probed: a check turns stale with time alone.
  const now = useNow(probe !== undefined);
  if (!probe) return null;
  return <HealthReport stackName={stack.name} probe={probe} monitor={monitor} now={now} />;
}

/** The section's content at wall time `now`. */
export function HealthReport({
  stackName,
  probe,
  monitor,
  now,
}: {
  stackName: string;
  probe: HealthProbeView;
  monitor: MonitorStatusView | null;
  now: number;
}) {
  const { status, ageMs } = judgeHealth(probe, monitor, now);
  const clock = monitor?.dataClock ?? null;
  return (
    <section aria-label={`Health of ${stackName}`} data-testid="health-probe" data-status={status}>
      <h3>Health</h3>
      <dl className="detail-facts">
        <dt>Status</dt>
        <dd>
          <span className="gate-pill" data-gate={HEALTH_STATUS_TONE[status]} data-testid="health-status">
            <span className="gate-dot" aria-hidden="true" />
            {HEALTH_STATUS_WORDS[status]}
          </span>
          {status === 'stale' ? (
            <span className="muted"> {ageMs === null ? '· the monitor has not reported' : `· last check ${formatAge(ageMs)} ago`}</span>
          ) : null}
        </dd>
        {probe.url !== null ? (
          <>
            <dt>URL</dt>
            <dd>
              <code>{probe.url}</code>
            </dd>
          </>
        ) : null}
        {probe.checkedAt !== null ? (
          <>
            <dt>HTTP</dt>
            <dd>{httpStatusText(probe)}</dd>
            {probe.latencyMs !== null ? (
              <>
                <dt>Latency</dt>
                <dd>{Math.round(probe.latencyMs)} ms</dd>
              </>
            ) : null}
            <dt>Checked</dt>
            <dd>{formatDataTime(probe.checkedAt, clock)}</dd>
          </>
        ) : null}
        {probe.healthySince !== null ? (
          <>
            <dt>Healthy since</dt>
            <dd>{formatDataTime(probe.healthySince, clock)}</dd>
          </>
        ) : null}
        {probe.problem !== null && status !== 'healthy' ? (
          <>
            <dt>Problem</dt>
            <dd data-testid="health-problem">{probe.problem}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
