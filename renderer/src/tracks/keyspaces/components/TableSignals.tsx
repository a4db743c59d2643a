// A stack's Keyspaces tables over the newest complete CloudWatch minute: read and write throttle events, partition
// throughput exceeded, system errors and the consumed read and write capacity, each a sum over that minute with its
// unit; the minute's start on the data clock with its clock. Non-zero throttling and errors stand out.
import type { TableSignalsView } from '../../../../../main/tracks/keyspaces/contract';
import type { ClockRate } from '../../../lib/readiness';
import { minuteText, perMinuteText } from '../words';

export function TableSignals({ tables, clock }: { tables: readonly TableSignalsView[]; clock: ClockRate | null }) {
  return (
    <section className="ks-panel ks-wide" aria-label="Tables" data-testid="keyspaces-tables">
      <header className="ks-panel-head">
        <h5 className="ks-panel-title">Tables</h5>
        <span className="muted">sums over each table&rsquo;s newest complete minute</span>
      </header>
      {tables.length === 0 ? (
        <p className="muted">No table read yet.</p>
      ) : (
        <div className="ks-table-scroll">
          <table className="ks-table">
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">Minute</th>
                <th scope="col">Read throttles</th>
                <th scope="col">Write throttles</th>
                <th scope="col">Partition throughput exceeded</th>
                <th scope="col">System errors</th>
                <th scope="col">Consumed read capacity</th>
                <th scope="col">Consumed write capacity</th>
              </tr>
            </thead>
            <tbody>
              {tables.map((table) => (
                <TableSignalsRow key={`${table.keyspace}.${table.table}`} table={table} clock={clock} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TableSignalsRow({ table, clock }: { table: TableSignalsView; clock: ClockRate | null }) {
  const throttled = table.readThrottleEvents + table.writeThrottleEvents + table.partitionThroughputExceeded > 0;
  return (
    <tr data-testid="keyspaces-table-row" data-throttled={throttled || undefined}>
      <th scope="row">
        <code>
          {table.keyspace}.{table.table}
        </code>
      </th>
      <td>{minuteText(table.minute, clock)}</td>
      <Count value={table.readThrottleEvents} unit="events" />
      <Count value={table.writeThrottleEvents} unit="events" />
      <Count value={table.partitionThroughputExceeded} unit="events" />
      <Count value={table.systemErrors} unit="errors" />
      <td className="ks-number">{perMinuteText(table.consumedReadCapacityUnits, 'RCU')}</td>
      <td className="ks-number">{perMinuteText(table.consumedWriteCapacityUnits, 'WCU')}</td>
    </tr>
  );
}

/** A count that is bad when not zero. */
function Count({ value, unit }: { value: number; unit: string }) {
  return (
    <td className={value > 0 ? 'ks-number count-bad' : 'ks-number'} data-bad={value > 0 || undefined}>
      {perMinuteText(value, unit)}
    </td>
  );
}
