// The live event log of one operation, in the shared log view (common/LogView.tsx): virtualized, following new
// lines while the operator is at the bottom, with the lines missed while disconnected said in its head. A window
// only has the lines printed while it was open: for an operation that ended before that, it reads the lines the core
// kept (operation.log), and when the core kept none either, it says where the operation's record is.
import { useEffect } from 'react';
import { formatCount } from '../../lib/format';
import { useActions, useCockpit } from '../../store/context';
import type { OperationLog as Log } from '../../store/operations';
import { LogView } from '../common/LogView';

const TEST_IDS = { count: 'log-count', lines: 'operation-log', line: 'log-line' } as const;

/** Shown for a finished operation of which neither this window nor the core kept a line. */
export const LOG_NOT_KEPT =
  'The cockpit no longer keeps the log of this operation (it keeps the newest 1,000 lines of the last 50 operations). See its journal entry, and `pulumi stack history` for the engine’s record of the update.';

export function OperationLog(props: { operationId: string; log: Log | undefined; label: string; running: boolean; onOpenJournal?: () => void }) {
  const { operationId, log, label, running, onOpenJournal } = props;
  const { loadKeptLog } = useActions();
  const kept = useCockpit((state) => state.keptLogs[operationId]);
  const empty = log === undefined || log.lines.length === 0;
  // A finished operation this window saw nothing of: read what the core kept, once.
  useEffect(() => {
    if (!running && empty && kept === undefined) void loadKeptLog(operationId);
  }, [running, empty, kept, operationId, loadKeptLog]);
  const notKept = !running && empty && kept === false;
  return (
    <LogView
      lines={log?.lines}
      label={label}
      testIds={TEST_IDS}
      title={
        <h4 className="op-log-title">
          Event log <span className="muted">(times UTC)</span>
        </h4>
      }
      notes={log && log.missed > 0 ? ` · ${formatCount(log.missed)} missed while disconnected` : undefined}
      emptyText={running ? 'No log lines yet.' : kept === false ? LOG_NOT_KEPT : 'Reading the log the cockpit kept…'}
      message={
        notKept && onOpenJournal ? (
          <button type="button" className="link-button op-log-journal" data-testid="operation-log-journal" onClick={onOpenJournal}>
            Open the journal of this stack →
          </button>
        ) : undefined
      }
    />
  );
}
