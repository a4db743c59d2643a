// A validation's tables side by side: token ranges checked, rows on each side, rows sampled, and its mismatches in
// one line (or why the table could not be compared).
import type { TableValidationView } from '../../../../../main/tracks/keyspaces/contract';
import { formatNumber, rowsText, tableMismatchText } from '../words';

export function ValidationTables({ tables }: { tables: readonly TableValidationView[] }) {
  if (tables.length === 0) return null;
  return (
    <div className="ks-table-scroll">
      <table className="ks-table" data-testid="keyspaces-validation-tables">
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Token ranges</th>
            <th scope="col">Origin</th>
            <th scope="col">Target</th>
            <th scope="col">Sampled</th>
            <th scope="col">Mismatches</th>
          </tr>
        </thead>
        <tbody>
          {tables.map((table) => {
            const bad =
              table.problem !== null || table.countMismatchCount + table.rowMismatchCount + table.uncheckedCount > 0 || table.columnDifferences.length > 0;
            return (
              <tr key={table.table} data-bad={bad || undefined}>
                <th scope="row">
                  <code>{table.table}</code>
                </th>
                <td className="ks-number">{formatNumber(table.rangesChecked)} checked</td>
                <td className="ks-number">{rowsText(table.originRows)}</td>
                <td className={table.targetRows !== table.originRows ? 'ks-number count-bad' : 'ks-number'}>{rowsText(table.targetRows)}</td>
                <td className="ks-number">{rowsText(table.sampledRows)}</td>
                <td className={bad ? 'count-bad' : 'muted'}>{tableMismatchText(table)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
