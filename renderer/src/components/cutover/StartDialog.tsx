// Starting a cutover: who starts it, and when the wave is not ready or outside its window, why it is blocked and the
// typed reason for the override (journaled, and in the evidence pack).
import { useId, useState } from 'react';
import type { WaveReadinessView, WaveView } from '../../../../main/api/contract';
import { useOperatorName } from '../../hooks/use-operator-name';
import { isOverrideReasonValid, missingHint, missingInputs } from '../../lib/cutover';
import { formatWindow } from '../../lib/format';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { ReasonField } from '../dialogs/ReasonField';

export function StartDialog(props: {
  wave: WaveView;
  readiness: WaveReadinessView | undefined;
  override: boolean;
  /** Set when now is outside the wave's cutover window. */
  window: { position: 'before' | 'after'; start: string; end: string } | null;
  busy: boolean;
  error: string | null;
  onStart(by: string, reason: string | null): void;
  onClose(): void;
}) {
  const { wave, readiness, override, window, busy, error, onStart, onClose } = props;
  const notReady = readiness?.ready !== true;
  const [by, typeName] = useOperatorName();
  const [reason, setReason] = useState('');
  const byId = useId();
  const reasonOk = !override || isOverrideReasonValid(reason);
  const canStart = !busy && by.trim().length > 0 && reasonOk;
  const missing = missingHint(missingInputs(by, override ? reason : null), override ? 'start with the override' : 'start');
  return (
    <ConfirmDialog
      label={override ? 'Start cutover with override' : 'Confirm start cutover'}
      title={
        override
          ? `Start the cutover of ${wave.name} although ${[notReady ? 'it is not ready' : '', window ? 'it is outside its cutover window' : ''].filter(Boolean).join(' and ')}`
          : `Start the cutover of ${wave.name}`
      }
      confirmLabel={override ? 'Start with override' : 'Start cutover'}
      confirmDisabled={!canStart}
      missing={missing}
      danger={override}
      onConfirm={() => onStart(by.trim(), override ? reason.trim() : null)}
      onClose={onClose}
      testId="confirm-cutover-start"
    >
      {override ? (
        <>
          {window ? (
            <p className="confirm-statement" data-testid="start-outside-window">
              Outside the cutover window: {formatWindow(window.start, window.end)} {window.position === 'before' ? 'has not opened yet.' : 'has closed.'}
            </p>
          ) : null}
          {notReady ? (
            <>
              <p className="confirm-statement">The wave is not ready. Blocking:</p>
              <ul className="gate-reasons" aria-label="Blocking reasons">
                {(readiness?.blockingReasons.length ? readiness.blockingReasons : ['readiness unknown']).map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p className="confirm-statement">The runbook starts with its first step; manual steps wait for a confirmation.</p>
      )}
      <label htmlFor={byId} className="field-label">
        Started by
      </label>
      <input id={byId} type="text" value={by} maxLength={200} autoComplete="off" onChange={(event) => typeName(event.target.value)} />
      {override ? (
        <>
          <ReasonField
            label="Reason for the override"
            value={reason}
            onChange={setReason}
            hint="It is recorded with the readiness and the cutover window at this moment and goes into the evidence pack."
          />
        </>
      ) : null}
      {error ? <DialogRefusal action="Start" message={error} /> : null}
    </ConfirmDialog>
  );
}

/** A runbook command the core refused, inside the dialog that sent it. */
export function DialogRefusal({ action, message }: { action: string; message: string }) {
  return (
    <div className="error-box" role="alert" data-testid="runbook-dialog-refused">
      <strong>{action} was refused; nothing was changed.</strong>
      <pre className="error-text">{message}</pre>
    </div>
  );
}
