// "Plan" / "Waves" / "Cutover", each track's tab ("Replication"), then "Journal": the main area's views, as ARIA tabs
// (arrow keys, Home and End move between them).
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useTrackUis } from '../../seam/use-track';
import type { TrackUi } from '../../seam/track-ui';
import type { CoreView, MainView } from '../../store/cockpit-store';
import { useActions, useCockpit } from '../../store/context';

export const MAIN_PANEL_ID = 'main-view';
export const tabId = (view: MainView) => `view-tab-${view}`;

interface Tab {
  readonly view: MainView;
  readonly label: string;
  readonly help: string;
}

/** The core's tabs before the tracks'. */
const CORE_TABS: readonly (Tab & { view: CoreView })[] = [
  { view: 'plan', label: 'Plan', help: 'Waves and stacks of the plan' },
  { view: 'waves', label: 'Waves', help: 'All waves at once: their cutover windows on a timeline (UTC), each with its phase, readiness and stacks' },
  {
    view: 'readiness',
    label: 'Cutover',
    help: 'Cutover per wave: readiness (the gate matrix of stacks × gates) and the runbook with its clocks, controls, rollback and evidence',
  },
];
const JOURNAL_TAB: Tab & { view: CoreView } = { view: 'journal', label: 'Journal', help: 'The audit trail: every operation, who ran it and how it ended' };

/** The core's tabs with each track's tab inserted before Journal, which stays last. */
function tabsOf(tracks: readonly TrackUi[]): readonly Tab[] {
  return [...CORE_TABS, ...tracks.flatMap((track) => (track.tab ? [track.tab] : [])), JOURNAL_TAB];
}

export function ViewTabs() {
  const view = useCockpit((state) => state.view);
  const { setView } = useActions();
  const refs = useRef(new Map<MainView, HTMLButtonElement>());
  const tracks = useTrackUis();
  const tabs = useMemo(() => tabsOf(tracks), [tracks]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = tabs.findIndex((tab) => tab.view === view);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === null) return;
    event.preventDefault();
    const target = tabs[next]!.view;
    setView(target);
    refs.current.get(target)?.focus();
  };

  return (
    <div className="view-tabs" role="tablist" aria-label="Views">
      {tabs.map((tab) => {
        const selected = tab.view === view;
        return (
          <button
            key={tab.view}
            ref={(element) => {
              if (element) refs.current.set(tab.view, element);
              else refs.current.delete(tab.view);
            }}
            type="button"
            role="tab"
            id={tabId(tab.view)}
            className="view-tab"
            aria-selected={selected}
            aria-controls={MAIN_PANEL_ID}
            tabIndex={selected ? 0 : -1}
            title={tab.help}
            onClick={() => setView(tab.view)}
            onKeyDown={onKeyDown}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
