// One table's mismatches as the validation's view carries them (capped; the counts are whole, so what is not carried
// is said as "N more not shown"): token ranges whose row counts differ, sampled rows missing on a side or differing,
// ranges that could not be checked; and "Re-check these ranges", which sends the table's listed ranges, each once.
import type { TableValidationView } from '../../../../../main/tracks/keyspaces/contract';
import type { TokenRangeRef } from '../slice';
import { recheckRanges } from '../stacks';
import { plural } from '../../../lib/format';
import { MISMATCH_KIND_WORDS, moreNotShown, rangeText, rowsText, tableMismatchText } from '../words';

export interface TableMismatchesProps {
  table: TableValidationView;
  /** Why the re-check cannot be sent now, or null. */
  blocked: string | null;
  onRecheck: (table: string, ranges: readonly TokenRangeRef[]) => void;
}

export function TableMismatches({ table, blocked, onRecheck }: TableMismatchesProps) {
  const { ranges, left } = recheckRanges(table);
  return (
    <section className="ks-mismatches" aria-label={`Mismatches of ${table.table}`} data-testid="keyspaces-mismatches" data-table={table.table}>
      <header className="ks-panel-head">
        <h6 className="ks-mismatches-title">
          <code>{table.table}</code>
        </h6>
        <span className="count-bad">{tableMismatchText(table)}</span>
        {ranges.length > 0 ? (
          <button
            type="button"
            className="ks-recheck"
            data-command="recheck"
            aria-label={`Re-check these ranges of ${table.table}`}
            disabled={blocked !== null}
            title={blocked ?? `Compares the ${plural(ranges.length, 'token range')} listed for ${table.table} again`}
            onClick={() => onRecheck(table.table, ranges)}
          >
            Re-check these ranges
          </button>
        ) : null}
      </header>
      {ranges.length > 0 ? (
        <p className="muted ks-recheck-note">
          Re-checks {plural(ranges.length, 'distinct token range')}
          {left > 0 ? `; ${plural(left, 'difference')} the view does not carry ${left === 1 ? 'is' : 'are'} left out: validate the whole table for them` : ''}.
        </p>
      ) : null}
      <ul className="ks-mismatch-list">
        {table.countMismatches.map((range) => (
          <li key={`count:${range.start}:${range.end}`} data-kind="count">
            <code>{rangeText(range)}</code> row count: origin {rowsText(range.originRows)}, target {rowsText(range.targetRows)}
          </li>
        ))}
        <More total={table.countMismatchCount} shown={table.countMismatches.length} what="ranges with another row count" />
        {table.rowMismatches.map((row, index) => (
          <li key={`row:${row.start}:${row.end}:${row.key}:${index}`} data-kind={row.kind}>
            <code>{rangeText(row)}</code> row <code>{row.key}</code> {MISMATCH_KIND_WORDS[row.kind]}
          </li>
        ))}
        <More total={table.rowMismatchCount} shown={table.rowMismatches.length} what="sampled rows" />
        {table.unchecked.map((range) => (
          <li key={`unchecked:${range.start}:${range.end}`} data-kind="unchecked">
            <code>{rangeText(range)}</code> not checked: {range.reason}
          </li>
        ))}
        <More total={table.uncheckedCount} shown={table.unchecked.length} what="unchecked ranges" />
      </ul>
      {table.columnDifferences.length > 0 ? (
        <ul className="ks-lines">
          {table.columnDifferences.map((difference) => (
            <li key={difference}>{difference}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function More({ total, shown, what }: { total: number; shown: number; what: string }) {
  const more = moreNotShown(total, shown);
  return more ? (
    <li className="muted" data-kind="more">
      {more} ({what})
    </li>
  ) : null;
}
