// One stack in a wave grid. A real button (Enter/Space open it natively); arrow keys are handed to the grid.
import { memo, useCallback, useId, type KeyboardEvent } from 'react';
import type { OperationView, PlanView, StackReadinessView, StackView } from '../../../../main/api/contract';
import { kindLabel, progressOf, runningLabel, STATUS_ICONS, STATUS_LABELS } from '../../lib/operations';
import { usePlanAccounts } from '../../hooks/use-placements';
import { placementOf } from '../../lib/accounts';
import { useTrackUis } from '../../seam/use-track';
import { useCockpit } from '../../store/context';
import { latestOperation } from '../../store/operations';
import { PlacementTag } from '../common/Placement';
import { RegistrationBadges } from '../common/RegistrationBadges';
import { StateBadge } from '../common/StateBadge';
import { SyncHealthBadges } from '../common/SyncHealthBadges';
import { useCardFocus } from './card-focus';

export interface StackCardProps {
  stack: StackView;
  /** The stack's readiness (with its sync and health), when the core has judged it. */
  status: StackReadinessView | undefined;
  registries: PlanView['registries'];
  /** The one card of the grid that is in the Tab order (roving tabindex). */
  tabbable: boolean;
  selected: boolean;
  onOpen(stackId: string): void;
  onKey(stackId: string, event: KeyboardEvent<HTMLElement>): void;
  onFocusCard(stackId: string): void;
}

export const StackCard = memo(function StackCard(props: StackCardProps) {
  const { stack, status, registries, tabbable, selected, onOpen, onKey, onFocusCard } = props;
  const cardFocus = useCardFocus();
  const idBase = useId();
  const ref = useCallback(
    (element: HTMLButtonElement | null) => {
      cardFocus.register(stack.id, element);
      return () => cardFocus.register(stack.id, null);
    },
    [cardFocus, stack.id],
  );
  const registryNames = stack.registries.map((id) => registries.find((r) => r.id === id)?.name ?? id);
  const registriesText = stack.registries.length > 0 ? `registers in ${stack.registries.join(', ')}` : 'no registries';
  const tracks = useTrackUis();
  const operation = useCockpit((state) => latestOperation(state.operations, stack.id));
  const accounts = usePlanAccounts();
  const placement = placementOf(stack);

  return (
    <button
      ref={ref}
      type="button"
      className="stack-card"
      data-testid="stack-card"
      data-stack-id={stack.id}
      data-state={stack.lifecycle.state}
      aria-label={stack.name}
      aria-describedby={`${idBase}-state ${idBase}-more`}
      aria-haspopup="dialog"
      aria-expanded={selected}
      tabIndex={tabbable ? 0 : -1}
      onClick={() => onOpen(stack.id)}
      onKeyDown={(event) => onKey(stack.id, event)}
      onFocus={() => onFocusCard(stack.id)}
    >
      <span className="stack-card-head">
        <span className="stack-name">{stack.name}</span>
        <StateBadge state={stack.lifecycle.state} id={`${idBase}-state`} />
      </span>
      <span id={`${idBase}-more`} className="stack-card-body">
        <span className="stack-project">{stack.project}</span>
        {placement ? <PlacementTag placement={placement} accounts={accounts} /> : null}
        {stack.description ? <span className="stack-description">{stack.description}</span> : null}
        <span className="stack-meta">
          <span title={registryNames.length > 0 ? `Registries: ${registryNames.join(', ')}` : undefined}>{registriesText}</span>
          {tracks.map((track) => {
            const fact = track.stackFacts?.(stack) ?? null;
            return fact === null ? null : <span key={track.id}>{fact}</span>;
          })}
        </span>
        <RegistrationBadges stack={stack} registries={registries} />
        {status ? <SyncHealthBadges sync={status.sync} health={status.health} /> : null}
        {operation ? <CardOperation operation={operation} /> : null}
      </span>
    </button>
  );
});

/** The stack's running operation with its progress, or how its last one ended. */
function CardOperation({ operation }: { operation: OperationView }) {
  if (operation.status === 'running') {
    const { percent } = progressOf(operation);
    return (
      <span className="card-operation" data-testid="card-operation" data-status="running" data-kind={operation.kind}>
        <span className="card-op-text">
          <span className="op-status-icon" aria-hidden="true">
            {STATUS_ICONS.running}
          </span>
          {runningLabel(operation.kind)}…{percent !== null ? ` ${percent}%` : ''}
        </span>
        <span className="card-op-bar" aria-hidden="true" data-indeterminate={percent === null || undefined}>
          {percent !== null ? <span className="card-op-fill" style={{ width: `${percent}%` }} /> : null}
        </span>
      </span>
    );
  }
  return (
    <span
      className="card-operation"
      data-testid="card-operation"
      data-status={operation.status}
      data-kind={operation.kind}
      title={operation.message ?? undefined}
    >
      <span className="card-op-text">
        <span className="op-status-icon" aria-hidden="true">
          {STATUS_ICONS[operation.status]}
        </span>
        {kindLabel(operation.kind)} {STATUS_LABELS[operation.status]}
      </span>
    </span>
  );
}
