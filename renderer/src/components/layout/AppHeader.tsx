// Top bar: app name, the Plan / Replication / Journal tabs, which plan is open, the toolchain and transport, global actions.
import type { ReactNode } from 'react';
import type { PlanSnapshot } from '../../../../main/api/contract';
import { basename } from '../../lib/format';
import { useActions, useCockpit } from '../../store/context';
import { AlertsButton } from '../replication/Alerts';
import { ThemeToggle } from './ThemeToggle';
import { ToolchainBadge } from './ToolchainBadge';
import { TransportBadge } from './TransportBadge';
import { ViewTabs } from './ViewTabs';

export function AppHeader() {
  const snapshot = useCockpit((state) => state.snapshot);
  const reloading = useCockpit((state) => state.busy.reload);
  const { reload, setOpenDialogVisible } = useActions();
  return (
    <header className="app-header">
      <h1 className="brand">Migration Cockpit</h1>
      <ViewTabs />
      <PlanIdentity snapshot={snapshot} />
      <div className="header-actions">
        <AlertsButton />
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
  return (
    <div className="plan-identity">
      {/* The name is shown whole (it wraps rather than being cut); the file's path gives way first, in full on hover. */}
      <h2 className="plan-name" data-testid="plan-name" title={snapshot.file}>
        {wrapsAtSpaces(snapshot.status === 'loaded' ? snapshot.plan.name : `${basename(snapshot.file)} (not loaded)`)}
      </h2>
      <span className="plan-file" title={snapshot.file} data-testid="plan-file">
        {snapshot.file}
      </span>
    </div>
  );
}

/** A wrapped name breaks between words: "eu-central-1" stays whole (the text itself, as read aloud, is unchanged). */
function wrapsAtSpaces(text: string): ReactNode {
  return text.split(/(\s+)/).map((part, index) => (part.includes('-') ? <span key={index} className="no-wrap">{part}</span> : part));
}
