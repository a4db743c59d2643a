// The irreversible decisions on a wave's cutover, each confirmed with a typed reason: rolling it back across systems
// (saying first, per stack, what the rollback loses) and finalizing it (closing its rollback). The rollback's
// progress shows where every system stands and, apart from that, what the operator does next by hand.
import { useId, useState } from 'react';
import type { CutoverRollbackView, CutoverRunView, RollbackImpactView, WaveView } from '../../../../main/api/contract';
import { formatUtcSeconds } from '../../lib/format';
import { useOperatorName } from '../../hooks/use-operator-name';
import { compensationStatusWords, isOverrideReasonValid, missingHint, missingInputs } from '../../lib/cutover';
import { ActorName } from '../common/ActorName';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { ReasonField } from '../dialogs/ReasonField';

interface DecisionProps {
  wave: WaveView;
  run: CutoverRunView;
  busy: boolean;
  error: string | null;
  onConfirm(by: string, reason: string): void;
  onClose(): void;
}

/** The rollback or the finalize confirmation of a wave's run. */
export function DecisionDialog({ kind, ...props }: DecisionProps & { kind: 'rollback' | 'finalize' }) {
  return kind === 'rollback' ? <RollbackDialog {...props} /> : <FinalizeDialog {...props} />;
}

function RollbackDialog({ wave, run, busy, error, onConfirm, onClose }: DecisionProps) {
  const [by, setBy] = useOperatorName();
  const [reason, setReason] = useState('');
  const losing = run.rollbackImpact.filter((impact) => impact.loss === 'writes');
  return (
    <ConfirmDialog
      label="Confirm roll back wave"
      title={`Roll back ${wave.name} across systems`}
      confirmLabel="Roll back wave"
      confirmDisabled={busy || !by.trim() || !isOverrideReasonValid(reason)}
      missing={missingHint(missingInputs(by, reason), 'roll back')}
      danger
      onConfirm={() => onConfirm(by.trim(), reason.trim())}
      onClose={onClose}
      testId="confirm-cutover-rollback"
    >
      <DataLoss impact={run.rollbackImpact} />
      <RollbackPlan run={run} />
      <DecisionFields
        byLabel="Rolled back by"
        reasonLabel={
          losing.length > 0
            ? `Reason for the rollback (it loses data on ${losing.length} ${losing.length === 1 ? 'stack' : 'stacks'})`
            : 'Reason for the rollback'
        }
        by={by}
        reason={reason}
        onBy={setBy}
        onReason={setReason}
        hint="It is journaled with your name and the operating-system user of this cockpit, and goes into the evidence pack."
      />
      {error ? <Refused action="Roll back" message={error} /> : null}
    </ConfirmDialog>
  );
}

function FinalizeDialog({ wave, run, busy, error, onConfirm, onClose }: DecisionProps) {
  const [by, setBy] = useOperatorName();
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog
      label="Confirm finalize cutover"
      title={`Finalize the cutover of ${wave.name}`}
      confirmLabel="Finalize cutover"
      confirmDisabled={busy || !by.trim() || !isOverrideReasonValid(reason)}
      missing={missingHint(missingInputs(by, reason), 'finalize')}
      danger
      onConfirm={() => onConfirm(by.trim(), reason.trim())}
      onClose={onClose}
      testId="confirm-cutover-finalize"
    >
      <p className="confirm-statement">
        The wave was cut over {run.finishedAt ? `at ${formatUtcSeconds(run.finishedAt)}` : ''}. Finalizing accepts it on AWS: the cockpit will refuse to roll it
        back from then on.
      </p>
      <DecisionFields
        byLabel="Finalized by"
        reasonLabel="Reason (e.g. the change board's acceptance)"
        by={by}
        reason={reason}
        onBy={setBy}
        onReason={setReason}
        hint="It is journaled with your name and goes into the evidence pack."
      />
      {error ? <Refused action="Finalize" message={error} /> : null}
    </ConfirmDialog>
  );
}

/**
 * Per stack, what the rollback loses: said before anything else in the dialog. The red box lists only the stacks
 * that lose writes; the others follow apart, as losing none.
 */
function DataLoss({ impact }: { impact: readonly RollbackImpactView[] }) {
  if (impact.length === 0) return null;
  const losing = impact.filter((entry) => entry.loss === 'writes');
  const safe = impact.filter((entry) => entry.loss !== 'writes');
  const item = (entry: RollbackImpactView) => (
    <li key={entry.stackId} data-loss={entry.loss} data-testid="rollback-impact-stack">
      <code>{entry.stackId}</code>: {entry.basis}
    </li>
  );
  return (
    <section className="rollback-impact" aria-label="What the rollback loses" data-testid="rollback-impact">
      {losing.length > 0 ? (
        <div className="rollback-impact-loss error-box">
          <strong>
            Data lost on {losing.length} of {impact.length} stacks
          </strong>
          <ul>{losing.map(item)}</ul>
        </div>
      ) : null}
      {safe.length > 0 ? (
        <div className="rollback-impact-safe">
          <strong>
            {losing.length > 0 ? `No writes lost on the other ${safe.length === 1 ? 'stack' : `${safe.length} stacks`}` : 'No data written on AWS is lost'}
          </strong>
          <ul>{safe.map(item)}</ul>
        </div>
      ) : null}
    </section>
  );
}

/** The core's plan of the rollback (run.rollbackPlan), for the confirmation. */
function RollbackPlan({ run }: { run: CutoverRunView }) {
  const planned = run.rollbackPlan;
  return (
    <>
      <p className="confirm-statement">
        The steps that ran are compensated in reverse order; the first failure stops the rollback.{' '}
        {run.status === 'paused' || run.status === 'failed' ? 'The run is ended first.' : ''}
      </p>
      {run.noWayBack.length > 0 ? (
        <ul className="rollback-no-way-back" aria-label="What cannot go back" data-testid="no-way-back">
          {run.noWayBack.map((no) => (
            <li key={no.stepId}>
              <strong>
                {no.systemTitle} cannot go back for {no.stackIds.join(', ')}
              </strong>
              : step “{no.stepName}” went past its point of no return (the wave id typed by {no.passedBy} at {formatUtcSeconds(no.passedAt)}). {no.says}
            </li>
          ))}
        </ul>
      ) : null}
      {planned.length === 0 ? (
        <p className="muted">{run.noWayBack.length > 0 ? 'Nothing the cockpit can still undo.' : 'No automated step ran: there is nothing to compensate.'}</p>
      ) : (
        <ol className="runbook-compensations confirm-steps" aria-label="Planned compensations">
          {planned.map((entry) => (
            <li key={entry.id} data-done={entry.done}>
              <span className="runbook-system">{entry.system}</span> {entry.label}
              {entry.done ? <span className="muted"> — done by an earlier rollback: nothing to do</span> : null}
            </li>
          ))}
        </ol>
      )}
      <p className="muted">Manual steps are not undone by the cockpit: the plan's manual rollback steps are listed as the next things to do once it ends.</p>
    </>
  );
}

function DecisionFields(props: {
  byLabel: string;
  reasonLabel: string;
  by: string;
  reason: string;
  onBy(value: string): void;
  onReason(value: string): void;
  hint: string;
}) {
  const byId = useId();
  return (
    <>
      <label htmlFor={byId} className="field-label">
        {props.byLabel}
      </label>
      <input id={byId} type="text" value={props.by} maxLength={200} autoComplete="off" onChange={(event) => props.onBy(event.target.value)} />
      <ReasonField label={props.reasonLabel} value={props.reason} onChange={props.onReason} hint={props.hint} />
    </>
  );
}

function Refused({ action, message }: { action: string; message: string }) {
  return (
    <div className="error-box" role="alert" data-testid="runbook-dialog-refused">
      <strong>{action} was refused; nothing was changed.</strong>
      <pre className="error-text">{message}</pre>
    </div>
  );
}

export function RollbackProgress({ rollback }: { rollback: CutoverRollbackView }) {
  const done = rollback.steps.filter((step) => step.status === 'succeeded' || step.status === 'skipped').length;
  return (
    <section className="runbook-rollback" aria-label="Rollback" data-status={rollback.status} data-testid="runbook-rollback">
      <h4 className="runbook-subtitle">
        Rollback {rollback.status === 'running' ? 'running' : rollback.status} — {done} of {rollback.steps.length} compensations done
      </h4>
      <p className="muted">
        Started {formatUtcSeconds(rollback.startedAt)} by <ActorName name={rollback.startedBy} actor={rollback.startedByActor} testId="rollback-started-by" />
        {rollback.finishedAt ? `, ended ${formatUtcSeconds(rollback.finishedAt)}` : ''}
        {rollback.reason ? `. Reason: ${rollback.reason}` : ''}
      </p>
      <ol className="runbook-compensations">
        {rollback.steps.map((step) => {
          const words = compensationStatusWords(step.status);
          return (
            <li key={step.id} data-status={step.status}>
              <span className="runbook-system">{step.system}</span> {step.label}{' '}
              <span className="runbook-step-status" data-status={words.tone} data-testid="compensation-status">
                {words.label}
              </span>
              {step.message ? <span className="muted"> {step.message}</span> : null}
            </li>
          );
        })}
      </ol>
      {rollback.nextSteps.length > 0 && rollback.status !== 'running' ? (
        <div className="rollback-next" data-testid="rollback-next-steps">
          <strong>Next, by hand (the plan&apos;s manual rollback steps, latest first)</strong>
          <ol>
            {rollback.nextSteps.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {rollback.summary ? (
        <div
          className={rollback.status === 'failed' ? 'error-box' : 'runbook-summary'}
          role={rollback.status === 'failed' ? 'alert' : undefined}
          data-testid="rollback-summary"
        >
          <strong>Where things stand</strong>
          <pre className="error-text">{rollback.summary}</pre>
        </div>
      ) : null}
    </section>
  );
}
