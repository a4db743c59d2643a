// Destroy asks first, says exactly what will happen, and wants the stack's name typed before it can go ahead.
import { useState } from 'react';
import type { PlanView, StackView } from '../../../../main/api/contract';
import { joinNames } from '../../lib/format';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { TypedConfirmField } from '../dialogs/TypedConfirmField';

export function ConfirmDestroyDialog(props: { plan: PlanView; stack: StackView; onConfirm(): void; onClose(): void }) {
  const { plan, stack, onConfirm, onClose } = props;
  const [typed, setTyped] = useState('');
  const registries = stack.registries.map((id) => plan.registries.find((registry) => registry.id === id)?.name ?? id);
  const matches = typed.trim() === stack.name;

  return (
    <ConfirmDialog
      label="Confirm destroy"
      title="Destroy stack"
      confirmLabel="Destroy stack"
      confirmDisabled={!matches}
      danger
      onConfirm={onConfirm}
      onClose={onClose}
      testId="confirm-destroy"
    >
      <p className="confirm-statement">
        Destroy <code>{stack.id}</code>: deletes every resource of the stack
        {registries.length > 0 ? <> and deregisters it from {joinNames(registries)}</> : <> (it is registered nowhere)</>}.
      </p>
      <p className="muted">This cannot be undone. The stack returns to planned; deploying it again creates new resources.</p>
      <TypedConfirmField what="stack name" expected={stack.name} value={typed} onChange={setTyped} />
    </ConfirmDialog>
  );
}
