import { useActions } from '../../store/context';

export function NoMatches() {
  const { clearFilters } = useActions();
  return (
    <div className="empty-state empty-compact" data-testid="no-matches">
      <p className="empty-title">No stacks match these filters</p>
      <button type="button" onClick={clearFilters}>
        Clear filters
      </button>
    </div>
  );
}
