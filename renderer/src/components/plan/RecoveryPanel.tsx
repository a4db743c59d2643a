// Top of the plan view after an interrupted run: the stacks recovery.scan found locked, half-done or
// interrupted, what was found on each, and a Recover button (confirmed first) per stack.
import { useId, useState } from 'react';
import type { RecoveryItem } from '../../../../main/api/contract';
import { formatUtcSeconds, plural } from '../../lib/format';
import { kindLabel, runningLabel } from '../../lib/operations';
import { useActions, useCockpit } from '../../store/context';
import { latestOperation } from '../../store/operations';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';

export function RecoveryPanel() {
  const items = useCockpit((state) => state.recovery.items);
  const headingId = useId();
  const [confirming, setConfirming] = useState<RecoveryItem | null>(null);
  const { operateStack } = useActions();
  if (!items || items.length === 0) return null;

  return (
    <section className="recovery-panel" role="region" aria-labelledby={headingId} data-testid="recovery-panel">
      <h3 id={headingId} className="recovery-title">
        {items.length === 1 ? '1 stack needs' : `${items.length} stacks need`} recovery after an interrupted run
      </h3>
      <p className="muted">The cockpit stopped while these stacks were being changed. Recover each one before operating on it again.</p>
      <ul className="recovery-list">
        {items.map((item) => (
          <RecoveryEntry key={item.stackId} item={item} onRecover={() => setConfirming(item)} />
        ))}
      </ul>
      {confirming ? (
        <ConfirmDialog
          label="Confirm recover"
          title={`Recover ${confirming.stackId}`}
          confirmLabel="Recover stack"
          danger
          onConfirm={() => {
            const stackId = confirming.stackId;
            setConfirming(null);
            void operateStack(stackId, 'recover');
          }}
          onClose={() => setConfirming(null)}
          testId="confirm-recover"
        >
          <p className="confirm-statement">
            Removes the stack’s lock and refreshes its state, clearing pending creates.
            {orphanUrns(confirming).length > 0 ? (
              <>
                {' '}
                Resources whose creation was interrupted may exist as orphans: check{' '}
                {orphanUrns(confirming).map((urn, index) => (
                  <span key={urn}>
                    {index > 0 ? ', ' : ''}
                    <code>{urn}</code>
                  </span>
                ))}
                .
              </>
            ) : null}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function RecoveryEntry({ item, onRecover }: { item: RecoveryItem; onRecover(): void }) {
  const operation = useCockpit((state) => latestOperation(state.operations, item.stackId));
  const pending = useCockpit((state) => state.pendingOperations[item.stackId]);
  const running = operation?.status === 'running' ? operation : undefined;
  const failed = operation?.kind === 'recover' && operation.status === 'failed' ? operation : undefined;
  const creates = item.pendingOperations.filter((entry) => entry.op === 'creating');
  const others = item.pendingOperations.filter((entry) => entry.op !== 'creating');

  return (
    <li className="recovery-item" data-testid="recovery-item" data-stack-id={item.stackId}>
      <div className="recovery-item-head">
        <code className="recovery-stack">{item.stackId}</code>
        <button
          type="button"
          className="danger-outline"
          disabled={running !== undefined || pending !== undefined}
          title={running ? `${runningLabel(running.kind)}…` : 'Remove the lock and refresh the stack’s state'}
          aria-busy={running?.kind === 'recover' || pending === 'recover' || undefined}
          onClick={onRecover}
        >
          {running?.kind === 'recover' || pending === 'recover' ? 'Recovering…' : 'Recover'}
        </button>
      </div>
      <ul className="recovery-findings">
        {item.locks.map((lock) => (
          <li key={`${lock.host}-${lock.pid}-${lock.since}`} data-finding="lock" data-lock-state={lock.state}>
            {lock.state === 'stale' ? 'Stale lock' : lock.state === 'running' ? 'Lock held by a running process' : 'Lock from another machine'} by {lock.user}@
            {lock.host} (pid {lock.pid}) since <time dateTime={lock.since}>{formatUtcSeconds(lock.since)}</time>
          </li>
        ))}
        {creates.length > 0 ? (
          <li data-finding="pending-creates">
            {plural(creates.length, 'pending create')} (may be orphaned resources: check them in AWS):{' '}
            {creates.map((entry, index) => (
              <span key={entry.urn}>
                {index > 0 ? ', ' : ''}
                <code title={entry.urn}>{entry.type}</code>
              </span>
            ))}
          </li>
        ) : null}
        {others.length > 0 ? (
          <li data-finding="pending-operations">
            {plural(others.length, 'other pending operation')}: {[...new Set(others.map((entry) => entry.op))].join(', ')}
          </li>
        ) : null}
        {item.interrupted ? (
          <li data-finding="interrupted">
            Interrupted {kindLabel(item.interrupted.kind).toLowerCase()} at <time dateTime={item.interrupted.at}>{formatUtcSeconds(item.interrupted.at)}</time>
          </li>
        ) : null}
      </ul>
      {failed?.message ? (
        <p className="error-text" role="alert">
          Recover failed: {failed.message}
        </p>
      ) : null}
    </li>
  );
}

/** URNs of the resources whose creation was interrupted (or, when there are none, of every pending operation). */
function orphanUrns(item: RecoveryItem): string[] {
  const creates = item.pendingOperations.filter((entry) => entry.op === 'creating');
  return (creates.length > 0 ? creates : item.pendingOperations).map((entry) => entry.urn);
}
