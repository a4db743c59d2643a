// What happened to a Keyspaces table in a span of simulated time, for its AWS/Cassandra metrics: rows the bulk loads
// wrote to it (each run copies its tables one after another along its progress line), writes and reads of the
// dual-write proxies that target it (their first table), and injected throttle events. Every figure is a difference
// of cumulative counts, so any span can be asked for, in any order, with the same answer.
import type { JobRun } from './job-run';
import { writesBy, type DualWriteProxy, type ProxySegment } from './proxies';

/** An injected throttle: events spread evenly over the window, on a table or every table of the keyspace. */
export interface ThrottleWindow {
  readonly keyspace: string;
  readonly table?: string;
  readonly writes: boolean;
  readonly reads: boolean;
  readonly from: number;
  readonly until: number;
  readonly eventsPerMinute: number;
}

export interface TrafficSource {
  runs(): readonly JobRun[];
  proxies(): readonly DualWriteProxy[];
  throttles(): readonly ThrottleWindow[];
}

/** Rows of table `index` of the run copied by `at`: its tables are copied in order, each its share (or counted size). */
export function tableRowsAt(run: JobRun, index: number, at: number): number {
  const tables = run.plan.tables.length;
  const sizes = run.copy
    ? run.copy.progress.tableRows
    : run.plan.tables.map((_, i) => (i < tables - 1 ? Math.floor(run.plan.rows / tables) : run.plan.rows - Math.floor(run.plan.rows / tables) * (tables - 1)));
  let offset = 0;
  for (let i = 0; i < index; i++) offset += sizes[i] ?? 0;
  const size = index === tables - 1 ? Infinity : (sizes[index] ?? 0);
  return Math.max(0, Math.min(size, run.rowsAt(at) - offset));
}

function segmentWrites(segment: ProxySegment, at: number): number {
  return writesBy(segment.since, segment.config.writesPerSecond, Math.min(at, segment.until));
}

function targets(segment: ProxySegment, keyspace: string, table: string): boolean {
  return segment.config.targetKeyspace === keyspace && segment.config.tables[0] === table;
}

/** Whether the segment's configuration reads from the target (its primary, or mirrored reads). */
function readsTarget(segment: ProxySegment): boolean {
  return segment.config.primaryCluster === 'TARGET' || segment.config.readMode === 'DUAL_ASYNC_ON_SECONDARY';
}

export class TableTraffic {
  readonly #source: TrafficSource;

  constructor(source: TrafficSource) {
    this.#source = source;
  }

  /** Rows the bulk loads wrote to the table in [from, to). */
  bulkWrites(keyspace: string, table: string, from: number, to: number): number {
    let rows = 0;
    for (const run of this.#source.runs()) {
      if (run.plan.targetKeyspace !== keyspace) continue;
      const index = run.plan.tables.indexOf(table);
      if (index >= 0) rows += tableRowsAt(run, index, to) - tableRowsAt(run, index, from);
    }
    return rows;
  }

  /** The proxies' writes to the table in [from, to). */
  proxyWrites(keyspace: string, table: string, from: number, to: number): number {
    return this.#proxySegments((segment) => targets(segment, keyspace, table)).reduce(
      (sum, segment) => sum + segmentWrites(segment, to) - segmentWrites(segment, from),
      0,
    );
  }

  /** The proxies' reads from the table in [from, to) (one read per write, to the cluster(s) the phase reads). */
  proxyReads(keyspace: string, table: string, from: number, to: number): number {
    return this.#proxySegments((segment) => targets(segment, keyspace, table) && readsTarget(segment)).reduce(
      (sum, segment) => sum + segmentWrites(segment, to) - segmentWrites(segment, from),
      0,
    );
  }

  /** Injected throttle events of the kind on the table in [from, to). */
  throttleEvents(keyspace: string, table: string, kind: 'writes' | 'reads', from: number, to: number): number {
    let events = 0;
    for (const window of this.#source.throttles()) {
      if (window.keyspace !== keyspace || (window.table !== undefined && window.table !== table) || !window[kind]) continue;
      const cumulative = (at: number) => Math.floor(((Math.min(Math.max(at, window.from), window.until) - window.from) / 60_000) * window.eventsPerMinute);
      events += cumulative(to) - cumulative(from);
    }
    return events;
  }

  #proxySegments(keep: (segment: ProxySegment) => boolean): ProxySegment[] {
    return this.#source.proxies().flatMap((proxy) => proxy.segments().filter(keep));
  }
}
