// Keyspaces views for the track's tests: a moving stack's view (a finished bulk load, a clean hold, quiet tables), a
// validation and a table's validation, and the monitor's status on a data clock at `rate`.
import type { MonitorStatusView } from '../../../../main/api/contract';
import type { KeyspacesStackView, TableValidationView, ValidationView } from '../../../../main/tracks/keyspaces/contract';

export type StackFields = Partial<Omit<KeyspacesStackView, 'bulkLoad' | 'proxy' | 'dualWrite'>> & {
  bulkLoad?: Partial<KeyspacesStackView['bulkLoad']>;
  proxy?: Partial<KeyspacesStackView['proxy']>;
  dualWrite?: Partial<KeyspacesStackView['dualWrite']>;
};

export function stackView(stackId: string, waveId: string | null, fields: StackFields = {}): KeyspacesStackView {
  const { bulkLoad, proxy, dualWrite, ...rest } = fields;
  return {
    stackId,
    waveId,
    originKeyspace: 'shop',
    targetKeyspace: 'shop',
    tables: [
      {
        keyspace: 'shop',
        table: 'orders',
        minute: '2026-12-05T01:59:00.000Z',
        readThrottleEvents: 0,
        writeThrottleEvents: 0,
        partitionThroughputExceeded: 0,
        systemErrors: 0,
        consumedReadCapacityUnits: 1200,
        consumedWriteCapacityUnits: 340.5,
      },
    ],
    ...rest,
    bulkLoad: {
      jobName: 'app1-bulk-load',
      runId: 'jr_1',
      state: 'SUCCEEDED',
      startedAt: '2026-12-05T01:00:00.000Z',
      completedAt: '2026-12-05T01:12:05.000Z',
      executionSeconds: 725,
      recordsRead: 1_200_000,
      recordsFinal: true,
      errorMessage: null,
      problem: null,
      ...bulkLoad,
    },
    proxy: {
      url: 'http://10.0.1.5:14001/metrics',
      checkedAt: '2026-12-05T02:00:03.000Z',
      writesPerSecond: 120.4,
      writeLatencyMs: 3.25,
      readLatencyOriginMs: 1.5,
      readLatencyTargetMs: 12,
      inflight: 4,
      connections: 1,
      failedWritesOrigin: 0,
      failedWritesTarget: 0,
      problem: null,
      ...proxy,
    },
    dualWrite: {
      clean: true,
      holdSeconds: 300,
      maxThrottleEvents: 0,
      maxFailedWrites: 0,
      throttleEventsInHold: 0,
      failedWritesInHold: 0,
      observedSince: '2026-12-05T01:50:00.000Z',
      holdEndsAt: '2026-12-05T01:55:00.000Z',
      ...dualWrite,
    },
  };
}

export function tableValidation(table: string, fields: Partial<TableValidationView> = {}): TableValidationView {
  return {
    table,
    rangesChecked: 64,
    originRows: 10_000,
    targetRows: 10_000,
    sampledRows: 640,
    countMismatchCount: 0,
    countMismatches: [],
    rowMismatchCount: 0,
    rowMismatches: [],
    uncheckedCount: 0,
    unchecked: [],
    problem: null,
    columnDifferences: [],
    ...fields,
  };
}

export function validation(stackId: string, fields: Partial<ValidationView> = {}): ValidationView {
  return {
    stackId,
    runId: 'run-1',
    scope: 'full',
    state: 'clean',
    startedAt: '2026-12-05T02:00:00.000Z',
    finishedAt: '2026-12-05T02:03:00.000Z',
    rangesDone: 64,
    rangesTotal: 64,
    originRows: 10_000,
    targetRows: 10_000,
    mismatches: 0,
    originRowsPerSecond: 1_250,
    maxOriginRowsPerSecond: 5_000,
    partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner',
    problem: null,
    tables: [tableValidation('orders')],
    seed: 7,
    ...fields,
  };
}

/** The monitor's status, its data clock at `2026-12-05T02:00:03Z` when the wall clock read it. */
export function keyspacesMonitor(rate = 1): MonitorStatusView {
  return {
    state: 'polling',
    target: 'rehearsal',
    intervalSeconds: 5,
    lastCycleAt: '2026-12-05T02:00:03.000Z',
    lastCycleMs: 14,
    lastCycleCalls: { GetMetricData: 1, GetJobRuns: 1 },
    message: null,
    dataClock: { at: '2026-12-05T02:00:03.000Z', wallAt: '2026-12-05T02:00:03.000Z', rate },
  };
}
