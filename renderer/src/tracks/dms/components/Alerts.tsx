// Replication alerts: the header's Alerts button with a count badge (red while a critical alert is open), the
// list (critical first, newest first; acknowledge; cleared ones shown as cleared) and a live region that
// announces each new critical alert. The button is the track's header item, the list and the live region its overlay.
import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import type { AlertView } from '../../../../../main/api/contract';
import { formatClock } from '../../../lib/format';
import { dataClockLabel } from '../../../lib/readiness';
import { ALERT_KIND_LABELS } from '../lib/replication';
import { alertCounts, sortedAlerts } from '../store/dms';
import { useActions, useCockpit } from '../../../store/context';
import { useDms, useDmsActions } from '../slice';

export const ALERTS_PANEL_ID = 'alerts-panel';

export function AlertsButton() {
  const alerts = useDms((slice) => slice.dms.alerts);
  const open = useDms((slice) => slice.alertsOpen);
  const { setAlertsOpen } = useDmsActions();
  const counts = useMemo(() => alertCounts(alerts), [alerts]);
  const label = `Alerts: ${counts.open} open${counts.critical > 0 ? `, ${counts.critical} critical` : ''}`;
  return (
    <button
      type="button"
      className="alerts-button"
      data-testid="alerts-button"
      data-critical={counts.critical > 0 || undefined}
      aria-label={label}
      aria-expanded={open}
      aria-controls={ALERTS_PANEL_ID}
      title={label}
      onClick={() => setAlertsOpen(!open)}
    >
      Alerts
      <span className="alert-count" data-testid="alert-count" data-count={counts.open} aria-hidden="true">
        {counts.critical > 0 ? `! ${counts.open}` : counts.open}
      </span>
    </button>
  );
}

/** The alerts list while it is open, and the live region. */
export function AlertsOverlay() {
  const open = useDms((slice) => slice.alertsOpen);
  return (
    <>
      {open ? <AlertsPanel /> : null}
      <AlertAnnouncer />
    </>
  );
}

/** Announces each new critical alert to screen readers (the badge shows it to everyone). */
export function AlertAnnouncer() {
  const announcement = useDms((slice) => slice.dms.announcement);
  return (
    <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="alert-announcer">
      {announcement ? `Critical replication alert: ${announcement.message}` : ''}
    </div>
  );
}

export function AlertsPanel() {
  const alerts = useDms((slice) => slice.dms.alerts);
  const snapshot = useCockpit((state) => state.snapshot);
  const { setAlertsOpen, acknowledgeAlert, openReplication } = useDmsActions();
  const { selectStack } = useActions();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = useMemo(() => sortedAlerts(alerts), [alerts]);
  const plan = snapshot?.status === 'loaded' ? snapshot.plan : null;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const close = () => {
    setAlertsOpen(false);
    document.querySelector<HTMLElement>('[data-testid="alerts-button"]')?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  const show = (alert: AlertView) => {
    const waveId = alert.waveId ?? plan?.stacks.find((stack) => stack.id === alert.stackId)?.waveId ?? null;
    if (alert.taskKey !== null && waveId !== null) openReplication(waveId, alert.taskKey);
    else if (alert.stackId !== null) selectStack(alert.stackId);
    else openReplication(null);
    setAlertsOpen(false);
  };

  return (
    <section id={ALERTS_PANEL_ID} className="alerts-panel" aria-labelledby={headingId} data-testid="alerts-panel" onKeyDown={onKeyDown}>
      <header className="alerts-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="alerts-title">
          Replication alerts
        </h2>
        <button type="button" className="icon-button" onClick={close} title="Close (Esc)">
          Close
        </button>
      </header>
      {list.length === 0 ? (
        <p className="muted alerts-empty">No alerts.</p>
      ) : (
        <ul className="alerts-list" aria-label="Alerts">
          {list.map((alert) => (
            <AlertItem key={alert.id} alert={alert} onAcknowledge={() => void acknowledgeAlert(alert.id)} onShow={() => show(alert)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertItem({ alert, onAcknowledge, onShow }: { alert: AlertView; onAcknowledge(): void; onShow(): void }) {
  // Alerts are stamped on the replication data's clock (raised, cleared and acknowledged alike: main/tracks/dms/monitor/alerts.ts):
  // say which, an accelerated rehearsal runs ahead.
  const clockLabel = dataClockLabel(useDms((slice) => slice.dms.monitor?.dataClock));
  const messageId = useId();
  const cleared = alert.clearedAt !== null;
  const acknowledged = alert.acknowledgedAt !== null;
  return (
    <li
      className="alert-item"
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-severity={alert.severity}
      data-kind={alert.kind}
      data-cleared={cleared || undefined}
      data-acknowledged={acknowledged || undefined}
    >
      <div className="alert-line">
        <span className="alert-severity">{alert.severity}</span>
        <span className="alert-kind">{ALERT_KIND_LABELS[alert.kind]}</span>
        {alert.stackId ? <code className="alert-target">{alert.stackId}</code> : null}
        <time className="muted alert-time" dateTime={alert.raisedAt}>
          {formatClock(alert.raisedAt)} {clockLabel}
        </time>
      </div>
      <p id={messageId} className="alert-message">
        {alert.message}
      </p>
      <div className="alert-line">
        {cleared ? (
          <span className="alert-state">
            cleared {formatClock(alert.clearedAt!)} {clockLabel}
          </span>
        ) : (
          <span className="alert-state alert-active">active</span>
        )}
        {acknowledged ? (
          <span className="alert-state">
            acknowledged {formatClock(alert.acknowledgedAt!)} {clockLabel}
          </span>
        ) : null}
        <span className="alert-actions">
          {alert.stackId !== null || alert.taskKey !== null ? (
            <button type="button" className="link-button" aria-describedby={messageId} onClick={onShow}>
              Show
            </button>
          ) : null}
          {!acknowledged ? (
            <button type="button" aria-describedby={messageId} onClick={onAcknowledge}>
              Acknowledge
            </button>
          ) : null}
        </span>
      </div>
    </li>
  );
}
