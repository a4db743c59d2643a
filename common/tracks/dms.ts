// common/ — the DMS track's values: metrics, task phases, alert kinds, log levels and task controls.
// Environment-neutral values only (no zod, no node:, no DOM, no packages); the contract's dms.ts builds on them.

/** The CloudWatch AWS/DMS task metrics the monitor keeps as series. */
export const DMS_METRICS = ['CDCLatencySource', 'CDCLatencyTarget', 'CDCIncomingChanges', 'CDCThroughputRowsTarget', 'FullLoadThroughputRowsTarget'] as const;
export type DmsMetric = (typeof DMS_METRICS)[number];

/** FullLoadProgressPercent as DescribeReplicationTasks reports it, kept as a series beside the CloudWatch metrics. */
export const FULL_LOAD_PROGRESS = 'FullLoadProgressPercent';

/** Every series the monitor keeps per task (dms.series, dms.samples): the CloudWatch metrics and full-load progress. */
export const DMS_SERIES = [...DMS_METRICS, FULL_LOAD_PROGRESS] as const;
export type DmsSeriesName = (typeof DMS_SERIES)[number];

/** Where a task is in its life, derived from DMS Status, StopReason and stats. */
export const REPLICATION_PHASES = [
  'unresolved', // the task's ARN is not known yet (e.g. its stack is not deployed) or DMS does not know it
  'not-started', // ready, never started
  'starting',
  'full-load',
  'cdc',
  'full-load-done', // full-load-only task that finished
  'stopping',
  'stopped',
  'failed',
  'other', // creating, modifying, deleting, moving, testing...
] as const;

export const ALERT_KINDS = [
  'task-failed',
  'task-stopped',
  'latency-above-gate',
  'table-errors',
  'validation-mismatch',
  'monitor-degraded',
  'account-unreadable',
] as const;

export const DMS_LOG_LEVELS = ['error', 'warning', 'info', 'debug', 'trace', 'other'] as const;

/** The task controls an operator may use (dms.control). */
export const DMS_CONTROL_ACTIONS = ['start', 'resume', 'reload-target', 'stop', 'reload-tables-data', 'reload-tables-validate'] as const;
export type DmsControlAction = (typeof DMS_CONTROL_ACTIONS)[number];

/** The DMS track's command names (main/tracks/dms/contract.ts declares their schemas). */
export const DMS_COMMAND_NAMES = [
  'dms.snapshot',
  'dms.series',
  'dms.focus',
  'dms.control',
  'dms.alerts.ack',
  'dms.resources',
  'dms.testConnection',
  'dms.logs.follow',
] as const;

/** The DMS track's runbook action types (main/tracks/dms declares them; main/cutover/catalog.test.ts holds the two together). */
export const DMS_ACTION_TYPES = ['freeze-check', 'stop-replication'] as const;
