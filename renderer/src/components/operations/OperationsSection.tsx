// The stack detail panel's "Operations" section: the operation buttons (with the reasons they are disabled),
// the confirmations for destroy and for a deploy that deletes or replaces, and the stack's current or last
// operation: status, progress, changes, failure, preview diff and live log.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { OperationView, PlanView, StackView } from '../../../../main/api/contract';
import { formatClock, formatElapsed, formatUtcSeconds } from '../../lib/format';
import { changesText, countsText, destructiveChanges, elapsedMs, kindLabel, runningLabel } from '../../lib/operations';
import { CHANGE_OF_OPERATION, phaseRefusal } from '../../../../common/phase-guard';
import { useNow } from '../../hooks/use-now';
import { useActions, useCockpit } from '../../store/context';
import type { StackOperationKind } from '../../store/cockpit-store';
import { latestOperation, latestPreview, operationsOfStack } from '../../store/operations';
import { ConfirmDeployDialog } from './ConfirmDeployDialog';
import { ConfirmDestroyDialog } from './ConfirmDestroyDialog';
import { ConfirmDeregisterDialog, ConfirmRollbackDialog } from './ConfirmStackDialogs';
import { OperationLog } from './OperationLog';
import { OperationStatusBadge } from './OperationStatusBadge';
import { ProgressBar } from './ProgressBar';
import { StepList } from './StepList';

const BUTTONS: readonly { kind: StackOperationKind; label: string; help: string; className?: string; registriesOnly?: boolean }[] = [
  { kind: 'preview', label: 'Preview', help: 'Show what a deploy would change, without changing anything (pulumi preview)' },
  { kind: 'up', label: 'Deploy', help: 'Create or update the stack’s resources and register it (pulumi up)', className: 'primary' },
  { kind: 'refresh', label: 'Refresh', help: 'Read the real resources and bring the stack’s state in line (pulumi refresh)' },
  { kind: 'destroy', label: 'Destroy', help: 'Delete every resource of the stack and deregister it (pulumi destroy)', className: 'danger-outline' },
  {
    kind: 'rollback',
    label: 'Rollback',
    help: 'Redeploy the config of the stack’s previous successful update, or destroy it if it had none',
    className: 'danger-outline',
  },
  { kind: 'register', label: 'Register', help: 'Record the stack in its registries (or find its existing records there)', registriesOnly: true },
  {
    kind: 'deregister',
    label: 'Deregister',
    help: 'Remove the stack’s records from its registries; its other resources stay',
    className: 'danger-outline',
    registriesOnly: true,
  },
];

/** Kinds that ask for a confirmation first. */
type ConfirmKind = 'destroy' | 'deploy' | 'rollback' | 'deregister';

export function OperationsSection({ plan, stack }: { plan: PlanView; stack: StackView }) {
  const headingId = useId();
  const reasonId = useId();
  const toolchain = useCockpit((state) => state.toolchain);
  const latest = useCockpit((state) => latestOperation(state.operations, stack.id));
  const preview = useCockpit((state) => latestPreview(state.operations, stack.id));
  const pending = useCockpit((state) => state.pendingOperations[stack.id]);
  const cancelRequestedFor = useCockpit((state) => state.cancelRequested[stack.id]);
  const { operateStack, cancelOperation } = useActions();
  const [confirm, setConfirm] = useState<ConfirmKind | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const sectionRef = useRef<HTMLElement>(null);

  const running = latest?.status === 'running' ? latest : undefined;
  const cancelRequested = running !== undefined && cancelRequestedFor === running.operationId;
  const cliMissing = toolchain?.found === false ? toolchain.message : null;

  let reason: string | null = null;
  if (cliMissing !== null) reason = 'Pulumi CLI missing: operations cannot run until it is installed (see above).';
  else if (running) reason = `${runningLabel(running.kind)}… wait for it to finish, or Cancel it (the engine finishes in-flight steps first).`;
  else if (pending) reason = `Starting ${kindLabel(pending).toLowerCase()}…`;
  const buttonsDisabled = reason !== null;
  // Destroy, rollback and deregister act on what a deploy made: nothing to act on for a stack never deployed.
  const neverDeployed = stack.lifecycle.state === 'planned';
  const nothingToActOn = (kind: string) => neverDeployed && (kind === 'destroy' || kind === 'rollback' || kind === 'deregister');
  // What the wave's cutover phase forbids (the core refuses it with the same words): decided before any dialog.
  const wavePhase = useCockpit((state) => (stack.waveId ? state.readiness.waves[stack.waveId]?.phase : undefined));
  const phaseBlock = (kind: string) => {
    const change = CHANGE_OF_OPERATION[kind];
    return stack.waveId && change ? phaseRefusal(stack.waveId, wavePhase, change) : null;
  };

  // A button that gets disabled under the keyboard focus would drop the focus on the page: hand it to Cancel
  // while an operation runs, and back to the operation's button when it ends.
  const runningId = running?.operationId;
  const lastKind = latest?.kind;
  useEffect(() => {
    const active = document.activeElement;
    const section = sectionRef.current;
    if (!section) return;
    const lost = active === document.body || (active instanceof HTMLButtonElement && active.disabled && section.contains(active));
    if (!lost) return;
    if (runningId) cancelRef.current?.focus();
    else if (lastKind) section.querySelector<HTMLButtonElement>(`button[data-operation-kind="${lastKind}"]:not(:disabled)`)?.focus();
  }, [runningId, lastKind]);

  const start = (kind: StackOperationKind) => {
    setConfirm(null);
    void operateStack(stack.id, kind);
  };

  const onButton = (kind: StackOperationKind) => {
    if (kind === 'destroy' || kind === 'rollback' || kind === 'deregister') {
      setConfirm(kind);
      return;
    }
    if (kind === 'up' && preview && preview.status === 'succeeded') {
      const { deletes, replaces } = destructiveChanges(preview);
      if (deletes > 0 || replaces > 0) {
        setConfirm('deploy');
        return;
      }
    }
    start(kind);
  };

  return (
    <section ref={sectionRef} className="operations" aria-labelledby={headingId} data-testid="operations">
      <h3 id={headingId}>Operations</h3>
      {cliMissing !== null ? (
        <div className="error-box" role="alert" data-testid="toolchain-missing">
          <strong>Pulumi CLI missing.</strong> {cliMissing}
        </div>
      ) : null}
      <div className="op-buttons" role="group" aria-label="Stack operations" aria-describedby={reason ? reasonId : undefined}>
        {BUTTONS.filter((button) => !button.registriesOnly || stack.registries.length > 0).map((button) => (
          <button
            key={button.kind}
            type="button"
            className={button.className}
            data-operation-kind={button.kind}
            disabled={buttonsDisabled || nothingToActOn(button.kind) || phaseBlock(button.kind) !== null}
            aria-busy={pending === button.kind || undefined}
            title={reason ?? (nothingToActOn(button.kind) ? `Nothing to act on: ${stack.name} is not deployed` : (phaseBlock(button.kind) ?? button.help))}
            onClick={() => onButton(button.kind)}
          >
            {button.label}
          </button>
        ))}
        <button
          ref={cancelRef}
          type="button"
          className="cancel-button"
          disabled={!running || cancelRequested}
          aria-busy={cancelRequested || undefined}
          title={
            !running
              ? 'Nothing is running on this stack'
              : cancelRequested
                ? 'Cancel requested: the engine finishes the steps in flight, then stops'
                : `Stop the ${kindLabel(running.kind).toLowerCase()} (the engine finishes the steps in flight first)`
          }
          onClick={() => void cancelOperation(stack.id)}
        >
          Cancel
        </button>
      </div>
      {reason ? (
        <p id={reasonId} className="op-reason muted">
          {cancelRequested ? 'Cancel requested: the engine finishes the steps in flight, then stops.' : reason}
        </p>
      ) : null}
      {!reason && phaseBlock('destroy') ? (
        <p className="op-reason muted" data-testid="operations-phase-block">
          {`${phaseBlock('up') ?? phaseBlock('destroy')}.`}
        </p>
      ) : null}

      <OperationHistory stack={stack} latest={latest} />

      {confirm === 'destroy' ? <ConfirmDestroyDialog plan={plan} stack={stack} onConfirm={() => start('destroy')} onClose={() => setConfirm(null)} /> : null}
      {confirm === 'rollback' ? <ConfirmRollbackDialog plan={plan} stack={stack} onConfirm={() => start('rollback')} onClose={() => setConfirm(null)} /> : null}
      {confirm === 'deregister' ? (
        <ConfirmDeregisterDialog plan={plan} stack={stack} onConfirm={() => start('deregister')} onClose={() => setConfirm(null)} />
      ) : null}
      {confirm === 'deploy' && preview ? (
        <ConfirmDeployDialog stack={stack} preview={preview} onConfirm={() => start('up')} onClose={() => setConfirm(null)} />
      ) : null}
    </section>
  );
}

/** The latest operation, or an earlier one of this stack the operator picked (until a new one starts). */
function OperationHistory({ stack, latest }: { stack: StackView; latest: OperationView | undefined }) {
  const selectId = useId();
  const byId = useCockpit((state) => state.operations.byId);
  const operations = useMemo(() => operationsOfStack(byId, stack.id), [byId, stack.id]);
  const [picked, setPicked] = useState<{ latestId: string | undefined; id: string } | null>(null);
  const latestId = latest?.operationId;
  const shown = (picked && picked.latestId === latestId ? byId[picked.id] : undefined) ?? latest;

  if (!shown) {
    return (
      <p className="muted" data-testid="no-operation">
        No operation has run on this stack since the cockpit started.
      </p>
    );
  }
  return (
    <>
      {operations.length > 1 ? (
        <div className="op-history">
          <label htmlFor={selectId} className="muted">
            Showing
          </label>
          <select id={selectId} value={shown.operationId} onChange={(event) => setPicked({ latestId, id: event.target.value })}>
            {operations.map((operation) => (
              <option key={operation.operationId} value={operation.operationId}>
                {kindLabel(operation.kind)} {operation.status} · {formatClock(operation.startedAt)} UTC
                {operation.operationId === latestId ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <OperationDetails key={shown.operationId} operation={shown} />
    </>
  );
}

function OperationDetails({ operation }: { operation: OperationView }) {
  const log = useCockpit((state) => state.operations.logs[operation.operationId]);
  const { setJournalStackFilter, setView } = useActions();
  const openJournal = () => {
    setJournalStackFilter(operation.stackId);
    setView('journal');
  };
  const running = operation.status === 'running';
  const now = useNow(running);
  const changes = changesText(operation.changes, operation.kind);

  return (
    <div className="op-details" data-testid="operation" data-operation-id={operation.operationId}>
      <div className="op-head">
        <OperationStatusBadge operation={operation} testId="operation-status" />
        {operation.updateVersion !== null ? <span className="op-version">update #{operation.updateVersion}</span> : null}
        <span className="op-elapsed" title={`Started ${formatUtcSeconds(operation.startedAt)}`}>
          {running ? 'running for ' : 'took '}
          {formatElapsed(elapsedMs(operation, now))}
        </span>
      </div>
      <ProgressBar operation={operation} />
      <p className="op-counts" data-testid="operation-counts">
        {countsText(operation)}
      </p>
      {changes ? (
        <p className="op-changes" data-testid="operation-changes">
          <span className="muted">{operation.kind === 'preview' ? 'Would change: ' : 'Changes: '}</span>
          {changes}
        </p>
      ) : null}
      {operation.message && operation.status === 'failed' ? (
        <div className="error-box" role="alert" data-testid="operation-error">
          <strong>{kindLabel(operation.kind)} failed.</strong>
          <pre className="error-text">{operation.message}</pre>
        </div>
      ) : operation.message ? (
        <p className="op-message" data-testid="operation-message">
          {operation.message}
        </p>
      ) : null}
      {operation.status === 'cancelled' && !operation.message ? (
        <p className="op-message">Cancelled: the engine stopped after the steps that were in flight.</p>
      ) : null}

      {operation.kind === 'preview' ? <h4 className="op-subtitle">Preview diff</h4> : <h4 className="op-subtitle">Resources</h4>}
      <StepList operation={operation} />

      <OperationLog
        operationId={operation.operationId}
        log={log}
        running={running}
        onOpenJournal={openJournal}
        label={`Event log of the ${kindLabel(operation.kind).toLowerCase()} started ${formatUtcSeconds(operation.startedAt)}`}
      />
    </div>
  );
}
