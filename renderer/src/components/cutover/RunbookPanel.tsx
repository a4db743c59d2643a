// A wave's cutover runbook under its gate matrix: the run's status, its clocks (T-minus to the window before the
// start, elapsed after; the downtime budget left, red when exceeded — ticked here every second on the core's time),
// the controls (start, or start with a typed override reason; pause, resume, retry, abort, roll back, export the
// evidence pack), the ordered steps with their targets, and the rollback's compensations. Refusals of the core are
// shown in place, above the controls.
import { useId } from 'react';
import type { CutoverRunView, WaveView } from '../../../../main/api/contract';
import { useNow } from '../../hooks/use-now';
import { useRunbookCommands } from '../../hooks/use-runbook-commands';
import { overrideCircumstances, runControls, storeOperator, whoText, windowPosition, withoutStarts } from '../../lib/cutover';
import { formatUtcSeconds } from '../../lib/format';
import type { CutoverCommandKind } from '../../store/cockpit-store';
import { useCockpit } from '../../store/context';
import { ActorName } from '../common/ActorName';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { PlanChanges } from './PlanChanges';
import { DecisionDialog, RollbackProgress } from './RollbackDialogs';
import { RunbookSteps } from './RunbookSteps';
import { RunHeader } from './RunHeader';
import { RunTimeline } from './RunTimeline';
import { DialogRefusal, StartDialog } from './StartDialog';
import { StartApproval } from './StartApproval';
import { watchingReason } from '../../lib/team';

const COMMAND_LABELS: Record<CutoverCommandKind, string> = {
  start: 'Start cutover',
  pause: 'Pause',
  resume: 'Resume',
  retry: 'Retry failed step',
  abort: 'Abort',
  confirmStep: 'Confirm step',
  rollback: 'Roll back wave',
  finalize: 'Finalize cutover',
};

export function RunbookPanel({ wave }: { wave: WaveView }) {
  const run = useCockpit((state) => state.cutover.runs[wave.id]);
  const loaded = useCockpit((state) => state.cutover.loaded);
  const error = useCockpit((state) => state.cutover.error);
  const headingId = useId();

  let body;
  if (run) body = <RunbookBody wave={wave} run={run} />;
  else if (error !== null)
    body = (
      <p className="error-text" role="alert">
        The runbook state could not be read: {error}
      </p>
    );
  else if (!loaded) body = <p className="muted">Reading the runbook…</p>;
  else body = <p className="muted">This wave has no cutover runbook in the plan.</p>;

  return (
    <section className="runbook-panel" aria-labelledby={headingId} data-testid="runbook-panel" data-wave-id={wave.id} data-status={run?.status}>
      <h3 className="runbook-title" id={headingId}>
        Runbook
      </h3>
      {body}
    </section>
  );
}

function RunbookBody({ wave, run }: { wave: WaveView; run: CutoverRunView }) {
  const readiness = useCockpit((state) => state.readiness.waves[wave.id]);
  const pending = useCockpit((state) => state.pendingCutover[wave.id]);
  const { dialog, openDialog, closeDialog, dialogError, refusal, dismissRefusal, send, download, exporting, exported } = useRunbookCommands(wave.id);
  const skew = useCockpit((state) => state.cutover.skewMs[wave.id] ?? 0);
  // The window rule needs the time: re-evaluated each second while the wave has a window.
  const coreNow = useNow(run.clock.windowStart !== null, 1000) + skew;
  // Team mode: a wave someone else drives (or a viewer's or approver's) is watched: every control is off, and says why.
  const watching = useCockpit((state) => watchingReason(state.team, wave.id));
  // While the team store is away nothing new starts (the core refuses it too); pause and abort stay open.
  const storeAway = useCockpit((state) => state.team?.mode === 'team' && state.team.connection.state !== 'connected');
  const controls = withoutStarts(runControls(run, readiness, pending !== undefined || watching !== null, coreNow), storeAway);
  const position = windowPosition(run, coreNow);

  const overrideTitle = `${readiness?.ready === true ? 'The wave is outside its cutover window' : 'The wave is not ready'}: starting needs a typed reason, recorded in the evidence pack`;
  // On a cut-over (or finalized) wave a new run is offered last, after rolling back and finalizing, and not as the
  // primary action: it would leave the cut-over run's rollback behind.
  const startButton = controls.startLast ? (
    <button
      type="button"
      disabled={!controls.start && !controls.startNeedsOverride}
      onClick={() => openDialog('start')}
      title={`${controls.startNeedsOverride ? `${overrideTitle}. ` : ''}A new run starts the runbook again from its first step; this run's rollback is no longer offered then`}
    >
      {controls.startNeedsOverride ? 'Start a new run with override…' : 'Start a new run…'}
    </button>
  ) : controls.startNeedsOverride ? (
    <button type="button" className="danger-outline" onClick={() => openDialog('start')} title={overrideTitle}>
      Start with override…
    </button>
  ) : (
    <button type="button" className="primary" disabled={!controls.start} onClick={() => openDialog('start')}>
      {run.status === 'succeeded' || run.status === 'aborted' ? 'Start a new run' : 'Start cutover'}
    </button>
  );

  return (
    <>
      <RunHeader wave={wave} run={run} />
      {run.override ? (
        <p className="runbook-override" data-testid="runbook-override">
          Started with an override by <ActorName name={run.override.by} actor={run.override.by === run.startedBy ? run.startedByActor : undefined} /> at{' '}
          {formatUtcSeconds(run.override.at)}
          {overrideCircumstances(run).map((text) => `, ${text}`)}. Reason given: “{run.override.reason}”
        </p>
      ) : null}
      {run.planChanges.length > 0 ? <PlanChanges run={run} /> : null}
      {/* Once the wave is rolled back the run's own message is history: a success's "every step done" would read as
          the wave's state, and a failure's "retry it…" no longer applies. The header and the rollback say the rest. */}
      {run.message && !(run.rollback && run.status === 'succeeded') ? (
        <p
          className="runbook-message"
          data-status={run.rollback ? 'history' : run.status}
          role={run.status === 'failed' && !run.rollback ? 'alert' : undefined}
          data-testid="runbook-message"
        >
          {run.rollback ? `This run: ${run.message}` : run.message}
        </p>
      ) : null}
      {refusal ? (
        <div className="error-box" role="alert" data-testid="runbook-refused">
          <strong>{refusal.kind === 'export' ? 'The evidence pack could not be exported.' : `${COMMAND_LABELS[refusal.kind]} was refused.`}</strong>
          <pre className="error-text">{refusal.message}</pre>
          <button type="button" className="link-button" onClick={dismissRefusal}>
            Dismiss
          </button>
        </div>
      ) : null}
      {run.status === 'not-started' || run.status === 'succeeded' || run.status === 'aborted' ? (
        <StartApproval waveId={wave.id} needed={run.approvalsToStart} newRun={run.status !== 'not-started'} />
      ) : null}
      {watching ? (
        <p className="runbook-watching" data-testid="runbook-watching">
          {watching}
        </p>
      ) : null}
      <div className="button-row runbook-controls" role="group" aria-label="Runbook controls">
        {controls.startLast ? null : startButton}
        <button type="button" disabled={!controls.pause} onClick={() => void send('pause')} title="No new step starts after the running one ends">
          Pause
        </button>
        <button type="button" disabled={!controls.resume} onClick={() => void send('resume')}>
          Resume
        </button>
        <button
          type="button"
          disabled={!controls.retry}
          onClick={() => void send('retry')}
          title="Runs the failed step again as its next attempt, then the rest"
        >
          Retry failed step
        </button>
        <button type="button" className="danger-outline" disabled={!controls.abort} onClick={() => openDialog('abort')}>
          Abort…
        </button>
        <button type="button" className="danger-outline" disabled={!controls.rollback} onClick={() => openDialog('rollback')}>
          Roll back wave
        </button>
        {run.status === 'succeeded' && !run.rollback ? (
          <button
            type="button"
            disabled={pending !== undefined || run.finalized !== null || watching !== null || storeAway}
            title={
              run.finalized
                ? `Finalized by ${whoText(run.finalized.by, run.finalized.byActor)} at ${formatUtcSeconds(run.finalized.at)}: ${run.finalized.reason}`
                : 'Accept the cutover: the wave can no longer be rolled back'
            }
            onClick={() => openDialog('finalize')}
          >
            {run.finalized ? 'Finalized' : 'Finalize cutover…'}
          </button>
        ) : null}
        {controls.startLast ? startButton : null}
        <span className="runbook-export" role="group" aria-label="Export evidence">
          <button
            type="button"
            disabled={exporting !== null || run.runId === null}
            onClick={() => void download('markdown')}
            aria-label="Export evidence (Markdown)"
          >
            Evidence: Markdown
          </button>
          <button type="button" disabled={exporting !== null || run.runId === null} onClick={() => void download('html')} aria-label="Export evidence (HTML)">
            HTML
          </button>
        </span>
      </div>
      {run.finalized ? (
        <p className="muted" data-testid="runbook-finalized">
          Finalized by <ActorName name={run.finalized.by} actor={run.finalized.byActor} /> at {formatUtcSeconds(run.finalized.at)}
          {run.finalized.reason ? `: “${run.finalized.reason}”` : ''}
        </p>
      ) : null}
      {pending ? (
        <p className="muted" role="status">
          Sending {COMMAND_LABELS[pending].toLowerCase()}…
        </p>
      ) : exporting ? (
        <p className="muted" role="status">
          Building the evidence pack…
        </p>
      ) : exported ? (
        <p className="muted" role="status" data-testid="evidence-exported">
          Evidence pack saved as {exported}.
        </p>
      ) : null}
      <RunbookSteps
        run={run}
        waitingStepId={controls.waitingStepId}
        onConfirm={(stepId, by, note, typed) => send('confirmStep', { stepId, by, note, ...(typed !== undefined ? { typed } : {}) }, 'caller')}
      />
      {run.timeline.length > 0 ? <RunTimeline run={run} now={coreNow} /> : null}
      {run.rollback ? <RollbackProgress rollback={run.rollback} /> : null}
      {dialog === 'start' ? (
        <StartDialog
          wave={wave}
          readiness={readiness}
          override={controls.startNeedsOverride}
          window={position === 'before' || position === 'after' ? { position, start: run.clock.windowStart!, end: run.clock.windowEnd! } : null}
          busy={pending !== undefined}
          error={dialogError}
          onStart={(by, reason) => {
            storeOperator(by);
            void send('start', { by, ...(reason !== null ? { overrideReason: reason } : {}) }, 'dialog');
          }}
          onClose={closeDialog}
        />
      ) : null}
      {dialog === 'abort' ? (
        <ConfirmDialog
          label="Confirm abort"
          title={`Abort the cutover of ${wave.name}`}
          confirmLabel="Abort cutover"
          confirmDisabled={pending !== undefined}
          danger
          onConfirm={() => void send('abort', {}, 'dialog')}
          onClose={closeDialog}
          testId="confirm-cutover-abort"
        >
          <p className="confirm-statement">The running step is cancelled and the run ends. Nothing is undone: roll the wave back afterwards if needed.</p>
          {dialogError ? <DialogRefusal action="Abort" message={dialogError} /> : null}
        </ConfirmDialog>
      ) : null}
      {dialog === 'rollback' || dialog === 'finalize' ? (
        <DecisionDialog
          kind={dialog}
          wave={wave}
          run={run}
          busy={pending !== undefined}
          error={dialogError}
          onConfirm={(by, reason) => {
            storeOperator(by);
            void send(dialog, { by, reason }, 'dialog');
          }}
          onClose={closeDialog}
        />
      ) : null}
    </>
  );
}
