// A wave's operations: Deploy wave / Roll back wave (each confirmed first) and Cancel wave in the wave's
// header, and the progress strip of its newest operation (the wave's status, then one chip per stack).
import { useState } from 'react';
import type { WaveOperationView, WaveView } from '../../../../main/api/contract';
import { formatClock, plural } from '../../lib/format';
import { kindLabel, STATUS_ICONS } from '../../lib/operations';
import { useActions, useCockpit } from '../../store/context';
import type { WaveCommandKind } from '../../store/cockpit-store';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';

export function WaveButtons({ wave }: { wave: WaveView }) {
  const operation = useCockpit((state) => state.waveOperations[wave.id]);
  const pending = useCockpit((state) => state.pendingWaves[wave.id]);
  const cliMissing = useCockpit((state) => state.toolchain?.found === false);
  // The core's own refusal, known before any dialog opens (main/cutover/stack-exists.ts).
  const deployRefusal = useCockpit((state) => state.readiness.waves[wave.id]?.deployRefusal ?? null);
  // Unknown until readiness arrives: then nothing is disabled for it.
  const nothingDeployed = useCockpit((state) => state.readiness.waves[wave.id]?.stacks.every((stack) => stack.sync.status === 'missing') ?? false);
  const { operateWave, cancelWave } = useActions();
  const [confirm, setConfirm] = useState<WaveCommandKind | null>(null);
  const [error, setError] = useState<string | null>(null);

  const running = operation?.status === 'running';
  let reason: string | null = null;
  if (cliMissing) reason = 'Pulumi CLI missing: operations cannot run until it is installed';
  else if (running) reason = `A ${kindLabel(operation.kind).toLowerCase()} of this wave is running`;
  else if (pending) reason = 'Starting…';
  else if (wave.stackIds.length === 0) reason = 'The wave has no stacks';

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
  return (
    <div className="wave-buttons" role="group" aria-label={`Operations of ${wave.name}`}>
      <button type="button" className="primary" disabled={reason !== null || deployRefusal !== null} title={reason ?? deployRefusal ?? `Deploy the ${count} of ${wave.name}`} onClick={() => open('deploy')}>
        Deploy wave
      </button>
      <button
        type="button"
        className="danger-outline"
        disabled={reason !== null || nothingDeployed}
        title={reason ?? (nothingDeployed ? 'Nothing to roll back: no stack of this wave was ever deployed' : `Roll back the ${count} of ${wave.name}, in reverse order`)}
        onClick={() => open('rollback')}
      >
        Roll back wave
      </button>
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
          Deploy is not possible yet: {deployRefusal}.
        </p>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          label={confirm === 'deploy' ? 'Confirm wave deploy' : 'Confirm wave rollback'}
          title={confirm === 'deploy' ? `Deploy ${wave.name}` : `Roll back ${wave.name}`}
          confirmLabel={confirm === 'deploy' ? 'Deploy wave' : 'Roll back wave'}
          confirmDisabled={pending !== undefined}
          danger={confirm === 'rollback'}
          onConfirm={() => void start(confirm)}
          onClose={close}
          testId={confirm === 'deploy' ? 'confirm-wave-deploy' : 'confirm-wave-rollback'}
        >
          <p className="confirm-statement">
            {confirm === 'deploy' ? (
              <>
                Deploy wave {wave.name}: {count}, at most {wave.maxParallel} at once; stops starting stacks at the first failure.
              </>
            ) : (
              <>
                Roll back wave {wave.name}: rolls back its {count} in reverse order.
              </>
            )}
          </p>
          {confirm === 'deploy' && wave.dependsOn.length > 0 ? (
            <p className="muted">The stacks of {wave.dependsOn.join(', ')} must be deployed first.</p>
          ) : null}
          {error !== null ? (
            <div className="error-box" role="alert" data-testid="wave-command-error">
              <strong>{confirm === 'deploy' ? 'The wave deploy did not start.' : 'The wave rollback did not start.'}</strong>
              <pre className="error-text">{error}</pre>
            </div>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

const STACK_STATUS_ICONS: Record<WaveOperationView['stacks'][number]['status'], string> = {
  pending: '○',
  running: STATUS_ICONS.running,
  succeeded: STATUS_ICONS.succeeded,
  failed: STATUS_ICONS.failed,
  cancelled: STATUS_ICONS.cancelled,
  skipped: '–',
};

/** The wave's newest operation: its status and message, and each stack's status in the order it works on them. */
export function WaveProgress({ waveId }: { waveId: string }) {
  const operation = useCockpit((state) => state.waveOperations[waveId]);
  if (!operation) return null;
  const label = kindLabel(operation.kind);
  return (
    <div className="wave-progress" data-testid="wave-progress" aria-live="polite">
      <p className="wave-op-status" data-testid="wave-operation" data-status={operation.status} data-kind={operation.kind}>
        <span className="op-status-icon" aria-hidden="true">
          {STATUS_ICONS[operation.status]}
        </span>
        <strong>
          {label} {operation.status}
        </strong>
        <span className="muted">
          {' '}
          · started {formatClock(operation.startedAt)} UTC{operation.finishedAt ? `, ended ${formatClock(operation.finishedAt)} UTC` : ''}
        </span>
        {operation.message ? <span className="wave-op-message"> · {operation.message}</span> : null}
      </p>
      <ol className="wave-stack-chips" aria-label={`Stacks of the ${label.toLowerCase()}`}>
        {operation.stacks.map((stack) => (
          <li key={stack.stackId} className="wave-stack-chip" data-testid="wave-stack-status" data-stack-id={stack.stackId} data-status={stack.status} title={`${stack.stackId}: ${stack.status}`}>
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
