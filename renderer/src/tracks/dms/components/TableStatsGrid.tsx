// A task's table statistics (polled by the core while the task is in view, see dms.focus): a virtualized table,
// errored and mismatched tables highlighted, filterable by state. Names and states wrap rather than being cut
// ("Table error" and "Table completed" must both be read whole), so rows are measured, not assumed.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import type { TableStatisticsView } from '../../../../../main/api/contract';
import { formatCount } from '../../../lib/format';
import { formatDataTime } from '../../../lib/readiness';
import { filterTables, tableFlag, type TableFilter } from '../lib/replication';
import { useDataClockRate } from '../hooks/use-freshness';
import { useDms } from '../slice';

const ROW_HEIGHT = 26;
const COLUMNS = ['Schema', 'Table', 'State', 'Full-load rows', 'Inserts', 'Updates', 'Deletes', 'Validation', 'Failed', 'Suspended', 'Pending'];

export function TableStatsGrid({ taskKey, name }: { taskKey: string; name: string }) {
  const view = useDms((slice) => slice.dms.tables[taskKey]);
  const clock = useDataClockRate();
  const [filter, setFilter] = useState<TableFilter>({ kind: 'all' });
  const filterId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const all = view?.tables;

  const states = useMemo(() => [...new Set((all ?? []).map((row) => row.state))].sort(), [all]);
  const rows = useMemo(() => filterTables(all ?? [], filter), [all, filter]);
  const problems = useMemo(() => {
    let errored = 0;
    let mismatched = 0;
    for (const row of all ?? []) {
      const flag = tableFlag(row);
      if (flag === 'errored') errored += 1;
      else if (flag === 'mismatched') mismatched += 1;
    }
    return { errored, mismatched };
  }, [all]);

  // The app does not use the React Compiler; the virtualizer re-renders this component itself when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: ROW_HEIGHT,
    getItemKey: (index) => (rows[index] ? `${rows[index].schema}.${rows[index].table}` : index),
  });

  const filterValue = filter.kind === 'state' ? `state:${filter.state}` : filter.kind;
  return (
    <div className="table-stats" data-testid="table-stats">
      <div className="table-stats-head">
        <label htmlFor={filterId} className="muted">
          Tables
        </label>
        <select
          id={filterId}
          value={filterValue}
          onChange={(event) => {
            const value = event.target.value;
            setFilter(value === 'all' || value === 'problems' ? { kind: value } : { kind: 'state', state: value.slice('state:'.length) });
          }}
        >
          <option value="all">All states</option>
          <option value="problems">Errored or mismatched</option>
          {states.map((state) => (
            <option key={state} value={`state:${state}`}>
              {state}
            </option>
          ))}
        </select>
        <span className="muted match-count" data-testid="table-count">
          {view ? `${formatCount(rows.length)} of ${formatCount(view.tables.length)} tables` : ''}
          {problems.errored > 0 ? <span className="count-bad"> · {problems.errored} errored</span> : null}
          {problems.mismatched > 0 ? <span className="count-warn"> · {problems.mismatched} mismatched</span> : null}
        </span>
        {view?.stale ? (
          <span className="stale-tag" title="The core could not read the table statistics recently">
            Stale
          </span>
        ) : null}
        {view?.fetchedAt ? <span className="muted table-fetched">read {formatDataTime(view.fetchedAt, clock, { date: true })}</span> : null}
      </div>
      <div
        ref={scrollRef}
        className={view?.stale ? 'table-stats-scroll is-stale' : 'table-stats-scroll'}
        role="table"
        aria-label={`Table statistics of ${name}`}
        aria-rowcount={rows.length + 1}
        tabIndex={0}
      >
        <div className="table-stats-row table-stats-header" role="row" aria-rowindex={1}>
          {COLUMNS.map((column) => (
            <span key={column} role="columnheader" className="table-stats-cell">
              {column}
            </span>
          ))}
        </div>
        {rows.length === 0 ? (
          <p className="table-stats-empty muted">
            {!view ? 'Reading table statistics…' : view.tables.length === 0 ? 'DMS reports no tables for this task yet.' : 'No table matches the filter.'}
          </p>
        ) : (
          <div className="table-stats-inner" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <TableRow key={item.key} row={rows[item.index]!} index={item.index} top={item.start - ROW_HEIGHT} measure={virtualizer.measureElement} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

function TableRow(props: { row: TableStatisticsView; index: number; top: number; measure(element: HTMLElement | null): void }) {
  const { row, index, top, measure } = props;
  const flag = tableFlag(row);
  const number = (value: number) => (
    <span role="cell" className="table-stats-cell number">
      {formatCount(value)}
    </span>
  );
  return (
    <div
      ref={measure}
      className="table-stats-row"
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      data-testid="table-row"
      data-flag={flag ?? undefined}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span role="cell" className="table-stats-cell">
        {row.schema}
      </span>
      <span role="cell" className="table-stats-cell">
        {row.table}
      </span>
      <span role="cell" className="table-stats-cell" data-testid="table-state">
        {row.state}
      </span>
      {number(row.fullLoadRows)}
      {number(row.inserts)}
      {number(row.updates)}
      {number(row.deletes)}
      <span role="cell" className="table-stats-cell">
        {row.validationState ?? '—'}
      </span>
      {number(row.validationFailedRecords)}
      {number(row.validationSuspendedRecords)}
      {number(row.validationPendingRecords)}
    </div>
  );
}
