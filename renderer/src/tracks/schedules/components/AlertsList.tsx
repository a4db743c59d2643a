// The track's alerts, newest first: severity and kind in words, the job, the slot it is about and when it was raised
// (data clock, labelled), the message; "Acknowledge" per alert and "Acknowledge all" for the open ones
// (schedules.alerts.ack). An acknowledged alert stays listed, marked. The list shows the newest ALERTS_SHOWN and says
// how many older ones it leaves out.
import type { PlanView } from '../../../../../main/api/contract';
import type { ScheduleAlertView } from '../../../../../main/tracks/schedules/contract';
import { formatCount } from '../../../lib/format';
import type { ClockRate } from '../../../lib/readiness';
import { isAcknowledged, newestFirst, openAlertIds, stackName } from '../jobs';
import type { SchedulesSlice } from '../slice';
import { ALERT_KIND_WORDS, countText, SEVERITY_WORDS, whenText } from '../words';

export const ALERTS_SHOWN = 100;

export interface AlertsListProps {
  plan: PlanView | null;
  alerts: readonly ScheduleAlertView[];
  acknowledging: SchedulesSlice['acknowledging'];
  ackRefusal: string | null;
  clock: ClockRate | null;
  onAcknowledge: (ids: readonly string[]) => void;
  onDismissRefusal: () => void;
}

export function AlertsList({ plan, alerts, acknowledging, ackRefusal, clock, onAcknowledge, onDismissRefusal }: AlertsListProps) {
  const sorted = newestFirst(alerts);
  const open = openAlertIds(sorted, acknowledging);
  const shown = sorted.slice(0, ALERTS_SHOWN);
  return (
    <section className="sch-alerts" aria-label="Schedule alerts" data-testid="schedules-alerts">
      <header className="sch-panel-head">
        <h3 className="sch-section-title">Alerts</h3>
        <span className={open.length > 0 ? 'count-bad' : 'muted'} data-testid="schedules-alerts-open">
          {countText(open.length, 'open alert')} of {formatCount(alerts.length)}
        </span>
        {open.length > 1 ? (
          <button type="button" data-command="ack-all" onClick={() => onAcknowledge(open)} title="Acknowledges every open alert: they stay listed, marked">
            Acknowledge all {open.length}
          </button>
        ) : null}
      </header>
      {ackRefusal !== null ? (
        <div className="error-box" role="alert" data-testid="schedules-ack-refusal">
          <strong>Acknowledging was refused; the alerts stay open.</strong>
          <pre className="error-text">{ackRefusal}</pre>
          <button type="button" className="link-button" onClick={onDismissRefusal}>
            Dismiss
          </button>
        </div>
      ) : null}
      {alerts.length === 0 ? (
        <p className="muted">No alerts: no double run, missed run, failure, throttle, drop or duplicate delivery so far.</p>
      ) : (
        <ul className="sch-alert-list">
          {shown.map((alert) => (
            <AlertItem
              key={alert.id}
              alert={alert}
              stack={stackName(plan, alert.stackId)}
              state={acknowledging[alert.id]}
              acknowledged={isAcknowledged(alert, acknowledging)}
              clock={clock}
              onAcknowledge={() => onAcknowledge([alert.id])}
            />
          ))}
          {sorted.length > shown.length ? <li className="muted">{countText(sorted.length - shown.length, 'older alert')} not shown</li> : null}
        </ul>
      )}
    </section>
  );
}

interface AlertItemProps {
  alert: ScheduleAlertView;
  stack: string;
  state: SchedulesSlice['acknowledging'][string] | undefined;
  acknowledged: boolean;
  clock: ClockRate | null;
  onAcknowledge: () => void;
}

function AlertItem({ alert, stack, state, acknowledged, clock, onAcknowledge }: AlertItemProps) {
  return (
    <li
      className="sch-alert"
      data-testid="schedules-alert"
      data-alert-id={alert.id}
      data-kind={alert.kind}
      data-severity={alert.severity}
      data-slot={alert.slot ?? undefined}
      data-acknowledged={acknowledged || undefined}
    >
      <div className="sch-alert-line">
        <span className="sch-alert-severity">{SEVERITY_WORDS[alert.severity]}</span>
        <strong className="sch-alert-kind">{ALERT_KIND_WORDS[alert.kind]}</strong>
        <code>
          {stack} · {alert.jobId}
        </code>
        {alert.slot !== null ? <span>slot {whenText(alert.slot, clock)}</span> : null}
        <time className="muted" dateTime={alert.raisedAt}>
          raised {whenText(alert.raisedAt, clock)}
        </time>
      </div>
      <p className="sch-alert-message">{alert.message}</p>
      <div className="sch-alert-line">
        {alert.acknowledgedAt !== null ? (
          <span className="muted">acknowledged {whenText(alert.acknowledgedAt, clock)}</span>
        ) : acknowledged ? (
          <span className="muted">acknowledged</span>
        ) : state === 'sending' ? (
          <span className="muted">acknowledging…</span>
        ) : (
          <button type="button" data-command="ack" onClick={onAcknowledge} aria-label={`Acknowledge: ${ALERT_KIND_WORDS[alert.kind]} of ${alert.jobId}`}>
            Acknowledge
          </button>
        )}
      </div>
    </li>
  );
}
