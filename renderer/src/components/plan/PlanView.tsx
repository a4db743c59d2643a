// The loaded plan: summary, state counts, warnings, filters, then the waves in dependency order.
import { useMemo } from 'react';
import type { PlanIssue, PlanView as Plan } from '../../../../main/api/contract';
import { countByState, isFiltering, layoutPlan, projectNames } from '../../store/filters';
import { useCockpit } from '../../store/context';
import { FilterBar } from '../filters/FilterBar';
import { WarningsPanel } from '../issues/WarningsPanel';
import { NoMatches } from './NoMatches';
import { PlanSummary } from './PlanSummary';
import { RecoveryPanel } from './RecoveryPanel';
import { StateChart } from './StateChart';
import { useCardGrid } from './use-card-grid';
import { WaveSection } from './WaveSection';

export function PlanView({ plan, warnings }: { plan: Plan; warnings: readonly PlanIssue[] }) {
  const filters = useCockpit((state) => state.filters);
  const selectedId = useCockpit((state) => state.selectedStackId);

  const layout = useMemo(() => layoutPlan(plan, filters), [plan, filters]);
  const counts = useMemo(() => countByState(plan.stacks), [plan.stacks]);
  const projects = useMemo(() => projectNames(plan), [plan]);
  const rows = useMemo(() => layout.groups.map((group) => group.stacks.map((stack) => stack.id)), [layout]);
  const grid = useCardGrid(rows, selectedId);
  const looseTotal = useMemo(() => {
    const inWaves = new Set(plan.waves.flatMap((wave) => wave.stackIds));
    return plan.stacks.filter((stack) => !inWaves.has(stack.id)).length;
  }, [plan]);

  return (
    <div className="plan-view">
      <RecoveryPanel />
      <PlanSummary plan={plan} />
      <StateChart counts={counts} total={plan.stacks.length} />
      <WarningsPanel warnings={warnings} />
      <FilterBar shown={layout.shown} total={layout.total} projects={projects} />
      {layout.shown === 0 && isFiltering(filters) ? (
        <NoMatches />
      ) : (
        <div className="waves">
          {layout.groups.map((group) => (
            <WaveSection
              key={group.key}
              wave={group.wave}
              stacks={group.stacks}
              totalStacks={group.wave ? group.wave.stackIds.length : looseTotal}
              registries={plan.registries}
              tabbableId={grid.tabbableId}
              selectedId={selectedId}
              onOpen={grid.onOpen}
              onKey={grid.onKey}
              onFocusCard={grid.onFocusCard}
            />
          ))}
        </div>
      )}
    </div>
  );
}
