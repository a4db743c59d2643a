// The DMS monitor's status in one line: target, state, interval, the last refresh cycle's duration and API calls,
// and its message when it is backing off or degraded, or when it polls but cannot read an account. Without a loaded plan there is no monitor (the core runs one
// per plan), and the line says so instead of an idle monitor "every 0 s". The last cycle's time is on the data clock
// (an accelerated rehearsal's runs ahead) and is labelled with it.
import { formatDataTime } from '../../../lib/readiness';
import { MONITOR_STATE_LABELS } from '../lib/replication';
import { useCockpit } from '../../../store/context';
import { useDms } from '../slice';

export function MonitorStatusLine() {
  const monitor = useDms((slice) => slice.dms.monitor);
  const error = useDms((slice) => slice.dms.error);
  const loaded = useDms((slice) => slice.dms.loaded);
  // Unknown until the first plan.get answers: then the monitor line below says it is reading.
  const noPlan = useCockpit((state) => state.snapshot !== null && state.snapshot.status !== 'loaded');
  if (noPlan) {
    return (
      <p className="monitor-status" role="status" data-testid="monitor-status" data-state="no-plan">
        No plan loaded: the DMS monitor is not running.
      </p>
    );
  }
  if (!monitor) {
    return (
      <p className="monitor-status" role="status" data-testid="monitor-status" data-state="unknown">
        {error !== null && !loaded ? `Replication monitor not available: ${error}` : 'Reading the replication monitor…'}
      </p>
    );
  }
  const calls = Object.entries(monitor.lastCycleCalls);
  const total = calls.reduce((sum, [, count]) => sum + count, 0);
  return (
    <p
      className="monitor-status"
      role="status"
      data-testid="monitor-status"
      data-state={monitor.state}
      // Polling, yet something it cannot read (an account refused): the line says so, and its dot is not green.
      data-partial={(monitor.state === 'polling' && monitor.message !== null) || undefined}
    >
      <span className="monitor-dot" aria-hidden="true" />
      <strong>Monitor {MONITOR_STATE_LABELS[monitor.state]}</strong>
      {monitor.target ? <span className="muted"> · {monitor.target === 'rehearsal' ? 'rehearsal environment' : monitor.target}</span> : null}
      {monitor.intervalSeconds > 0 ? <span className="muted"> · every {monitor.intervalSeconds} s</span> : null}
      {monitor.lastCycleMs !== null ? (
        <span className="muted">
          {' '}
          · last cycle {Math.round(monitor.lastCycleMs)} ms{monitor.lastCycleAt ? ` at ${formatDataTime(monitor.lastCycleAt, monitor.dataClock)}` : ''}
        </span>
      ) : null}
      <span className="muted" title={calls.map(([name, count]) => `${name}: ${count}`).join('\n') || undefined}>
        {' '}
        · {total} {total === 1 ? 'call' : 'calls'} per cycle
      </span>
      {monitor.message ? <span className="monitor-message"> · {monitor.message}</span> : null}
    </p>
  );
}
