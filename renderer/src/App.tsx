// Layout: header, banners, the main view (the plan for the current snapshot, the waves overview, the cutover
// view, a track's tab such as DMS's replication view, or the journal), the stack detail panel, footer, and each
// track's overlay (DMS: the alerts panel and the live region for new critical alerts).
import type { PlanSnapshot } from '../../main/api/contract';
import { Banners } from './components/banners/Banners';
import { ReadinessView } from './components/cutover/ReadinessView';
import { StackDetailPanel } from './components/detail/StackDetailPanel';
import { useCloseDetail } from './components/detail/use-close-detail';
import { OpenPlanDialog } from './components/dialogs/OpenPlanDialog';
import { PlanErrorView } from './components/issues/PlanErrorView';
import { AppFooter } from './components/layout/AppFooter';
import { JournalView } from './components/journal/JournalView';
import { AppHeader } from './components/layout/AppHeader';
import { ConnectingView, NoPlanView } from './components/layout/StatusViews';
import { MAIN_PANEL_ID, tabId } from './components/layout/ViewTabs';
import { CardFocusProvider } from './components/plan/card-focus';
import { PlanView } from './components/plan/PlanView';
import { WavesOverview } from './components/waves/WavesOverview';
import { useGlobalKeys } from './hooks/use-global-keys';
import { useTrackUis } from './seam/use-track';
import { useCockpit } from './store/context';

export function App() {
  return (
    <CardFocusProvider>
      <Shell />
    </CardFocusProvider>
  );
}

function Shell() {
  const snapshot = useCockpit((state) => state.snapshot);
  const selectedId = useCockpit((state) => state.selectedStackId);
  const dialogVisible = useCockpit((state) => state.openDialogVisible);
  const view = useCockpit((state) => state.view);
  const tracks = useTrackUis();
  const closeDetail = useCloseDetail();
  useGlobalKeys(closeDetail);

  const plan = snapshot?.status === 'loaded' ? snapshot.plan : null;
  const selected = plan && selectedId !== null ? (plan.stacks.find((stack) => stack.id === selectedId) ?? null) : null;
  const trackTab = tracks.find((track) => track.tab?.view === view)?.tab;

  return (
    <div className="app">
      <AppHeader />
      <Banners />
      <div className={selected ? 'app-body has-detail' : 'app-body'}>
        <main className={view === 'journal' ? 'app-main app-main-journal' : 'app-main'}>
          <div id={MAIN_PANEL_ID} role="tabpanel" aria-labelledby={tabId(view)} className="main-panel">
            {view === 'journal' ? (
              <JournalView />
            ) : trackTab ? (
              <trackTab.View plan={plan} />
            ) : view === 'readiness' ? (
              <ReadinessView plan={plan} />
            ) : view === 'waves' ? (
              <WavesOverview plan={plan} />
            ) : (
              <MainView snapshot={snapshot} />
            )}
          </div>
        </main>
        {plan && selected ? <StackDetailPanel plan={plan} stack={selected} /> : null}
      </div>
      <AppFooter />
      {tracks.map((track) => (track.overlay ? <track.overlay key={track.id} /> : null))}
      {dialogVisible ? <OpenPlanDialog /> : null}
    </div>
  );
}

function MainView({ snapshot }: { snapshot: PlanSnapshot | null }) {
  if (snapshot === null) return <ConnectingView />;
  switch (snapshot.status) {
    case 'none':
      return <NoPlanView />;
    case 'invalid':
      return <PlanErrorView file={snapshot.file} issues={snapshot.issues} refused={snapshot.refused === true} />;
    case 'loaded':
      return <PlanView plan={snapshot.plan} warnings={snapshot.warnings} />;
  }
}
