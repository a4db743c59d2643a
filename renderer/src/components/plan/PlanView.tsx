// The loaded plan: summary, state counts, warnings, filters, then the waves in dependency order. A large plan's
// waves are virtualized (VirtualWaves.tsx): only the rows of cards on screen are rendered.
import { useCallback, useDeferredValue, useMemo } from 'react';
import type { PlanIssue, PlanView as Plan } from '../../../../main/api/contract';
import { searchTermsOf } from '../../seam/contributions';
import { useTrackUis } from '../../seam/use-track';
import { countByState, isFiltering, layoutPlan, projectNames, type StackGroup } from '../../store/filters';
import { useCockpit } from '../../store/context';
import { FilterBar } from '../filters/FilterBar';
import { WarningsPanel } from '../issues/WarningsPanel';
import { NoMatches } from './NoMatches';
import { PlanSummary } from './PlanSummary';
import { RecoveryPanel } from './RecoveryPanel';
import { StateChart } from './StateChart';
import { useCardGrid } from './use-card-grid';
import { VirtualWaves } from './VirtualWaves';
import { WaveSection } from './WaveSection';

/** Plans with more stacks than this render only the cards on screen; smaller ones render every card. */
const VIRTUALIZE_ABOVE_STACKS = 150;

/**
 * The benchmarks' rendering switch: set only in a bench build (`vite build --mode bench`, vite.renderer.config.ts),
 * where localStorage[key] = 'plain' | 'virtual' forces one way of rendering whatever the plan's size, so
 * bench:planview measures both side by side on the same plan. Every other build defines it as null: the product has
 * no switch, and the minifier drops the code below. `typeof` keeps it safe where nothing defines it (unit tests).
 */
declare const __PLAN_RENDERING_SWITCH_KEY__: string | null;
const RENDERING_OVERRIDE = typeof __PLAN_RENDERING_SWITCH_KEY__ === 'string' ? readRenderingOverride(__PLAN_RENDERING_SWITCH_KEY__) : null;

function readRenderingOverride(key: string): 'plain' | 'virtual' | null {
  try {
    const value = globalThis.localStorage?.getItem(key);
    return value === 'plain' || value === 'virtual' ? value : null;
  } catch {
    return null;
  }
}

export function PlanView({ plan, warnings }: { plan: Plan; warnings: readonly PlanIssue[] }) {
  // Decided by the plan's size, not by what the filters show, so typing a search never swaps the whole list.
  const rendering = RENDERING_OVERRIDE ?? (plan.stacks.length > VIRTUALIZE_ABOVE_STACKS ? 'virtual' : 'plain');
  const typedFilters = useCockpit((state) => state.filters);
  // In a large plan the search box and chips show each key at once and the waves follow in a render React can
  // interrupt and spread over frames, so typing stays fluid; a small plan's waves follow at once.
  const deferredFilters = useDeferredValue(typedFilters);
  const filters = rendering === 'virtual' ? deferredFilters : typedFilters;
  const selectedId = useCockpit((state) => state.selectedStackId);

  const tracks = useTrackUis();
  const terms = useMemo(() => searchTermsOf(tracks), [tracks]);
  const layout = useMemo(() => layoutPlan(plan, filters, terms), [plan, filters, terms]);
  const counts = useMemo(() => countByState(plan.stacks), [plan.stacks]);
  const projects = useMemo(() => projectNames(plan), [plan]);
  const rows = useMemo(() => layout.groups.map((group) => group.stacks.map((stack) => stack.id)), [layout]);
  const grid = useCardGrid(rows, selectedId);
  const looseTotal = useMemo(() => {
    const inWaves = new Set(plan.waves.flatMap((wave) => wave.stackIds));
    return plan.stacks.filter((stack) => !inWaves.has(stack.id)).length;
  }, [plan]);
  const { tabbableId, onOpen, onKey, onFocusCard } = grid;
  const cards = useMemo(
    () => ({ registries: plan.registries, tabbableId, selectedId, onOpen, onKey, onFocusCard }),
    [plan.registries, tabbableId, selectedId, onOpen, onKey, onFocusCard],
  );
  const totalOf = useCallback((group: StackGroup) => (group.wave ? group.wave.stackIds.length : looseTotal), [looseTotal]);

  return (
    <div className="plan-view">
      <RecoveryPanel />
      <PlanSummary plan={plan} />
      <StateChart counts={counts} total={plan.stacks.length} />
      <WarningsPanel warnings={warnings} />
      <FilterBar shown={layout.shown} total={layout.total} projects={projects} />
      {layout.shown === 0 && isFiltering(filters) ? (
        <NoMatches />
      ) : rendering === 'virtual' ? (
        <VirtualWaves groups={layout.groups} totalOf={totalOf} cards={cards} />
      ) : (
        <div className="waves">
          {layout.groups.map((group) => (
            <WaveSection key={group.key} wave={group.wave} stacks={group.stacks} totalStacks={totalOf(group)} {...cards} />
          ))}
        </div>
      )}
    </div>
  );
}
