// Rollback and deregister ask first and say exactly what will change.
import type { PlanView, StackView } from '../../../../main/api/contract';
import { joinNames } from '../../lib/format';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';

/** The names of the stack's registries (their ids where the plan has no such registry). */
export function registryNames(plan: PlanView, stack: StackView): string[] {
  return stack.registries.map((id) => plan.registries.find((registry) => registry.id === id)?.name ?? id);
}

interface Props {
  plan: PlanView;
  stack: StackView;
  onConfirm(): void;
  onClose(): void;
}

export function ConfirmRollbackDialog({ plan, stack, onConfirm, onClose }: Props) {
  const registries = registryNames(plan, stack);
  return (
    <ConfirmDialog
      label="Confirm rollback"
      title="Roll back stack"
      confirmLabel="Roll back stack"
      danger
      onConfirm={onConfirm}
      onClose={onClose}
      testId="confirm-rollback"
    >
      <p className="confirm-statement">
        Roll back <code>{stack.id}</code>: redeploys the config of its previous successful update, or destroys the stack if it had none
        {registries.length > 0 ? <> (deregistering it from {joinNames(registries)})</> : null}.
      </p>
    </ConfirmDialog>
  );
}

export function ConfirmDeregisterDialog({ plan, stack, onConfirm, onClose }: Props) {
  const registries = registryNames(plan, stack);
  return (
    <ConfirmDialog
      label="Confirm deregister"
      title="Deregister stack"
      confirmLabel="Deregister stack"
      danger
      onConfirm={onConfirm}
      onClose={onClose}
      testId="confirm-deregister"
    >
      <p className="confirm-statement">
        Deregister <code>{stack.id}</code> from {joinNames(registries)}: removes its records there; the stack’s other resources stay.
      </p>
    </ConfirmDialog>
  );
}
