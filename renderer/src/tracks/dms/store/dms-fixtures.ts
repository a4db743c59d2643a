// DMS views for the renderer's unit tests.
import type { AlertView, DmsSnapshot, ReplicationTaskView, TableStatisticsView } from '../../../../../main/api/contract';

export function task(key: string, extra: Partial<ReplicationTaskView> = {}): ReplicationTaskView {
  const stackId = key.slice(0, key.lastIndexOf('#'));
  return {
    key,
    stackId,
    waveId: 'w1',
    taskId: `${stackId.split('/')[1]}-cdc`,
    arn: null,
    resolution: null,
    phase: 'cdc',
    status: 'running',
    stopReason: null,
    lastFailureMessage: null,
    migrationType: 'full-load-and-cdc',
    fullLoadPercent: 100,
    tables: { loaded: 3, loading: 0, queued: 0, errored: 0 },
    latest: { cdcLatencySourceSeconds: 1, cdcLatencyTargetSeconds: 2, cdcIncomingChanges: 5, cdcThroughputRowsTarget: 10, fullLoadThroughputRowsTarget: 0 },
    fullLoadEtaSeconds: null,
    cdcTrend: 'steady',
    validation: { state: 'clean', failedRecords: 0, suspendedRecords: 0 },
    freshness: { taskAt: '2026-12-05T01:00:00.000Z', metricsAt: '2026-12-05T01:00:00.000Z', stale: false, staleReason: null },
    gate: { status: 'green', reasons: [], latencyUnderSince: null, holdRemainingSeconds: null },
    ...extra,
  };
}

export function alert(id: string, extra: Partial<AlertView> = {}): AlertView {
  return {
    id,
    kind: 'latency-above-gate',
    severity: 'warning',
    taskKey: 'apps/app1#0',
    stackId: 'apps/app1',
    waveId: 'w1',
    message: `alert ${id}`,
    raisedAt: '2026-12-05T01:00:00.000Z',
    clearedAt: null,
    acknowledgedAt: null,
    ...extra,
  };
}

export function dmsSnapshot(extra: Partial<DmsSnapshot> = {}): DmsSnapshot {
  return {
    monitor: {
      state: 'polling',
      target: 'rehearsal',
      intervalSeconds: 5,
      lastCycleAt: null,
      lastCycleMs: 12,
      lastCycleCalls: { DescribeReplicationTasks: 1 },
      message: null,
      dataClock: null,
    },
    tasks: [task('apps/app1#0'), task('apps/app2#0')],
    waves: [{ waveId: 'w1', status: 'red', tasksTotal: 2, tasksGreen: 1, reasons: ['app2: latency above the gate'] }],
    alerts: [],
    reverseTasks: [],
    resources: [],
    ...extra,
  };
}

export function tableRow(table: string, extra: Partial<TableStatisticsView> = {}): TableStatisticsView {
  return {
    schema: 'shop',
    table,
    state: 'Table completed',
    fullLoadRows: 10,
    inserts: 0,
    updates: 0,
    deletes: 0,
    ddls: 0,
    validationState: 'Validated',
    validationPendingRecords: 0,
    validationFailedRecords: 0,
    validationSuspendedRecords: 0,
    lastUpdateTime: null,
    ...extra,
  };
}
