// One service on the Traffic tab: its name, stack and split; when there is nothing to draw, what that means and what
// to do (not deployed yet: deploy the stack); else the weight bar, the overlay's percent when it is not what AWS holds
// (both said), the Route 53 change, each side's target health with the targets that are not healthy and why, when it
// was read and its problem in words; the last hour's charts; and its analysis in the wave's current or last shift.
import type { ServiceView, ShiftView } from '../../../../../main/tracks/traffic/contract';
import type { ClockRate } from '../../../lib/readiness';
import { changeText, healthTone, plannedText, SERVICE_READING_WORDS, serviceReading, sideHealthText, SPLIT_WORDS, troubledTargets, whenText } from '../words';
import { AnalysisTables } from './AnalysisTables';
import { Dot } from './Pill';
import { ServiceCharts } from './ServiceCharts';
import { WeightBar } from './WeightBar';

export interface ServiceCardProps {
  view: ServiceView;
  stackName: string;
  /** The shift that moves it (its wave's current or last), or null. */
  shift: ShiftView | null;
  clock: ClockRate | null;
  focused: boolean;
}

export function ServiceCard({ view, stackName, shift, clock, focused }: ServiceCardProps) {
  const reading = serviceReading(view);
  const planned = plannedText(view);
  const minHealthy = view.thresholds.minHealthyHosts;
  return (
    <article
      className="trf-service"
      aria-label={`Service ${view.service} of ${stackName}`}
      data-testid="traffic-service"
      data-traffic-stack={view.stackId}
      data-split={view.split}
      data-reading={reading}
      data-focused={focused || undefined}
    >
      <header className="trf-service-head">
        <h4 className="trf-service-title">{view.service}</h4>
        <code className="muted">{stackName}</code>
        <span className="muted">{SPLIT_WORDS[view.split]}</span>
      </header>
      {reading !== 'read' ? (
        <p className={reading === 'unreadable' ? 'trf-service-empty count-bad' : 'trf-service-empty'} data-testid="traffic-service-empty">
          {SERVICE_READING_WORDS[reading]}
        </p>
      ) : (
        <>
          <WeightBar view={view} />
          {planned !== null ? (
            <p className="trf-planned count-warn" data-testid="traffic-planned">
              {planned}
            </p>
          ) : null}
          <dl className="trf-facts">
            <dt>Route 53 change</dt>
            <dd data-testid="traffic-change" className={view.change?.status === 'PENDING' ? 'count-warn' : undefined}>
              {changeText(view, clock)}
            </dd>
            <dt>AWS targets</dt>
            <dd data-testid="traffic-health-aws">
              <Dot tone={healthTone(view.targets.aws, minHealthy)} />
              {sideHealthText(view, 'aws')}
              <TroubledTargets targets={troubledTargets(view.targets.aws)} side="AWS" />
            </dd>
            <dt>Data-center targets</dt>
            <dd data-testid="traffic-health-dc">
              {view.targets.dc ? <Dot tone={healthTone(view.targets.dc)} /> : null}
              {sideHealthText(view, 'dc')}
              <TroubledTargets targets={troubledTargets(view.targets.dc)} side="data-center" />
            </dd>
            <dt>Read</dt>
            <dd className="muted">{view.checkedAt !== null ? whenText(view.checkedAt, clock) : 'not yet'}</dd>
          </dl>
        </>
      )}
      {view.problem !== null ? (
        <div className="error-box" data-testid="traffic-problem">
          <strong>{reading === 'not-deployed' ? 'What the monitor says:' : 'Part of the service could not be read:'}</strong>
          <pre className="error-text">{view.problem}</pre>
        </div>
      ) : null}
      {reading === 'read' ? <ServiceCharts view={view} clock={clock} /> : null}
      {shift ? <AnalysisTables shift={shift} stackId={view.stackId} service={view.service} clock={clock} /> : null}
    </article>
  );
}

function TroubledTargets({ targets, side }: { targets: ReturnType<typeof troubledTargets>; side: string }) {
  if (targets.length === 0) return null;
  return (
    <ul className="trf-targets" aria-label={`${side} targets not healthy`}>
      {targets.map((target) => (
        <li key={target.text} className={target.unhealthy ? 'count-bad' : 'count-warn'}>
          {target.text}
        </li>
      ))}
    </ul>
  );
}
