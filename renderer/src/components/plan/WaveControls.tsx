// A wave's Pulumi operations on the Plan tab: Deploy wave / Undo wave deploy… (each confirmed first) and Cancel wave
// in the wave's header, and the strip of its last wave operation (the wave's status, then one chip per stack).
// "Undo wave deploy" returns the wave's stacks to their previous Pulumi update (a stack that had none is destroyed):
// infrastructure only. It is not the cutover rollback (the Cutover tab), which moves traffic and data back first, so
// while the cutover holds the wave (cut over, in progress, stopped, rolling back) the header points there instead.
import { WAVE_PHASE_WORDS } from '../../../../common/states';
import { useState, type ReactNode } from 'react';
import type { WaveOperationView, WaveView } from '../../../../main/api/contract';
import { formatElapsed, formatUtcSeconds, plural } from '../../lib/format';
import { STATUS_ICONS } from '../../lib/operations';
import { dependencyNote, undoDeployRefusal, WAVE_OPERATION_NAMES, waveOperationRecency } from '../../lib/plan-wave';

import { useActions, useCockpit } from '../../store/context';
import type { WaveCommandKind } from '../../store/cockpit-store';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { TypedConfirmField } from '../dialogs/TypedConfirmField';

export function WaveButtons({ wave }: { wave: WaveView }) {
  const operation = useCockpit((state) => state.waveOperations[wave.id]);
  const pending = useCockpit((state) => state.pendingWaves[wave.id]);
  const cliMissing = useCockpit((state) => state.toolchain?.found === false);
  // The core's own refusal, known before any dialog opens (common/phase-guard.ts, main/cutover/stack-exists.ts);
  // undefined until readiness arrives.
  const knownRefusal = useCockpit((state) => state.readiness.waves[wave.id]?.deployRefusal);
  const deployRefusal = knownRefusal ?? null;
  // Unknown until readiness arrives: then nothing is disabled for it.
  const nothingDeployed = useCockpit((state) => state.readiness.waves[wave.id]?.stacks.every((stack) => stack.sync.status === 'missing') ?? false);
  const phase = useCockpit((state) => state.readiness.waves[wave.id]?.phase);
  const { operateWave, cancelWave, openReadiness } = useActions();
  const [confirm, setConfirm] = useState<WaveCommandKind | null>(null);
  const [error, setError] = useState<string | null>(null);

  const running = operation?.status === 'running';
  let reason: string | null = null;
  if (cliMissing) reason = 'Pulumi CLI missing: operations cannot run until it is installed';
  else if (running) reason = `A ${WAVE_OPERATION_NAMES[operation.kind].toLowerCase()} of this wave is running`;
  else if (pending) reason = 'Starting…';
  else if (wave.stackIds.length === 0) reason = 'The wave has no stacks';
  // While the cutover holds the wave, undoing its deploy is not offered here: its rollback is on the Cutover tab.
  const heldByCutover = undoDeployRefusal(phase);

  const open = (kind: WaveCommandKind) => {
    setError(null);
    setConfirm(kind);
  };
  const close = () => {
    setConfirm(null);
    setError(null);
  };
  const start = async (kind: WaveCommandKind) => {
    setError(null);
    const refused = await operateWave(wave.id, kind);
    if (refused) setError(refused.message);
    else setConfirm(null);
  };

  const count = plural(wave.stackIds.length, 'stack');
  const note = dependencyNote(wave.dependsOn, knownRefusal);
  return (
    <div className="wave-buttons" role="group" aria-label={`Operations of ${wave.name}`}>
      {/* Not the primary action while a stopped cutover holds the wave: retry, abort or roll back come first. */}
      <button
        type="button"
        className={phase === 'cutover-stopped' ? undefined : 'primary'}
        disabled={reason !== null || deployRefusal !== null}
        title={
          reason ??
          deployRefusal ??
          (phase === 'cutover-stopped' ? `The cutover of ${wave.name} is stopped: deploy only to fix what stopped it` : `Deploy the ${count} of ${wave.name}`)
        }
        onClick={() => open('deploy')}
      >
        Deploy wave
      </button>
      {heldByCutover ? (
        <button
          type="button"
          className="link-button wave-undo-elsewhere"
          data-testid="wave-undo-elsewhere"
          data-phase={phase}
          title={heldByCutover.detail}
          onClick={() => openReadiness(wave.id)}
        >
          {capitalize(heldByCutover.short)} →
        </button>
      ) : (
        <button
          type="button"
          className="danger-outline"
          disabled={reason !== null || nothingDeployed}
          title={
            reason ??
            (nothingDeployed
              ? 'Nothing to undo: no stack of this wave was ever deployed'
              : `Return the ${count} of ${wave.name} to their previous Pulumi update, in reverse order (infrastructure only: not the cutover rollback)`)
          }
          onClick={() => open('rollback')}
        >
          Undo wave deploy…
        </button>
      )}
      <button
        type="button"
        className="cancel-button"
        disabled={!running || pending === 'cancel'}
        aria-busy={pending === 'cancel' || undefined}
        title={running ? 'Stop starting stacks and cancel the running ones' : 'No wave operation is running'}
        onClick={() => void cancelWave(wave.id)}
      >
        Cancel wave
      </button>
      {deployRefusal && reason === null ? (
        <p className="wave-refusal muted" data-testid="wave-deploy-refusal">
          Deploy refused: {deployRefusal}.
        </p>
      ) : null}
      {confirm === 'deploy' ? (
        <ConfirmDialog
          label="Confirm wave deploy"
          title={`Deploy ${wave.name}`}
          confirmLabel="Deploy wave"
          confirmDisabled={pending !== undefined}
          onConfirm={() => void start('deploy')}
          onClose={close}
          testId="confirm-wave-deploy"
        >
          <p className="confirm-statement">
            Deploy wave {wave.name}: {count}, at most {wave.maxParallel} at once; stops starting stacks at the first failure.
          </p>
          {note ? <p className="muted">{note}</p> : null}
          {phase === 'cut-over' || phase === 'finalized' || phase === 'cutover-stopped' ? (
            <p className={phase === 'cutover-stopped' ? 'confirm-statement' : 'muted'} data-testid="deploy-keeps-cutover">
              {phase === 'cutover-stopped'
                ? 'The cutover of this wave is stopped mid-run: the config its steps applied so far (e.g. trafficTarget) goes with this deploy. Deploy only to fix what stopped it, then retry, abort or roll back on the Cutover tab.'
                : `This wave is ${phase === 'finalized' ? 'finalized' : 'cut over'}: the config its cutover applied (e.g. trafficTarget) goes with this deploy, so traffic stays where the runbook put it.`}
            </p>
          ) : null}
          <CommandError error={error} what="The wave deploy did not start." />
        </ConfirmDialog>
      ) : null}
      {confirm === 'rollback' ? (
        <ConfirmUndoDeploy wave={wave} count={count} pending={pending !== undefined} onConfirm={() => void start('rollback')} onClose={close}>
          <CommandError error={error} what="The undo of the wave deploy did not start." />
        </ConfirmUndoDeploy>
      ) : null}
    </div>
  );
}

function CommandError({ error, what }: { error: string | null; what: string }) {
  if (error === null) return null;
  return (
    <div className="error-box" role="alert" data-testid="wave-command-error">
      <strong>{what}</strong>
      <pre className="error-text">{error}</pre>
    </div>
  );
}

/**
 * The undo of a wave deploy says what it loses and wants the wave's id typed: a stack that had no earlier update is
 * destroyed, with whatever data it holds.
 */
function ConfirmUndoDeploy(props: { wave: WaveView; count: string; pending: boolean; onConfirm(): void; onClose(): void; children: ReactNode }) {
  const { wave, count, pending, onConfirm, onClose, children } = props;
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === wave.id;
  return (
    <ConfirmDialog
      label="Confirm undo of the wave deploy"
      title={`Undo the deploy of ${wave.name}`}
      confirmLabel="Undo wave deploy"
      confirmDisabled={pending || !matches}
      danger
      onConfirm={onConfirm}
      onClose={onClose}
      testId="confirm-wave-undo"
    >
      <p className="confirm-statement">
        Returns each of the {count} of {wave.name} to its previous successful Pulumi update, in reverse order.
      </p>
      <div className="error-box wave-undo-loss" data-testid="wave-undo-loss">
        <strong>Data can be lost.</strong> A stack that had no earlier update is destroyed: its resources are deleted with any data in them (databases
        included), and it is deregistered.
      </div>
      <p className="muted">
        This changes infrastructure only. It is not the cutover rollback: it moves no traffic and no replication back. A wave that was cut over is rolled back
        on the Cutover tab.
      </p>
      <TypedConfirmField what="wave id" expected={wave.id} value={typed} onChange={setTyped} />
      {children}
    </ConfirmDialog>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const STACK_STATUS_ICONS: Record<WaveOperationView['stacks'][number]['status'], string> = {
  pending: '○',
  running: STATUS_ICONS.running,
  succeeded: STATUS_ICONS.succeeded,
  failed: STATUS_ICONS.failed,
  cancelled: STATUS_ICONS.cancelled,
  skipped: '–',
};

/**
 * The wave's last wave operation: its status and times, and each stack's status in the order it works on them. Once a
 * later phase (the cutover, a rollback) took over, only one line of history is left, so it does not read as the
 * wave's state.
 */
export function WaveProgress({ waveId }: { waveId: string }) {
  const operation = useCockpit((state) => state.waveOperations[waveId]);
  const phase = useCockpit((state) => state.readiness.waves[waveId]?.phase);
  const phaseSince = useCockpit((state) => state.readiness.waves[waveId]?.phaseSince);
  if (!operation) return null;
  const name = WAVE_OPERATION_NAMES[operation.kind];
  const took = operation.finishedAt ? Date.parse(operation.finishedAt) - Date.parse(operation.startedAt) : null;
  const times = `started ${formatUtcSeconds(operation.startedAt)}${took !== null ? `, took ${formatElapsed(took)}` : ''}`;
  const recency = waveOperationRecency(operation, phase, phaseSince);
  const status = (
    <>
      <span className="op-status-icon" aria-hidden="true">
        {STATUS_ICONS[operation.status]}
      </span>{' '}
      <strong>
        {name} {operation.status}
      </strong>
    </>
  );
  if (recency === 'superseded') {
    return (
      <div className="wave-progress wave-progress-history" data-testid="wave-progress" data-recency="superseded">
        <p className="wave-op-status muted" data-testid="wave-operation" data-status={operation.status} data-kind={operation.kind}>
          <span className="wave-op-earlier">Earlier:</span> {status} <span> · {times}</span>
          {phase ? <span> · since then: {WAVE_PHASE_WORDS[phase].toLowerCase()}</span> : null}
        </p>
      </div>
    );
  }
  return (
    <div className="wave-progress" data-testid="wave-progress" data-recency="current" aria-live="polite">
      <p className="wave-op-status" data-testid="wave-operation" data-status={operation.status} data-kind={operation.kind}>
        {status}
        <span className="muted"> · {times}</span>
        {operation.message ? <span className="wave-op-message"> · {operation.message}</span> : null}
      </p>
      <ol className="wave-stack-chips" aria-label={`Stacks of the ${name.toLowerCase()}`}>
        {operation.stacks.map((stack) => (
          <li
            key={stack.stackId}
            className="wave-stack-chip"
            data-testid="wave-stack-status"
            data-stack-id={stack.stackId}
            data-status={stack.status}
            title={`${stack.stackId}: ${stack.status}`}
          >
            <span className="op-status-icon" aria-hidden="true">
              {STACK_STATUS_ICONS[stack.status]}
            </span>
            {stack.stackId.slice(stack.stackId.indexOf('/') + 1)} <span className="muted">{stack.status}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
