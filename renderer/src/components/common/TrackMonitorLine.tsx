// A track's monitor status in one line (its last cycle's time on the data clock, labelled with it, in the track's
// words), its message when it backs off or degrades, and the note that durations count on a faster rehearsal clock;
// what it says before a plan is loaded and before the monitor's first report.
import type { MonitorStatusView } from '../../../../main/api/contract';
import { dataDurationsNote } from '../../lib/readiness';

export function TrackMonitorLine({
  monitor,
  planLoaded,
  name,
  testId,
  text,
}: {
  monitor: MonitorStatusView | null;
  planLoaded: boolean;
  /** The monitor in words ("the Keyspaces monitor"). */
  name: string;
  testId: string;
  /** The status line in the track's words. */
  text: (monitor: MonitorStatusView) => string;
}) {
  if (!planLoaded) {
    return (
      <p className="monitor-status" role="status" data-testid={testId} data-state="no-plan">
        No plan loaded: {name} is not running.
      </p>
    );
  }
  if (!monitor) {
    return (
      <p className="monitor-status" role="status" data-testid={testId} data-state="unknown">
        {name.charAt(0).toUpperCase() + name.slice(1)} has not reported yet.
      </p>
    );
  }
  const durations = dataDurationsNote(monitor.dataClock);
  return (
    <p className="monitor-status" role="status" data-testid={testId} data-state={monitor.state}>
      <span className="monitor-dot" aria-hidden="true" />
      <span>{text(monitor)}</span>
      {monitor.message ? <span className="monitor-message"> · {monitor.message}</span> : null}
      {durations ? <span className="muted"> · {durations}</span> : null}
    </p>
  );
}
