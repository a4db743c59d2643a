// A wave's cutover runbook under its gate matrix: the run's status, its clocks (T-minus to the window before the
// start, elapsed after; the downtime budget left, red when exceeded — ticked here every second on the core's time),
// the controls (start, or start with a typed override reason; pause, resume, retry, abort, roll back, export the
// evidence pack), the ordered steps with their targets, and the rollback's compensations. Refusals of the core are
// shown in place, above the controls.
import { MIN_OVERRIDE_REASON } from '../../../../common/limits';
import { useId, useState, type FormEvent } from 'react';
import type { ApiError, CutoverRunView, CutoverStepView, WaveReadinessView, WaveView } from '../../../../main/api/contract';
import { useNow } from '../../hooks/use-now';
import {
  clocksTick,
  formatHms,
  downtime,
  isOverrideReasonValid,
  missingHint,
  missingInputs,
  overrideCircumstances,
  runClock,
  runControls,
  runStatusWords,
  STEP_TYPE_LABELS,
  stepFacts,
  stepTimeLeft,
  storedOperator,
  storeOperator,
  whoText,
  windowPosition,
} from '../../lib/cutover';
import { formatDuration, formatUtcAndLocal, formatUtcSeconds, formatWindow } from '../../lib/format';
import type { CutoverCommandKind, EvidenceFormat } from '../../store/cockpit-store';
import { useActions, useCockpit } from '../../store/context';
import { ActorName } from '../common/ActorName';
import { PhaseBadge } from '../common/PhaseBadge';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { DecisionDialog, RollbackProgress } from './RollbackDialogs';
import { RunTimeline } from './RunTimeline';

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

type Dialog = 'start' | 'abort' | 'rollback' | 'finalize' | null;

interface Refusal {
  readonly kind: CutoverCommandKind | 'export';
  readonly message: string;
}

export function RunbookPanel({ wave }: { wave: WaveView }) {
  const run = useCockpit((state) => state.cutover.runs[wave.id]);
  const loaded = useCockpit((state) => state.cutover.loaded);
  const error = useCockpit((state) => state.cutover.error);
  const headingId = useId();

  let body;
  if (run) body = <RunbookBody wave={wave} run={run} />;
  else if (error !== null) body = <p className="error-text" role="alert">The runbook state could not be read: {error}</p>;
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
  const { cutoverCommand, exportEvidence } = useActions();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<EvidenceFormat | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const skew = useCockpit((state) => state.cutover.skewMs[wave.id] ?? 0);
  // The window rule needs the time: re-evaluated each second while the wave has a window.
  const coreNow = useNow(run.clock.windowStart !== null, 1000) + skew;
  const controls = runControls(run, readiness, pending !== undefined, coreNow);
  const position = windowPosition(run, coreNow);

  /** Sends a command; a refusal shows in the open dialog, with the caller (the step's form), or above the controls. */
  const send = async (kind: CutoverCommandKind, options: Parameters<typeof cutoverCommand>[2] = {}, where: 'panel' | 'dialog' | 'caller' = 'panel'): Promise<ApiError | null> => {
    setRefusal(null);
    setDialogError(null);
    const by = options.by ?? (storedOperator() || undefined);
    const refused = await cutoverCommand(wave.id, kind, { ...options, ...(by ? { by } : {}) });
    if (refused) {
      if (where === 'dialog') setDialogError(refused.message);
      else if (where === 'panel') setRefusal({ kind, message: refused.message });
    } else if (where === 'dialog') setDialog(null);
    return refused;
  };

  const download = async (format: EvidenceFormat) => {
    setRefusal(null);
    setExported(null);
    setExporting(format);
    const result = await exportEvidence(wave.id, format);
    setExporting(null);
    if (!result.ok) {
      setRefusal({ kind: 'export', message: result.error.message });
      return;
    }
    downloadText(result.value.fileName, result.value.content, format === 'html' ? 'text/html' : 'text/markdown');
    setExported(result.value.fileName);
  };

  const overrideTitle = `${readiness?.ready === true ? 'The wave is outside its cutover window' : 'The wave is not ready'}: starting needs a typed reason, recorded in the evidence pack`;
  // On a cut-over (or finalized) wave a new run is offered last, after rolling back and finalizing, and not as the
  // primary action: it would leave the cut-over run's rollback behind.
  const startButton = controls.startLast ? (
    <button
      type="button"
      disabled={!controls.start && !controls.startNeedsOverride}
      onClick={() => setDialog('start')}
      title={`${controls.startNeedsOverride ? `${overrideTitle}. ` : ''}A new run starts the runbook again from its first step; this run's rollback is no longer offered then`}
    >
      {controls.startNeedsOverride ? 'Start a new run with override…' : 'Start a new run…'}
    </button>
  ) : controls.startNeedsOverride ? (
    <button type="button" className="danger-outline" onClick={() => setDialog('start')} title={overrideTitle}>
      Start with override…
    </button>
  ) : (
    <button type="button" className="primary" disabled={!controls.start} onClick={() => setDialog('start')}>
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
          <button type="button" className="link-button" onClick={() => setRefusal(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <div className="button-row runbook-controls" role="group" aria-label="Runbook controls">
        {controls.startLast ? null : startButton}
        <button type="button" disabled={!controls.pause} onClick={() => void send('pause')} title="No new step starts after the running one ends">
          Pause
        </button>
        <button type="button" disabled={!controls.resume} onClick={() => void send('resume')}>
          Resume
        </button>
        <button type="button" disabled={!controls.retry} onClick={() => void send('retry')} title="Runs the failed step again as its next attempt, then the rest">
          Retry failed step
        </button>
        <button type="button" className="danger-outline" disabled={!controls.abort} onClick={() => setDialog('abort')}>
          Abort…
        </button>
        <button type="button" className="danger-outline" disabled={!controls.rollback} onClick={() => setDialog('rollback')}>
          Roll back wave
        </button>
        {run.status === 'succeeded' && !run.rollback ? (
          <button
            type="button"
            disabled={pending !== undefined || run.finalized !== null}
            title={
              run.finalized
                ? `Finalized by ${whoText(run.finalized.by, run.finalized.byActor)} at ${formatUtcSeconds(run.finalized.at)}: ${run.finalized.reason}`
                : 'Accept the cutover: the wave can no longer be rolled back'
            }
            onClick={() => setDialog('finalize')}
          >
            {run.finalized ? 'Finalized' : 'Finalize cutover…'}
          </button>
        ) : null}
        {controls.startLast ? startButton : null}
        <span className="runbook-export" role="group" aria-label="Export evidence">
          <button type="button" disabled={exporting !== null || run.runId === null} onClick={() => void download('markdown')} aria-label="Export evidence (Markdown)">
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
      <StepList run={run} waitingStepId={controls.waitingStepId} onConfirm={(stepId, by, note) => send('confirmStep', { stepId, by, note }, 'caller')} />
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
          onClose={() => {
            setDialog(null);
            setDialogError(null);
          }}
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
          onClose={() => {
            setDialog(null);
            setDialogError(null);
          }}
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
          onClose={() => {
            setDialog(null);
            setDialogError(null);
          }}
        />
      ) : null}
    </>
  );
}

function DialogRefusal({ action, message }: { action: string; message: string }) {
  return (
    <div className="error-box" role="alert" data-testid="runbook-dialog-refused">
      <strong>{action} was refused; nothing was changed.</strong>
      <pre className="error-text">{message}</pre>
    </div>
  );
}

/** Status, the T-minus / elapsed clock and the downtime budget, on the core's time, ticking every second. */
function RunHeader({ wave, run }: { wave: WaveView; run: CutoverRunView }) {
  const skew = useCockpit((state) => state.cutover.skewMs[wave.id] ?? 0);
  const now = useNow(clocksTick(run), 1000);
  const coreNow = now + skew;
  const clock = runClock(run, coreNow, wave.cutoverWindow?.start ?? null);
  const budget = downtime(run, coreNow);
  const phase = useCockpit((state) => state.readiness.waves[wave.id]);
  const downtimeFrom = downtimeStartLabel(run);
  // The wave's phase is the one truth; the run's status beside it never contradicts it (a rolled-back run's end is history).
  const status = runStatusWords(run, phase?.phase);
  return (
    // Sticky: the elapsed clock and the budget stay in view while the operator scrolls through the steps.
    <div className="runbook-head" data-testid="runbook-head">
      {phase ? <PhaseBadge wave={phase} testId="runbook-phase" /> : null}
      <span className="muted">Runbook</span>
      <span className="runbook-status" data-status={run.status} data-tone={status.tone ?? undefined} data-testid="runbook-status" title={status.title}>
        {status.label}
      </span>
      {clock.kind !== 'none' ? (
        <span className="runbook-clock" data-kind={clock.kind} data-testid="runbook-clock" title={clock.kind === 't-minus' ? 'Time to the start of the cutover window' : 'Time since the run started'}>
          {clock.label}
        </span>
      ) : null}
      <span
        className="runbook-downtime"
        data-exceeded={budget.exceeded}
        data-testid="runbook-downtime"
        title={`Downtime budget ${formatDuration(run.clock.downtimeBudgetMinutes * 60)}${downtimeFrom ? `, counted from ${downtimeFrom}` : ''}${run.clock.downtimeStartedAt ? `, since ${formatUtcSeconds(run.clock.downtimeStartedAt)}` : ''}; a failed or aborted run's downtime lasts until its rollback completes`}
      >
        {budget.label}
      </span>
      {run.startedAt ? (
        <span className="muted runbook-times" data-testid="runbook-times">
          Started {formatUtcAndLocal(run.startedAt)}
          {run.startedBy ? (
            <>
              {' '}
              by <ActorName name={run.startedBy} actor={run.startedByActor} testId="runbook-started-by" />
            </>
          ) : null}
          {run.finishedAt ? `, ended ${formatUtcAndLocal(run.finishedAt)}` : ''}
        </span>
      ) : null}
    </div>
  );
}

function StepList({ run, waitingStepId, onConfirm }: { run: CutoverRunView; waitingStepId: string | null; onConfirm(stepId: string, by: string, note: string): Promise<ApiError | null> }) {
  return (
    <ol className="runbook-steps" aria-label="Runbook steps">
      {run.steps.map((step, index) => (
        <StepItem key={step.id} waveId={run.waveId} index={index} step={step} current={step.id === run.currentStepId} canConfirm={step.id === waitingStepId} onConfirm={onConfirm} />
      ))}
    </ol>
  );
}

function StepItem(props: { waveId: string; index: number; step: CutoverStepView; current: boolean; canConfirm: boolean; onConfirm(stepId: string, by: string, note: string): Promise<ApiError | null> }) {
  const { waveId, index, step, current, canConfirm, onConfirm } = props;
  const nameId = useId();
  const facts = stepFacts(step);
  return (
    <li className="runbook-step" data-status={step.status} data-step-id={step.id} aria-labelledby={nameId} aria-current={current ? 'step' : undefined} data-testid="runbook-step">
      <div className="runbook-step-head">
        <span className="runbook-step-index">{index + 1}</span>
        <span className="runbook-step-name" id={nameId}>
          {step.name}
        </span>
        <span className="runbook-step-type" data-manual={step.type === 'manual'}>
          {STEP_TYPE_LABELS[step.type]}
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
      </div>
      <p className="runbook-step-description">{step.description}</p>
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
              <code>{target.stackId}</code> <span className="runbook-step-status" data-status={target.status}>{target.status}</span>
              {target.message ? <span className="muted"> {target.message}</span> : null}
              {target.updateVersion !== null ? <span className="muted"> (update v{target.updateVersion})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canConfirm ? <ConfirmStepForm step={step} onConfirm={onConfirm} /> : null}
    </li>
  );
}

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

function ConfirmStepForm({ step, onConfirm }: { step: CutoverStepView; onConfirm(stepId: string, by: string, note: string): Promise<ApiError | null> }) {
  const [by, setBy] = useState(storedOperator);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const byId = useId();
  const noteId = useId();
  const hintId = useId();
  const hint = missingHint(missingInputs(by, null), 'confirm the step');
  const typeName = (value: string) => {
    setBy(value);
    storeOperator(value);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!by.trim() || sending) return;
    storeOperator(by);
    setSending(true);
    setRefused(null);
    const error = await onConfirm(step.id, by.trim(), note);
    setSending(false);
    setRefused(error ? error.message : null);
  };
  return (
    <form className="runbook-confirm" onSubmit={(event) => void submit(event)} aria-label={`Confirm ${step.name}`}>
      <div className="runbook-confirm-field">
        <label htmlFor={byId} className="field-label">
          Confirmed by
        </label>
        <input id={byId} type="text" value={by} maxLength={200} autoComplete="off" aria-invalid={hint ? true : undefined} onChange={(event) => typeName(event.target.value)} />
      </div>
      <div className="runbook-confirm-field grow">
        <label htmlFor={noteId} className="field-label">
          Note (optional)
        </label>
        <input id={noteId} type="text" value={note} maxLength={2000} autoComplete="off" onChange={(event) => setNote(event.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={!by.trim() || sending} aria-describedby={hint ? hintId : undefined}>
        Confirm step
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

function StartDialog(props: {
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
  const [by, setBy] = useState(storedOperator);
  const [reason, setReason] = useState('');
  const byId = useId();
  const reasonId = useId();
  const reasonOk = !override || isOverrideReasonValid(reason);
  const canStart = !busy && by.trim().length > 0 && reasonOk;
  const missing = missingHint(missingInputs(by, override ? reason : null), override ? 'start with the override' : 'start');
  const typeName = (value: string) => {
    setBy(value);
    storeOperator(value);
  };
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
              Outside the cutover window: {formatWindow(window.start, window.end)}{' '}
              {window.position === 'before' ? 'has not opened yet.' : 'has closed.'}
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
          <label htmlFor={reasonId} className="field-label">
            Reason for the override
          </label>
          <textarea id={reasonId} className="runbook-reason" rows={3} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} aria-describedby={`${reasonId}-hint`} />
          <span id={`${reasonId}-hint`} className="field-hint">
            At least {MIN_OVERRIDE_REASON} characters ({reason.trim().length} so far). It is recorded with the readiness and the cutover window at this moment and goes into the evidence pack.
          </span>
        </>
      ) : null}
      {error ? <DialogRefusal action="Start" message={error} /> : null}
    </ConfirmDialog>
  );
}

/** Saves text as a file: a Blob URL on an <a download> (a download, not a navigation), revoked afterwards. */
export function downloadText(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The plan's wave changed since the run started: the run keeps its own runbook and stacks, and says so. */
function PlanChanges({ run }: { run: CutoverRunView }) {
  const ended = run.status === 'succeeded' || run.status === 'aborted';
  return (
    <div className="runbook-plan-changes" data-testid="runbook-plan-changes">
      <strong>
        {ended
          ? "The plan's runbook for this wave differs from the one this run used:"
          : 'The plan changed since this run started. This run keeps the runbook and stacks it started with; a new run takes the plan’s:'}
      </strong>
      <ul>
        {run.planChanges.map((change) => (
          <li key={change}>{change}</li>
        ))}
      </ul>
    </div>
  );
}

/** Which step starts the downtime: the first freeze-check unless the plan says otherwise (the core decides; named here). */
function downtimeStartLabel(run: CutoverRunView): string | null {
  const started = run.clock.downtimeStartedAt;
  const step = started ? run.steps.find((candidate) => candidate.startedAt === started) : undefined;
  return step ? `step '${step.name}'` : started ? 'the start of the run' : null;
}
