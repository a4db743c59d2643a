// Deploy asks first only when the stack's last preview showed deletes or replaces, and lists them.
import type { OperationView, StackView } from '../../../../main/api/contract';
import { formatUtcSeconds } from '../../lib/format';
import { destructiveChanges } from '../../lib/operations';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { OpBadge } from './OpBadge';

export function ConfirmDeployDialog(props: { stack: StackView; preview: OperationView; onConfirm(): void; onClose(): void }) {
  const { stack, preview, onConfirm, onClose } = props;
  const { deletes, replaces, steps } = destructiveChanges(preview);
  return (
    <ConfirmDialog
      label="Confirm deploy"
      title={`Deploy ${stack.id}`}
      confirmLabel="Deploy anyway"
      danger
      onConfirm={onConfirm}
      onClose={onClose}
      testId="confirm-deploy"
    >
      <p className="confirm-statement">
        This deploy will delete {deletes} and replace {replaces} resources.
      </p>
      <p className="muted">
        From the preview of <time dateTime={preview.startedAt}>{formatUtcSeconds(preview.startedAt)}</time>. Run Preview again if the stack or its program
        changed since.
      </p>
      {steps.length > 0 ? (
        <ul className="diff-list confirm-steps">
          {steps.map((step) => (
            <li key={step.urn} className="diff-row">
              <OpBadge op={step.op} />
              <span className="diff-name">{step.name}</span>
              <span className="diff-type">{step.type}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </ConfirmDialog>
  );
}
