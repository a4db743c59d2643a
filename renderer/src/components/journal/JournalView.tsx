// The journal: the operator's audit trail of every operation (who, what, which stack or wave, how it ended),
// newest first, in a virtualized table, filterable by stack.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef } from 'react';
import type { JournalEntryView } from '../../../../main/api/contract';
import { formatCount, formatElapsed, formatUtcSeconds } from '../../lib/format';
import { changesText, kindLabel } from '../../lib/operations';
import { useActions, useCockpit } from '../../store/context';
import { MAX_JOURNAL_ENTRIES } from '../../store/journal';

const ROW_HEIGHT = 30;

export function JournalView() {
  const journal = useCockpit((state) => state.journal);
  const filter = useCockpit((state) => state.journalStackFilter);
  const snapshot = useCockpit((state) => state.snapshot);
  const { setJournalStackFilter, selectStack } = useActions();
  const filterId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);

  const planStackIds = useMemo(() => (snapshot?.status === 'loaded' ? snapshot.plan.stacks.map((stack) => stack.id) : []), [snapshot]);
  const stackIds = useMemo(() => {
    const ids = new Set(planStackIds);
    for (const entry of journal.entries) if (entry.target.type === 'stack' || entry.target.type === 'replication-task') ids.add(entry.target.stackId);
    if (filter !== null) ids.add(filter);
    return [...ids].sort();
  }, [planStackIds, journal.entries, filter]);

  // Newest first.
  const rows = useMemo(() => {
    const matching = filter === null ? journal.entries : journal.entries.filter((entry) => 'stackId' in entry.target && entry.target.stackId === filter);
    return matching.slice().reverse();
  }, [journal.entries, filter]);

  // The app does not use the React Compiler; the virtualizer re-renders this component itself when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header row sits above the rows inside the same scroll container.
    scrollMargin: ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.seq ?? index,
  });

  const planStacks = new Set(planStackIds);

  return (
    <div className="journal-view" data-testid="journal">
      <div className="journal-head">
        <h2 className="journal-title">Journal</h2>
        <p className="muted">
          Every operation the cockpit ran, who ran it and how it ended; newest first.{' '}
          {journal.entries.length >= MAX_JOURNAL_ENTRIES ? `The newest ${formatCount(MAX_JOURNAL_ENTRIES)} entries are shown.` : ''}
        </p>
        <div className="journal-filter">
          <label htmlFor={filterId}>Stack</label>
          <select id={filterId} value={filter ?? ''} onChange={(event) => setJournalStackFilter(event.target.value === '' ? null : event.target.value)}>
            <option value="">All stacks and waves</option>
            {stackIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
          <span className="muted match-count" data-testid="journal-count">
            {formatCount(rows.length)} {rows.length === 1 ? 'entry' : 'entries'}
          </span>
        </div>
        {journal.damagedLines > 0 ? (
          <p className="journal-damaged" role="status">
            {journal.damagedLines} damaged {journal.damagedLines === 1 ? 'line' : 'lines'} of the journal file could not be read and
            {journal.damagedLines === 1 ? ' is' : ' are'} not shown (e.g. a torn last line after a crash).
          </p>
        ) : null}
      </div>

      <div
        ref={scrollRef}
        className="journal-scroll"
        role="table"
        aria-label="Journal entries, newest first"
        aria-rowcount={rows.length + 1}
        tabIndex={0}
      >
        <div className="journal-row journal-header" role="row" aria-rowindex={1}>
          {['Time (UTC)', 'Actor', 'Kind', 'Target', 'Phase', 'Update', 'Changes', 'Duration', 'Message'].map((name) => (
            <span key={name} role="columnheader" className="journal-cell">
              {name}
            </span>
          ))}
        </div>
        {rows.length === 0 ? (
          <p className="journal-empty muted" data-testid="journal-empty">
            {!journal.loaded ? 'Reading the journal…' : filter === null ? 'No operations have been journaled yet.' : `No journal entries for ${filter}.`}
          </p>
        ) : (
          <div className="journal-inner" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = rows[item.index]!;
              return (
                <JournalRow
                  key={item.key}
                  entry={entry}
                  rowIndex={item.index + 2}
                  top={item.start - ROW_HEIGHT}
                  inPlan={'stackId' in entry.target && planStacks.has(entry.target.stackId)}
                  onOpenStack={selectStack}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

function JournalRow(props: { entry: JournalEntryView; rowIndex: number; top: number; inPlan: boolean; onOpenStack(stackId: string): void }) {
  const { entry, rowIndex, top, inPlan, onOpenStack } = props;
  const changes = changesText(entry.changes, entry.kind);
  const stackId = 'stackId' in entry.target ? entry.target.stackId : null;
  const target =
    entry.target.type === 'replication-task'
      ? `${entry.target.stackId} · task ${entry.target.taskId ?? entry.target.taskKey}`
      : (stackId ?? (entry.target.type === 'wave' ? `wave ${entry.target.waveId}` : ''));
  return (
    <div
      className="journal-row"
      role="row"
      aria-rowindex={rowIndex}
      data-testid="journal-row"
      data-phase={entry.phase}
      data-kind={entry.kind}
      data-seq={entry.seq}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span role="cell" className="journal-cell journal-time">
        <time dateTime={entry.at}>{formatUtcSeconds(entry.at).replace(' UTC', '')}</time>
      </span>
      <span role="cell" className="journal-cell" title={entry.actor}>
        {entry.actor}
      </span>
      <span role="cell" className="journal-cell" title={entry.parentOperationId ? `Part of operation ${entry.parentOperationId}` : undefined}>
        {kindLabel(entry.kind)}
      </span>
      <span role="cell" className="journal-cell" title={target}>
        {stackId !== null && inPlan ? (
          <button type="button" className="link-button journal-target" title={`Open ${stackId}`} onClick={() => onOpenStack(stackId)}>
            {target}
          </button>
        ) : (
          target
        )}
      </span>
      <span role="cell" className="journal-cell">
        <span className="phase-badge" data-phase={entry.phase}>
          {entry.phase}
        </span>
      </span>
      <span role="cell" className="journal-cell journal-number">
        {entry.updateVersion !== undefined ? `#${entry.updateVersion}` : ''}
      </span>
      <span role="cell" className="journal-cell" title={changes ?? undefined}>
        {changes ?? ''}
      </span>
      <span role="cell" className="journal-cell journal-number">
        {entry.durationMs !== undefined ? formatElapsed(entry.durationMs) : ''}
      </span>
      <span role="cell" className="journal-cell journal-message" title={entry.message}>
        {entry.message ?? ''}
      </span>
    </div>
  );
}
