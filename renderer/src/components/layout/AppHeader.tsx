// Top bar: app name, the view tabs, which plan is open, each track's header item (DMS: alerts), the toolchain and
// transport, global actions.
import type { PlanSnapshot } from '../../../../main/api/contract';
import { basename } from '../../lib/format';
import { useTrackUis } from '../../seam/use-track';
import { useActions, useCockpit } from '../../store/context';
import { ThemeToggle } from './ThemeToggle';
import { ToolchainBadge } from './ToolchainBadge';
import { TransportBadge } from './TransportBadge';
import { splitPlanPath } from './plan-path';
import { ViewTabs } from './ViewTabs';

export function AppHeader() {
  const snapshot = useCockpit((state) => state.snapshot);
  const reloading = useCockpit((state) => state.busy.reload);
  const { reload, setOpenDialogVisible } = useActions();
  const tracks = useTrackUis();
  return (
    <header className="app-header">
      <h1 className="brand">Migration Cockpit</h1>
      <ViewTabs />
      <PlanIdentity snapshot={snapshot} />
      <div className="header-actions">
        {tracks.map((track) => (track.headerItem ? <track.headerItem key={track.id} /> : null))}
        <ToolchainBadge />
        <TransportBadge />
        {/* In the error view the reload button sits next to the errors, so it is not repeated here. */}
        {snapshot?.status === 'loaded' ? (
          <button type="button" onClick={() => void reload()} disabled={reloading} aria-busy={reloading} title="Re-read the plan file from disk">
            Reload
          </button>
        ) : null}
        <button type="button" onClick={() => setOpenDialogVisible(true)}>
          Open plan…
        </button>
        <ThemeToggle />
      </div>
    </header>
  );
}

function PlanIdentity({ snapshot }: { snapshot: PlanSnapshot | null }) {
  // Nothing to name yet; the main area says "No plan loaded".
  if (!snapshot || snapshot.status === 'none') return <div className="plan-identity" />;
  const name = snapshot.status === 'loaded' ? snapshot.plan.name : `${basename(snapshot.file)} (not loaded)`;
  const path = splitPlanPath(snapshot.file);
  // One line each: the name (an ellipsis when narrow) over the path (which gives way in the middle and keeps the
  // file's name); both in full in the tooltip.
  return (
    <div className="plan-identity" title={`${name}\n${snapshot.file}`}>
      <h2 className="plan-name" data-testid="plan-name">
        {name}
      </h2>
      <span className="plan-file" data-testid="plan-file" aria-label={`Plan file ${snapshot.file}`}>
        {path.dir ? (
          <span className="plan-file-dir" aria-hidden="true">
            {path.dir}
          </span>
        ) : null}
        <span className="plan-file-base" aria-hidden="true">
          {path.base}
        </span>
      </span>
    </div>
  );
}
