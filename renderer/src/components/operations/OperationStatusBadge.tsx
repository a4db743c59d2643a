import type { OperationView } from '../../../../main/api/contract';
import { kindLabel, STATUS_ICONS, STATUS_LABELS } from '../../lib/operations';

/** "✓ Deploy succeeded": the operation's kind and status, coloured by status. */
export function OperationStatusBadge({ operation, testId }: { operation: OperationView; testId?: string }) {
  return (
    <span className="op-status" data-status={operation.status} data-kind={operation.kind} data-testid={testId}>
      <span className="op-status-icon" aria-hidden="true">
        {STATUS_ICONS[operation.status]}
      </span>
      {kindLabel(operation.kind)} {STATUS_LABELS[operation.status]}
    </span>
  );
}
