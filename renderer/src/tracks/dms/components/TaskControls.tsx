// Start, Resume, Reload target, Stop, Reload tables and Revalidate tables for one task. Each asks first and names
// the task and what will happen; buttons the task's last known state obviously forbids are disabled and say why
// (the core checks the DMS state rules again and its refusal shows in the dialog).
import { DMS_CONTROL_ACTIONS } from '../../../../../common/tracks/dms';
import { useId, useState } from 'react';
import type { DmsControlAction, ReplicationTaskView } from '../../../../../main/api/contract';
import { isOverrideReasonValid, missingHint, storedOperator } from '../../../lib/cutover';
import { CONTROL_LABELS, controlBlocked, controlMissing, controlStatement, destroysTargetData, needsDataOverride } from '../lib/replication';
import { useCockpit } from '../../../store/context';
import { ConfirmDialog } from '../../../components/dialogs/ConfirmDialog';
import { reverseTaskKey } from '../../../../../common/keys';
import { ReasonField } from '../../../components/dialogs/ReasonField';
import { TypedConfirmField } from '../../../components/dialogs/TypedConfirmField';
import { useDms, useDmsActions } from '../slice';

export function TaskControls({ task, name }: { task: ReplicationTaskView; name: string }) {
  const pending = useDms((slice) => slice.pendingControls[task.key]);
  const { controlTask } = useDmsActions();
  const [confirm, setConfirm] = useState<DmsControlAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ action: DmsControlAction; message: string } | null>(null);
  const reasonId = useId();
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const wavePhase = useCockpit((state) => (task.waveId ? state.readiness.waves[task.waveId]?.phase : undefined));
  // What the core compares a typed confirmation with (main/tracks/dms/monitor/destructive-guard.ts): the DMS identifier.
  const taskName = task.taskId ?? name;
  const destroying = confirm !== null && destroysTargetData(confirm);
  // A fallback reverse task replicates AWS → data center: it never writes into the live target.
  const reverse = task.key === reverseTaskKey(task.stackId);
  const overriding = confirm !== null && needsDataOverride(confirm, wavePhase, reverse);
  // What the dialog still needs before it can go ahead, said under its buttons (as the rollback dialogs do).
  const missing = confirm ? controlMissing(confirm, wavePhase, taskName, typed, isOverrideReasonValid(reason), reverse) : [];
  const confirmed = missing.length === 0;

  const open = (action: DmsControlAction) => {
    setError(null);
    setTyped('');
    setReason('');
    setConfirm(action);
  };
  const close = () => {
    setConfirm(null);
    setError(null);
  };
  const run = async (action: DmsControlAction) => {
    setError(null);
    const by = storedOperator();
    const result = await controlTask(
      task.key,
      action,
      undefined,
      destroysTargetData(action) || overriding
        ? { ...(destroysTargetData(action) ? { confirm: typed.trim() } : {}), ...(overriding ? { reason: reason.trim() } : {}), ...(by ? { by } : {}) }
        : {},
    );
    if (result) {
      setError(result.message);
      setRefused({ action, message: result.message });
    } else {
      setRefused(null);
      setConfirm(null);
    }
  };

  return (
    <div className="task-controls">
      <div className="op-buttons" role="group" aria-label={`Controls of ${name}`} aria-describedby={pending ? reasonId : undefined}>
        {DMS_CONTROL_ACTIONS.map((action) => {
          const { label, help, danger } = CONTROL_LABELS[action];
          const blocked = pending ? `Sending ${CONTROL_LABELS[pending].label.toLowerCase()}…` : controlBlocked(task, action);
          return (
            <button
              key={action}
              type="button"
              className={
                danger
                  ? 'danger-outline'
                  : (action === 'start' || action === 'resume') && !needsDataOverride(action, wavePhase, reverse)
                    ? 'primary'
                    : undefined
              }
              data-control={action}
              disabled={blocked !== null}
              aria-busy={pending === action || undefined}
              title={blocked ?? help}
              onClick={() => open(action)}
            >
              {label}
            </button>
          );
        })}
      </div>
      {pending ? (
        <p id={reasonId} className="op-reason muted">
          Sending {CONTROL_LABELS[pending].label.toLowerCase()} to DMS…
        </p>
      ) : null}
      {refused && !confirm ? (
        <div className="error-box" role="alert" data-testid="control-refused">
          <strong>{CONTROL_LABELS[refused.action].label} was refused.</strong>
          <pre className="error-text">{refused.message}</pre>
          <button type="button" className="link-button" onClick={() => setRefused(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          label={`Confirm ${CONTROL_LABELS[confirm].label.toLowerCase()}`}
          title={`${CONTROL_LABELS[confirm].label}: ${name}`}
          confirmLabel={CONTROL_LABELS[confirm].label}
          confirmDisabled={pending !== undefined || !confirmed}
          missing={confirm ? missingHint(missing, CONTROL_LABELS[confirm].label.toLowerCase()) : null}
          danger={CONTROL_LABELS[confirm].danger ?? false}
          onConfirm={() => void run(confirm)}
          onClose={close}
          testId="confirm-task-control"
        >
          <p className="confirm-statement">{controlStatement(confirm, name, null, task)}</p>
          <p className="muted">
            Task <code>{name}</code> of stack <code>{task.stackId}</code>
            {task.status ? `, DMS status ${task.status}` : ''}.
          </p>
          {destroying ? <TypedConfirmField what="task identifier" expected={taskName} value={typed} onChange={setTyped} testId="confirm-task-id" /> : null}
          {overriding ? (
            <>
              <p className="confirm-statement" data-testid="data-override-needed">
                The wave of this task is {wavePhase?.replace(/-/g, ' ')}: its target is the application&apos;s live database.{' '}
                {destroying
                  ? 'Reloading it overwrites the writes made on AWS.'
                  : 'Replicating again would write data-center changes over the writes made on AWS.'}
              </p>
              <ReasonField label="Reason for the override" value={reason} onChange={setReason} hint="It is journaled with the action." />
            </>
          ) : null}
          {error !== null ? (
            <div className="error-box" role="alert" data-testid="control-error">
              <strong>{CONTROL_LABELS[confirm].label} was refused; nothing was changed.</strong>
              <pre className="error-text">{error}</pre>
            </div>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
