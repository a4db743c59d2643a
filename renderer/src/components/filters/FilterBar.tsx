// Search, state chips, project filter and the "N of M stacks" count.
import { isFiltering } from '../../store/filters';
import { useActions, useCockpit } from '../../store/context';
import { ProjectSelect } from './ProjectSelect';
import { SearchBox } from './SearchBox';
import { StateChips } from './StateChips';

export function FilterBar({ shown, total, projects }: { shown: number; total: number; projects: readonly string[] }) {
  const filtering = useCockpit((state) => isFiltering(state.filters));
  const { clearFilters } = useActions();
  return (
    <div className="filter-bar" role="search" aria-label="Filter stacks">
      <SearchBox />
      <ProjectSelect projects={projects} />
      <StateChips />
      <span className="filter-status">
        <span className="match-count" role="status" aria-live="polite" data-testid="match-count">
          {shown} of {total} stacks
        </span>
        {/* Always there (disabled when nothing is filtered) so the bar does not shift when a filter is set. */}
        <button type="button" className="link-button" aria-label="Reset filters" disabled={!filtering} onClick={clearFilters}>
          Reset
        </button>
      </span>
    </div>
  );
}
