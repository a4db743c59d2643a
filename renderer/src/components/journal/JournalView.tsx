// The journal: the operator's audit trail of every operation (who, what, which stack or wave, how it ended),
// newest first, in a virtualized table, filterable by stack. Targets and messages (a failure's reason) wrap rather
// than being cut, so rows are measured, not assumed; a long message shows its first lines with a control that
// expands it. A row without a typed name of its own shows the name typed for the operation it belongs to.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { JournalEntryView } from '../../../../main/api/contract';
import { formatCount, formatElapsed, formatUtcSeconds } from '../../lib/format';
import { awsCallerShort, journalOperations, shownTypedName, type JournalOperations } from '../../lib/journal-actor';
import { journalKindText, journalPhaseShown, journalTargetText, type JournalNames } from '../../lib/journal-text';
import { changesText } from '../../lib/operations';
import { trackJournalKind, trackJournalTarget } from '../../seam/contributions';
import { useTrackUis } from '../../seam/use-track';
import { useActions, useCockpit } from '../../store/context';
import { MAX_JOURNAL_ENTRIES } from '../../store/journal';

const ROW_HEIGHT = 30;

export function JournalView() {
  const journal = useCockpit((state) => state.journal);
  const filter = useCockpit((state) => state.journalStackFilter);
  const snapshot = useCockpit((state) => state.snapshot);
  const { setJournalStackFilter, selectStack } = useActions();
  const tracks = useTrackUis();
  const filterId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);

  const planStackIds = useMemo(() => (snapshot?.status === 'loaded' ? snapshot.plan.stacks.map((stack) => stack.id) : []), [snapshot]);
  const stackIds = useMemo(() => {
    const ids = new Set(planStackIds);
    for (const entry of journal.entries) if ('stackId' in entry.target) ids.add(entry.target.stackId);
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
  // Who typed what for each operation, from every entry (not only the filtered ones: a step's rollback may be elsewhere).
  const operations = useMemo(() => journalOperations(journal.entries), [journal.entries]);
  // Messages the operator expanded, by entry seq: kept here, since a row scrolled out of view is unmounted.
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const toggleExpanded = useCallback((seq: number) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  }, []);
  const names = useMemo<JournalNames>(() => {
    const waves = new Map(snapshot?.status === 'loaded' ? snapshot.plan.waves.map((wave) => [wave.id, wave.name]) : []);
    return {
      waveName: (waveId) => waves.get(waveId),
      trackTarget: (target) => trackJournalTarget(tracks, target),
      trackKind: (kind) => trackJournalKind(tracks, kind),
    };
  }, [snapshot, tracks]);

  return (
    <div className="journal-view" data-testid="journal">
      <div className="journal-head">
        <h2 className="journal-title">Journal</h2>
        <p className="muted">
          Every operation the cockpit ran, who ran it (the OS user, the AWS caller identity on AWS, and beside them any name typed into a confirmation) and how
          it ended; newest first. {journal.entries.length >= MAX_JOURNAL_ENTRIES ? `The newest ${formatCount(MAX_JOURNAL_ENTRIES)} entries are shown.` : ''}
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

      <div ref={scrollRef} className="journal-scroll" role="table" aria-label="Journal entries, newest first" aria-rowcount={rows.length + 1} tabIndex={0}>
        <div className="journal-row journal-header" role="row" aria-rowindex={1}>
          {['Time (UTC)', 'Actor', 'Typed name', 'Kind', 'Target', 'Phase', 'Update', 'Changes', 'Duration', 'Message'].map((name) => (
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
                  index={item.index}
                  top={item.start - ROW_HEIGHT}
                  names={names}
                  operations={operations}
                  expanded={expanded.has(entry.seq)}
                  onToggleMessage={toggleExpanded}
                  measure={virtualizer.measureElement}
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

interface JournalRowProps {
  entry: JournalEntryView;
  index: number;
  top: number;
  inPlan: boolean;
  names: JournalNames;
  operations: JournalOperations;
  expanded: boolean;
  onToggleMessage(seq: number): void;
  measure(element: HTMLElement | null): void;
  onOpenStack(stackId: string): void;
}

function JournalRow({ entry, index, top, inPlan, names, operations, expanded, onToggleMessage, measure, onOpenStack }: JournalRowProps) {
  const changes = changesText(entry.changes, entry.kind);
  const aws = entry.awsIdentity ? awsCallerShort(entry.awsIdentity) : null;
  const typed = shownTypedName(entry, operations);
  const stackId = 'stackId' in entry.target ? entry.target.stackId : null;
  const target = journalTargetText(entry.target, names);
  const shownPhase = journalPhaseShown(entry);
  return (
    <div
      ref={measure}
      className="journal-row"
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      data-testid="journal-row"
      data-phase={entry.phase}
      data-kind={entry.kind}
      data-seq={entry.seq}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span role="cell" className="journal-cell journal-time">
        <time dateTime={entry.at}>{formatUtcSeconds(entry.at).replace(' UTC', '')}</time>
      </span>
      <span
        role="cell"
        className="journal-cell journal-actor"
        title={entry.awsIdentity ? `${entry.actor} as ${entry.awsIdentity.arn}` : entry.actor}
        data-testid="journal-actor"
      >
        {entry.actor}
        {aws !== null ? <span className="journal-aws"> as {aws}</span> : null}
      </span>
      <TypedNameCell typed={typed} names={names} />
      <span role="cell" className="journal-cell" title={entry.parentOperationId ? `Part of operation ${entry.parentOperationId}` : undefined}>
        {journalKindText(entry.kind, names)}
      </span>
      <span role="cell" className="journal-cell">
        {stackId !== null && inPlan ? (
          <button type="button" className="link-button journal-target" title={`Open ${stackId}`} onClick={() => onOpenStack(stackId)}>
            {breakable(target)}
          </button>
        ) : (
          breakable(target)
        )}
      </span>
      <span role="cell" className="journal-cell">
        <span className="phase-badge" data-phase={shownPhase.phase}>
          {shownPhase.label}
        </span>
      </span>
      <span role="cell" className="journal-cell journal-number">
        {entry.updateVersion !== undefined ? `#${entry.updateVersion}` : ''}
      </span>
      <span role="cell" className="journal-cell">
        {changes ?? ''}
      </span>
      <span role="cell" className="journal-cell journal-number">
        {entry.durationMs !== undefined ? formatElapsed(entry.durationMs) : ''}
      </span>
      <span role="cell" className="journal-cell journal-message" data-testid="journal-message">
        {entry.message ? <JournalMessage text={entry.message} expanded={expanded} onToggle={() => onToggleMessage(entry.seq)} /> : null}
      </span>
    </div>
  );
}

/** Ids such as `platform-production/app1101` may break after "/" and ":" in a narrow column, not mid-name. */
function breakable(text: string): ReactNode {
  const parts = text.split(/(?<=[/:])/);
  return parts.length === 1 ? text : parts.flatMap((part, index) => (index === 0 ? [part] : [<wbr key={index} />, part]));
}

/** The row's typed name; one typed for its operation (or the operation it is part of) is shown as such; else a dash. */
function TypedNameCell({ typed, names }: { typed: ReturnType<typeof shownTypedName>; names: JournalNames }) {
  if (typed === null) {
    return (
      <span role="cell" className="journal-cell journal-typed" data-testid="journal-typed" data-from="none" title="No name was typed for this operation">
        <span className="muted" aria-hidden="true">
          —
        </span>
        <span className="visually-hidden">none typed</span>
      </span>
    );
  }
  const title =
    typed.from === 'entry'
      ? typed.name
      : `${typed.name}: typed for ${typed.from === 'parent' ? `the ${journalKindText(typed.kind, names).toLowerCase()} this is part of` : `this ${journalKindText(typed.kind, names).toLowerCase()}, on an earlier entry`}; this entry carries no name of its own`;
  return (
    <span role="cell" className="journal-cell journal-typed" data-testid="journal-typed" data-from={typed.from} title={title}>
      {typed.name}
    </span>
  );
}

/**
 * A message at most a few lines high (CSS clamps it) with "Show all" when it is cut; expanded, the whole of it with
 * "Show less". Whether it is cut is measured, again whenever the column's width changes.
 */
function JournalMessage({ text, expanded, onToggle }: { text: string; expanded: boolean; onToggle(): void }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [clamped, setClamped] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || expanded) return;
    const measure = () => setClamped(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [text, expanded]);
  return (
    <>
      <span ref={ref} className="journal-message-text" data-expanded={expanded || undefined}>
        {text}
      </span>
      {expanded || clamped ? (
        <button type="button" className="link-button journal-message-toggle" aria-expanded={expanded} data-testid="journal-message-toggle" onClick={onToggle}>
          {expanded ? 'Show less' : 'Show all'}
        </button>
      ) : null}
    </>
  );
}
