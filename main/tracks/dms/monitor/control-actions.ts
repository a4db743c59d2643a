// Control actions on a task through the monitor: start, resume, reload-target, reload tables and stop, after the
// DMS state rules (task-control.ts) are checked, one at a time per task, each DMS call made once (never retried:
// a start that timed out may have started), journaled before and after; the task's view is published at once and
// the next cycle comes soon.
import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import type { DmsControlAction, ReplicationTaskView } from '../contract-views';
import { CommandError } from '../../../../common/command-error';
import { callAws, CallLedger, classifyAwsError, describeAwsError } from '../../../monitoring/aws-call';
import type { ControlContext, ControlInfo, MonitorContext } from './monitor-options';
import { whyNotDescribed } from './resource-views';
import { readTables } from './table-reads';
import { explainInvalidState, refusalOf, replicateActionFor, START_TYPE } from './task-control';
import type { TaskViews } from './views';

export class TaskControl {
  constructor(
    private readonly ctx: MonitorContext,
    private readonly views: TaskViews,
    /** Brings the next refresh cycle forward. */
    private readonly soon: () => void,
  ) {}

  /**
   * Gets a task replicating through control(): start-replication on its first run, resume-processing after that
   * (the same state rules and journal). `action` is null when it already ran or was starting.
   */
  async replicate(taskKey: string, context: ControlContext = {}): Promise<{ action: 'start' | 'resume' | null; view: ReplicationTaskView }> {
    const state = this.ctx.tasks.get(taskKey);
    const action = state?.task ? replicateActionFor(state.task) : 'start';
    if (action === null) return { action, view: this.views.viewOf(state!) };
    return { action, view: await this.control(taskKey, action, undefined, context) };
  }

  /** Starts, resumes, reloads or stops a task, after checking the DMS state rules; journaled before and after. */
  async control(
    taskKey: string,
    action: DmsControlAction,
    tables?: readonly { schema: string; table: string }[],
    context: ControlContext = {},
  ): Promise<ReplicationTaskView> {
    const { options, stop } = this.ctx;
    const state = this.ctx.tasks.require(taskKey);
    const api = this.ctx.apis.forStack(state.planned.stackId);
    if ('unavailable' in api) throw new CommandError('failed', `cannot ${action} ${taskKey}: ${api.unavailable}`);
    if (!state.task || !state.arn)
      throw new CommandError('failed', `cannot ${action} ${taskKey}: ${whyNotDescribed(state) ?? 'DMS has not described the task yet'}`);
    if (state.controlBusy) throw new CommandError('busy', `${taskKey} already has a control action in flight; wait for it to finish`);
    const refusal = refusalOf(action, state.task);
    if (refusal) throw new CommandError('failed', refusal);
    const arn = state.arn;
    const info: ControlInfo = {
      taskKey,
      stackId: state.planned.stackId,
      taskId: state.task.ReplicationTaskIdentifier ?? null,
      action,
      ...(context.parentOperationId ? { parentOperationId: context.parentOperationId } : {}),
      ...(context.details ? { details: context.details } : {}),
    };
    const ledger = new CallLedger();
    // Control calls are not retried: a start that timed out may have started, and a second one would be refused.
    const call = <T>(operation: string, work: (signal: AbortSignal) => Promise<T>) =>
      callAws(operation, work, ledger, stop, { ...options.call, maxAttempts: 1, timeoutMs: Math.max(15_000, options.call?.timeoutMs ?? 0) });

    state.controlBusy = true;
    const startedAt = Date.now();
    let operationId: string | undefined;
    try {
      let reload = tables;
      if ((action === 'reload-tables-data' || action === 'reload-tables-validate') && (!reload || reload.length === 0)) {
        reload = (await readTables(state, api, ledger, stop, options.call)).map((t) => ({ schema: t.schema, table: t.table }));
        if (reload.length === 0) throw new CommandError('failed', `${taskKey} has no tables to reload yet`);
      }
      operationId = await options.journal?.started(info);
      let described: ReplicationTask | undefined;
      if (action === 'stop') described = await call('StopReplicationTask', (signal) => api.stopTask(arn, signal));
      else if (action === 'reload-tables-data' || action === 'reload-tables-validate') {
        await call('ReloadTables', (signal) => api.reloadTables(arn, reload!, action === 'reload-tables-data' ? 'data-reload' : 'validate-only', signal));
      } else described = await call('StartReplicationTask', (signal) => api.startTask(arn, START_TYPE[action], signal));
      const now = this.ctx.clock();
      if (action === 'stop') state.expectedStop = true;
      if (described) state.describe(described, now);
      if (action !== 'stop' && !action.startsWith('reload-tables')) state.streak.restartAt(now);
      const message = `${action} ${info.taskId ?? taskKey}: accepted by DMS${described?.Status ? ` (status ${described.Status})` : ''}`;
      if (operationId) await options.journal!.finished(operationId, info, { ok: true, message, durationMs: Date.now() - startedAt }).catch(() => undefined);
      this.soon();
      return this.views.publishTask(state);
    } catch (error) {
      if (error instanceof CommandError && !operationId) throw error;
      const kind = classifyAwsError(error);
      const message =
        error instanceof CommandError
          ? error.message
          : kind === 'invalid-state'
            ? explainInvalidState(action, state.task, describeAwsError(error))
            : kind === 'not-found'
              ? `DMS has no task ${info.taskId ?? arn} any more: ${describeAwsError(error)}`
              : `${action} ${info.taskId ?? taskKey} failed: ${describeAwsError(error)}`;
      if (operationId) await options.journal!.finished(operationId, info, { ok: false, message, durationMs: Date.now() - startedAt }).catch(() => undefined);
      throw new CommandError('failed', message);
    } finally {
      state.controlBusy = false;
    }
  }
}
