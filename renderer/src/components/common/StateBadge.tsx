import type { LifecycleState } from '../../../../main/api/contract';
import { stateLabel } from '../../lib/lifecycle';

export function StateBadge({ state, id }: { state: LifecycleState; id?: string }) {
  return (
    <span className="state-badge" data-state={state} id={id}>
      <span className="state-dot" aria-hidden="true" />
      {stateLabel(state)}
    </span>
  );
}
