// The schedules monitor's status in one line (its last cycle's time on the data clock, labelled with it), its message
// when it backs off or degrades, and the note that durations count on a faster rehearsal clock.
import type { MonitorStatusView } from '../../../../../main/api/contract';
import { dataDurationsNote } from '../../../lib/readiness';
import { monitorText } from '../words';

export function MonitorLine({ monitor, planLoaded }: { monitor: MonitorStatusView | null; planLoaded: boolean }) {
  if (!planLoaded) {
    return (
      <p className="monitor-status" role="status" data-testid="schedules-monitor" data-state="no-plan">
        No plan loaded: the schedules monitor is not running.
      </p>
    );
  }
  if (!monitor) {
    return (
      <p className="monitor-status" role="status" data-testid="schedules-monitor" data-state="unknown">
        The schedules monitor has not reported yet.
      </p>
    );
  }
  const durations = dataDurationsNote(monitor.dataClock);
  return (
    <p className="monitor-status" role="status" data-testid="schedules-monitor" data-state={monitor.state}>
      <span className="monitor-dot" aria-hidden="true" />
      <span>{monitorText(monitor)}</span>
      {monitor.message ? <span className="monitor-message"> · {monitor.message}</span> : null}
      {durations ? <span className="muted"> · {durations}</span> : null}
    </p>
  );
}
