// The DMS track's part of the API contract: its commands (the monitor's views, series, focus, task control, alerts,
// resources, connection tests and logs), composed into the one command table through main/tracks/contracts.ts.
// Their shapes are in main/api/contract/dms.ts for now, beside its events (still in the contract's events.ts).
import { z } from 'zod';
import { MAX_FOCUSED_TASKS, MAX_FOLLOWED_LOGS, MAX_OVERRIDE_REASON, MIN_OVERRIDE_REASON } from '../../../common/limits';
import {
  AlertViewSchema,
  DmsControlActionSchema,
  DmsSnapshotSchema,
  ReplicationTaskViewSchema,
  SeriesHistorySchema,
  TaskLogViewSchema,
  TaskResourcesViewSchema,
  TaskTablesViewSchema,
} from '../../api/contract/dms';
import { trackContract } from '../../api/contract/track';

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
});

export type DmsCommands = typeof dmsContract.commands;
