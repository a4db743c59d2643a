import { LIFECYCLE_STATES } from '../../../../common/states';
import { stateLabel } from '../../lib/lifecycle';
import { useActions, useCockpit } from '../../store/context';

export function StateChips() {
  const selected = useCockpit((state) => state.filters.states);
  const { toggleState } = useActions();
  return (
    <div className="state-chips" role="group" aria-label="Filter by lifecycle state">
      {LIFECYCLE_STATES.map((state) => (
        <button key={state} type="button" className="chip" data-state={state} aria-pressed={selected.includes(state)} onClick={() => toggleState(state)}>
          <span className="state-dot" aria-hidden="true" />
          {stateLabel(state)}
        </button>
      ))}
    </div>
  );
}
