// A run's steps in order: each with its type, status and attempt, timeout and time left, what it did per stack,
// who confirmed it; the waiting manual step carries its confirmation form. A step the plan marks as the point of no
// return says so before it runs, and waits for the wave's id typed before it does anything.
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ApiError, CutoverRunView, CutoverStepView } from '../../../../main/api/contract';
import { useNow } from '../../hooks/use-now';
import { useOperatorName } from '../../hooks/use-operator-name';
import { formatHms, missingHint, missingInputs, stepFacts, stepTimeLeft, stepTypeLabel, storeOperator } from '../../lib/cutover';
import { formatDuration, formatUtcSeconds } from '../../lib/format';
import { trackStepLabel } from '../../seam/contributions';
import { useTrackUis } from '../../seam/use-track';
import { useCockpit } from '../../store/context';
import { ActorName } from '../common/ActorName';
import { TypedConfirmField } from '../dialogs/TypedConfirmField';
import { StackPlacements } from '../common/Placement';

export function RunbookSteps({
  run,
  waitingStepId,
  onConfirm,
}: {
  run: CutoverRunView;
  waitingStepId: string | null;
  onConfirm(stepId: string, by: string, note: string, typed?: string): Promise<ApiError | null>;
}) {
  return (
    <ol className="runbook-steps" aria-label="Runbook steps">
      {run.steps.map((step, index) => (
        <StepItem
          key={step.id}
          waveId={run.waveId}
          index={index}
          step={step}
          current={step.id === run.currentStepId}
          canConfirm={step.id === waitingStepId}
          onConfirm={onConfirm}
        />
      ))}
    </ol>
  );
}

function StepItem(props: {
  waveId: string;
  index: number;
  step: CutoverStepView;
  current: boolean;
  canConfirm: boolean;
  onConfirm(stepId: string, by: string, note: string, typed?: string): Promise<ApiError | null>;
}) {
  const { waveId, index, step, current, canConfirm, onConfirm } = props;
  const nameId = useId();
  const facts = stepFacts(step);
  const tracks = useTrackUis();
  return (
    <li
      className="runbook-step"
      data-status={step.status}
      data-step-id={step.id}
      aria-labelledby={nameId}
      aria-current={current ? 'step' : undefined}
      data-testid="runbook-step"
    >
      <div className="runbook-step-head">
        <span className="runbook-step-index">{index + 1}</span>
        <span className="runbook-step-name" id={nameId}>
          {step.name}
        </span>
        <span className="runbook-step-type" data-manual={step.type === 'manual'}>
          {stepTypeLabel(step.type, (type) => trackStepLabel(tracks, type))}
        </span>
        <span className="runbook-step-status" data-status={step.status} data-testid="step-status">
          {step.status}
          {step.attempt > 1 ? ` · attempt ${step.attempt}` : ''}
        </span>
        {step.timeoutMinutes !== null ? <span className="muted">timeout {formatDuration(step.timeoutMinutes * 60)}</span> : null}
        {(step.status === 'running' || step.status === 'waiting') && step.timeoutMinutes !== null ? <StepTimer waveId={waveId} step={step} /> : null}
        <span className="runbook-step-must" data-must={step.mustSucceed}>
          {step.mustSucceed ? 'must succeed' : 'optional'}
        </span>
        {step.pointOfNoReturn ? (
          <span className="runbook-step-no-return" data-passed={step.passedPointOfNoReturn !== null} data-testid="step-no-return">
            {step.passedPointOfNoReturn ? 'past the point of no return' : 'point of no return'}
          </span>
        ) : null}
      </div>
      <p className="runbook-step-description">{step.description}</p>
      <StepPlacements waveId={waveId} step={step} />
      {facts.message ? <p className="runbook-step-message">{facts.message}</p> : null}
      {step.confirmedBy ? (
        <p className="muted runbook-step-confirmed">
          Confirmed by <ActorName name={step.confirmedBy} actor={step.confirmedByActor} testId="step-confirmed-by" />
          {step.confirmedAt ? ` at ${formatUtcSeconds(step.confirmedAt)}` : ''}
          {facts.note ? (
            <>
              : <span className="runbook-step-note">“{facts.note}”</span>
            </>
          ) : null}
        </p>
      ) : step.finishedAt ? (
        <p className="muted">Ended {formatUtcSeconds(step.finishedAt)}</p>
      ) : step.startedAt ? (
        <p className="muted">Started {formatUtcSeconds(step.startedAt)}</p>
      ) : null}
      {step.targets.length > 0 ? (
        <ul className="runbook-targets" aria-label={`Targets of ${step.name}`}>
          {step.targets.map((target) => (
            <li key={target.stackId} data-status={target.status}>
              <code>{target.stackId}</code>{' '}
              <span className="runbook-step-status" data-status={target.status}>
                {target.status}
              </span>
              {target.message ? <span className="muted"> {target.message}</span> : null}
              {target.updateVersion !== null ? <span className="muted"> (update v{target.updateVersion})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {step.passedPointOfNoReturn ? (
        <p className="runbook-step-no-return-passed" data-testid="step-no-return-passed">
          Past the point of no return: the wave id typed by {step.passedPointOfNoReturn.by} at {formatUtcSeconds(step.passedPointOfNoReturn.at)}. A rollback can
          no longer undo what this step did.
        </p>
      ) : null}
      {canConfirm ? <ConfirmStepForm waveId={waveId} step={step} onConfirm={onConfirm} /> : null}
    </li>
  );
}

/**
 * The accounts and regions the step acts on: its targets once it has them, else its wave's stacks (a step acts on
 * the wave). Nothing for a manual step (people act, in the data center or on the phone, not in an AWS account) and
 * nothing for a plan without accounts.
 */
function StepPlacements({ waveId, step }: { waveId: string; step: CutoverStepView }) {
  const waveStackIds = useCockpit((state) =>
    state.snapshot?.status === 'loaded' ? state.snapshot.plan.waves.find((wave) => wave.id === waveId)?.stackIds : undefined,
  );
  const targetIds = useMemo(() => step.targets.map((target) => target.stackId), [step.targets]);
  const stackIds = step.type === 'manual' ? NO_IDS : targetIds.length > 0 ? targetIds : (waveStackIds ?? NO_IDS);
  return <StackPlacements stackIds={stackIds} label={`Accounts and regions ${step.name} acts in`} />;
}

const NO_IDS: readonly string[] = [];

/** The running or waiting step's time left until its timeout, ticking every second on the core's time. */
function StepTimer({ waveId, step }: { waveId: string; step: CutoverStepView }) {
  const skew = useCockpit((state) => state.cutover.skewMs[waveId] ?? 0);
  const now = useNow(true, 1000);
  const left = stepTimeLeft(step, now + skew);
  if (left === null) return null;
  return (
    <span className="runbook-step-timer" data-over={left < 0} data-testid="step-timer">
      {left < 0 ? `over its timeout by ${formatHms(left)}` : `${formatHms(left)} left`}
    </span>
  );
}

function ConfirmStepForm({
  waveId,
  step,
  onConfirm,
}: {
  waveId: string;
  step: CutoverStepView;
  onConfirm(stepId: string, by: string, note: string, typed?: string): Promise<ApiError | null>;
}) {
  const [by, typeName] = useOperatorName();
  const [note, setNote] = useState('');
  const [typed, setTyped] = useState('');
  const noReturn = step.pointOfNoReturn;
  const typedOk = !noReturn || typed.trim() === waveId;
  const [sending, setSending] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const byId = useId();
  const noteId = useId();
  const hintId = useId();
  const hint = missingHint(missingInputs(by, null), 'confirm the step');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!by.trim() || !typedOk || sending) return;
    storeOperator(by);
    setSending(true);
    setRefused(null);
    const error = await onConfirm(step.id, by.trim(), note, noReturn ? typed.trim() : undefined);
    setSending(false);
    setRefused(error ? error.message : null);
  };
  return (
    <form
      className="runbook-confirm"
      data-no-return={noReturn}
      onSubmit={(event) => void submit(event)}
      aria-label={noReturn ? `Go past the point of no return: ${step.name}` : `Confirm ${step.name}`}
    >
      {noReturn ? (
        <div className="runbook-no-return-warning" role="note" data-testid="no-return-warning">
          <strong>Point of no return.</strong> Nothing has been done yet. Once this step runs, a rollback cannot undo what it does. It has no timeout while it
          waits for you.
        </div>
      ) : null}
      {noReturn ? (
        <div className="runbook-confirm-field">
          <TypedConfirmField what="wave id" expected={waveId} value={typed} onChange={setTyped} testId="no-return-typed" />
        </div>
      ) : null}
      <div className="runbook-confirm-field">
        <label htmlFor={byId} className="field-label">
          Confirmed by
        </label>
        <input
          id={byId}
          type="text"
          value={by}
          maxLength={200}
          autoComplete="off"
          aria-invalid={hint ? true : undefined}
          onChange={(event) => typeName(event.target.value)}
        />
      </div>
      <div className="runbook-confirm-field grow">
        <label htmlFor={noteId} className="field-label">
          Note (optional)
        </label>
        <input id={noteId} type="text" value={note} maxLength={2000} autoComplete="off" onChange={(event) => setNote(event.target.value)} />
      </div>
      <button
        type="submit"
        className={noReturn ? 'danger' : 'primary'}
        disabled={!by.trim() || !typedOk || sending}
        aria-describedby={hint ? hintId : undefined}
      >
        {noReturn ? 'Go past the point of no return' : 'Confirm step'}
      </button>
      {hint ? (
        <span id={hintId} className="field-hint runbook-confirm-hint" data-testid="confirm-missing">
          {hint}
        </span>
      ) : null}
      {refused ? (
        <div className="error-box runbook-confirm-refused" role="alert" data-testid="confirm-refused">
          <strong>The confirmation was refused.</strong>
          <pre className="error-text">{refused}</pre>
        </div>
      ) : null}
    </form>
  );
}
