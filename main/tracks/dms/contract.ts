// The DMS track's part of the API contract: its commands (the monitor's views, series, focus, task control, alerts,
// resources, connection tests and logs) and the events its monitor publishes, composed into the one command table
// and event union through main/tracks/contracts.ts. Their shapes (the track's views) are in contract-views.ts.
import { z } from 'zod';
import { MAX_FOCUSED_TASKS, MAX_FOLLOWED_LOGS, MAX_OVERRIDE_REASON, MIN_OVERRIDE_REASON } from '../../../common/limits';
import { MonitorStatusViewSchema } from '../../api/contract/shared';
import { trackContract, trackEvent } from '../../api/contract/track';
import {
  AlertViewSchema,
  DmsControlActionSchema,
  DmsSnapshotSchema,
  ReplicationTaskViewSchema,
  SeriesHistorySchema,
  SeriesPointsSchema,
  TaskLogViewSchema,
  TaskResourcesViewSchema,
  TaskTablesViewSchema,
  WaveGateViewSchema,
} from './contract-views';

const Empty = z.strictObject({});

export const dmsContract = trackContract({
  id: 'dms',
  commands: {
    /** The monitor's current view of every replication task of the plan, wave gates and alerts. */
    'dms.snapshot': { request: Empty, response: DmsSnapshotSchema },
    /** A task's series history newer than the cursor `after` (all of it without one): see SeriesHistorySchema. */
    'dms.series': {
      request: z.strictObject({
        taskKey: z.string().min(1),
        after: z.number().int().min(0).optional(),
      }),
      response: SeriesHistorySchema,
    },
    /** The tasks the operator is looking at: only their table statistics are polled (paged). */
    'dms.focus': {
      request: z.strictObject({ taskKeys: z.array(z.string().min(1)).max(MAX_FOCUSED_TASKS) }),
      response: z.array(TaskTablesViewSchema),
    },
    /** Starts, resumes, reloads or stops a task; refused with the DMS state rule when the task's state forbids it. */
    'dms.control': {
      request: z.strictObject({
        taskKey: z.string().min(1),
        action: DmsControlActionSchema,
        /** For reload-tables-*: which tables (all of the task's tables when omitted). */
        tables: z
          .array(z.strictObject({ schema: z.string().min(1), table: z.string().min(1) }))
          .max(500)
          .optional(),
        /** Actions that destroy target data (reload-target, reload-tables-data): the task's DMS identifier, typed. */
        confirm: z.string().max(255).optional(),
        /** The same actions once the task's wave has cut over: why, typed (journaled with the action). */
        override: z
          .strictObject({
            reason: z
              .string()
              .trim()
              .min(MIN_OVERRIDE_REASON, { error: `expected a reason of at least ${MIN_OVERRIDE_REASON} characters` })
              .max(MAX_OVERRIDE_REASON),
          })
          .optional(),
        /** Who (default: the OS user of the core). */
        by: z.string().min(1).max(200).optional(),
      }),
      response: ReplicationTaskViewSchema,
    },
    'dms.alerts.ack': { request: z.strictObject({ alertId: z.string().min(1) }), response: AlertViewSchema },
    /** A task's ARN, instance, endpoints and log location from the monitor's cache; `refresh` describes them again. */
    'dms.resources': {
      request: z.strictObject({ taskKey: z.string().min(1), refresh: z.boolean().default(false) }),
      response: TaskResourcesViewSchema,
    },
    /**
     * Tests an endpoint of a task from its replication instance (TestConnection; journaled). Answers once DMS took the
     * test, with the endpoint's connection `testing`; the outcome (DescribeConnections) arrives as a dms.resources event.
     */
    'dms.testConnection': {
      request: z.strictObject({ taskKey: z.string().min(1), endpoint: z.enum(['source', 'target']) }),
      response: TaskResourcesViewSchema,
    },
    /** The tasks whose CloudWatch log someone reads: only these are tailed (new lines arrive as dms.log events). */
    'dms.logs.follow': {
      request: z.strictObject({ taskKeys: z.array(z.string().min(1)).max(MAX_FOLLOWED_LOGS) }),
      response: z.array(TaskLogViewSchema),
    },
  },
  // Events without a key each carry their own part of the monitor's data (changed tasks, new points, one alert's
  // change, changed resources, new log lines): every one is kept. Keyed ones are whole views: the newest supersedes.
  events: [
    /** Tasks whose view changed in the last refresh cycle. */
    trackEvent(z.object({ type: z.literal('dms.tasks'), tasks: z.array(ReplicationTaskViewSchema) })),
    /** New datapoints per series (append to the UI's own bounded buffers). */
    trackEvent(z.object({ type: z.literal('dms.samples'), samples: z.array(SeriesPointsSchema) })),
    /** Fresh table statistics of a focused task: the newest per task supersedes. */
    trackEvent(z.object({ type: z.literal('dms.tables'), tables: TaskTablesViewSchema }), (event) => event.tables.taskKey),
    trackEvent(z.object({ type: z.literal('dms.waves'), waves: z.array(WaveGateViewSchema) }), () => 'dms.waves'),
    /** An alert was raised, cleared or acknowledged. */
    trackEvent(z.object({ type: z.literal('dms.alert'), alert: AlertViewSchema })),
    trackEvent(z.object({ type: z.literal('dms.monitor'), monitor: MonitorStatusViewSchema }), () => 'dms.monitor'),
    /** Tasks whose instance, endpoints or connection test changed. */
    trackEvent(z.object({ type: z.literal('dms.resources'), resources: z.array(TaskResourcesViewSchema) })),
    /** The reverse tasks the monitor follows now, all of them (the newest supersedes). */
    trackEvent(z.object({ type: z.literal('dms.reverse'), tasks: z.array(ReplicationTaskViewSchema) }), () => 'dms.reverse'),
    /** A followed task log: new lines to append (`append`), or the whole view to replace what a client holds. */
    trackEvent(z.object({ type: z.literal('dms.log'), log: TaskLogViewSchema, append: z.boolean() })),
  ],
});

export type DmsCommands = typeof dmsContract.commands;
