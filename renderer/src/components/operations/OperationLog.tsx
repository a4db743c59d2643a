// The live event log of one operation, in the shared log view (common/LogView.tsx): virtualized, following new
// lines while the operator is at the bottom, with the lines missed while disconnected said in its head.
import { formatCount } from '../../lib/format';
import type { OperationLog as Log } from '../../store/operations';
import { LogView } from '../common/LogView';

const TEST_IDS = { count: 'log-count', lines: 'operation-log', line: 'log-line' } as const;

export function OperationLog({ log, label }: { log: Log | undefined; label: string }) {
  return (
    <LogView
      lines={log?.lines}
      label={label}
      testIds={TEST_IDS}
      title={<h4 className="op-log-title">Event log</h4>}
      notes={log && log.missed > 0 ? ` · ${formatCount(log.missed)} missed while disconnected` : undefined}
      emptyText="No log lines yet."
    />
  );
}
