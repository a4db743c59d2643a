// "Plan" / "Waves" / "Cutover" / "Replication" / "Journal": the main area's views, as ARIA tabs (arrow keys, Home and End move between them).
import { useRef, type KeyboardEvent } from 'react';
import type { MainView } from '../../store/cockpit-store';
import { useActions, useCockpit } from '../../store/context';

export const MAIN_PANEL_ID = 'main-view';
export const tabId = (view: MainView) => `view-tab-${view}`;

const TABS: readonly { view: MainView; label: string; help: string }[] = [
  { view: 'plan', label: 'Plan', help: 'Waves and stacks of the plan' },
  { view: 'waves', label: 'Waves', help: 'All waves at once: their cutover windows on a timeline (UTC), each with its phase, readiness and stacks' },
  {
    view: 'readiness',
    label: 'Cutover',
    help: 'Cutover per wave: readiness (the gate matrix of stacks × gates) and the runbook with its clocks, controls, rollback and evidence',
  },
  { view: 'replication', label: 'Replication', help: 'DMS replication per wave: gates, latency heatmap, tasks, charts and table statistics' },
  { view: 'journal', label: 'Journal', help: 'The audit trail: every operation, who ran it and how it ended' },
];

export function ViewTabs() {
  const view = useCockpit((state) => state.view);
  const { setView } = useActions();
  const refs = useRef(new Map<MainView, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = TABS.findIndex((tab) => tab.view === view);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    const target = TABS[next]!.view;
    setView(target);
    refs.current.get(target)?.focus();
  };

  return (
    <div className="view-tabs" role="tablist" aria-label="Views">
      {TABS.map((tab) => {
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
