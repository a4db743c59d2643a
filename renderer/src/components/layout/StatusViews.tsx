// The main area before a plan is there: waiting for the core, or no plan loaded yet.
import { useActions } from '../../store/context';

export function ConnectingView() {
  return (
    <div className="empty-state" role="status">
      <p className="empty-title">Connecting to the cockpit core…</p>
    </div>
  );
}

export function NoPlanView() {
  const { setOpenDialogVisible } = useActions();
  return (
    <div className="empty-state" data-testid="no-plan">
      <h2 className="empty-title">No plan loaded</h2>
      <p className="muted">Open a migration plan (a YAML file) to see its waves and stacks.</p>
      <button type="button" className="primary" onClick={() => setOpenDialogVisible(true)}>
        Open a plan…
      </button>
    </div>
  );
}
