// Endpoint connection tests, as the DMS console runs them: TestConnection from the task's replication instance
// (called once, journaled like task control), then DescribeConnections until DMS no longer reports `testing` or
// the wait times out; the endpoint's connection shows `testing` and then the outcome, published as dms.resources.
// One test per instance and endpoint at a time.
import type { TaskResourcesView } from '../contract-views';
import { CommandError } from '../../../../common/command-error';
import { callAws, CallLedger, classifyAwsError, describeAwsError, sleep } from '../../../monitoring/aws-call';
import type { ReplicationApi } from './clients';
import type { ControlContext, ControlInfo, MonitorContext } from './monitor-options';
import { resourceArnsOf, resourcesOfState, whyNotDescribed } from './resource-views';
import { connectionKey, connectionOutcome } from './resources';

interface RunningTest {
  readonly instanceArn: string;
  readonly endpointArn: string;
  readonly startedAt: string;
  readonly wallStart: number;
  readonly info: ControlInfo;
  readonly operationId: string | undefined;
}

export class ConnectionTests {
  /** Connection tests in flight (instance + endpoint). */
  private readonly running = new Set<string>();

  constructor(
    private readonly ctx: MonitorContext,
    /** Publishes the resources views that changed. */
    private readonly publishResources: () => void,
  ) {}

  /**
   * Tests the task's source or target endpoint from its replication instance. Answers once DMS took the test (the
   * endpoint's connection `testing`); `done` settles with the outcome.
   */
  async test(taskKey: string, role: 'source' | 'target', context: ControlContext = {}): Promise<{ view: TaskResourcesView; done: Promise<TaskResourcesView> }> {
    const { options, tasks, resources, stop } = this.ctx;
    const state = tasks.require(taskKey);
    const api = this.ctx.apis.forStack(state.planned.stackId);
    if ('unavailable' in api) throw new CommandError('failed', `cannot test the ${role} endpoint of ${taskKey}: ${api.unavailable}`);
    const task = state.task;
    if (!task)
      throw new CommandError('failed', `cannot test the ${role} endpoint of ${taskKey}: ${whyNotDescribed(state) ?? 'DMS has not described the task yet'}`);
    const { instanceArn, sourceArn, targetArn } = resourceArnsOf(task);
    const endpointArn = role === 'source' ? sourceArn : targetArn;
    if (!instanceArn || !endpointArn)
      throw new CommandError(
        'failed',
        `cannot test the ${role} endpoint of ${taskKey}: DMS names no ${instanceArn ? `${role} endpoint` : 'replication instance'} for the task`,
      );
    const key = connectionKey(instanceArn, endpointArn);
    const endpointEntry = resources.endpointEntry(endpointArn);
    const endpointName = (endpointEntry && 'info' in endpointEntry ? endpointEntry.info.identifier : undefined) ?? endpointArn;
    const instanceName = resources.instance(instanceArn)?.identifier ?? instanceArn;
    if (this.running.has(key))
      throw new CommandError('busy', `the connection of ${role} endpoint ${endpointName} from ${instanceName} is being tested already; wait for its result`);
    const info: ControlInfo = {
      taskKey,
      stackId: state.planned.stackId,
      taskId: task.ReplicationTaskIdentifier ?? null,
      action: 'test-connection',
      details: { endpoint: role, endpointArn, endpointIdentifier: endpointName, replicationInstanceArn: instanceArn },
      ...(context.parentOperationId ? { parentOperationId: context.parentOperationId } : {}),
    };
    const what = `${role} endpoint ${endpointName} from ${instanceName}`;
    this.running.add(key);
    const wallStart = Date.now();
    const startedAt = new Date(this.ctx.clock()).toISOString();
    let operationId: string | undefined;
    let first: Awaited<ReturnType<ReplicationApi['testConnection']>>;
    try {
      operationId = await options.journal?.started(info);
    } catch (error) {
      this.running.delete(key);
      throw new CommandError('failed', `the connection test of ${what} was not started: the journal could not record it (${describeAwsError(error)})`);
    }
    try {
      // Not retried, like task control: a test that timed out may have started, and DMS refuses a second one.
      first = await callAws('TestConnection', (signal) => api.testConnection(instanceArn, endpointArn, signal), new CallLedger(), stop, {
        ...options.call,
        maxAttempts: 1,
        timeoutMs: Math.max(15_000, options.call?.timeoutMs ?? 0),
      });
    } catch (error) {
      this.running.delete(key);
      const kind = classifyAwsError(error);
      const message = `DMS refused to test the connection of ${what}: ${describeAwsError(error)}${kind === 'invalid-state' ? ' (the instance or the endpoint is not available; try again once it is)' : ''}`;
      if (operationId) await options.journal!.finished(operationId, info, { ok: false, message, durationMs: Date.now() - wallStart }).catch(() => undefined);
      throw new CommandError('failed', message);
    }
    resources.setConnection(instanceArn, endpointArn, { status: 'testing', message: null, startedAt, finishedAt: null });
    this.publishResources();
    const test: RunningTest = { instanceArn, endpointArn, startedAt, wallStart, info, operationId };
    const done = this.awaitOutcome(api, test, what, first)
      .catch((error: unknown) => {
        // Never expected: the wait settles every call itself. The view must not stay `testing` forever.
        options.log?.(`dms connection test of ${what} failed: ${describeAwsError(error)}`);
        return this.finish(test, 'timed-out', `the cockpit stopped waiting: ${describeAwsError(error)}`);
      })
      .then(() => resourcesOfState(tasks.get(taskKey) ?? state, resources))
      .finally(() => this.running.delete(key));
    done.catch(() => undefined);
    return { view: resourcesOfState(state, resources), done };
  }

  private async awaitOutcome(
    api: ReplicationApi,
    test: RunningTest,
    what: string,
    first: Awaited<ReturnType<ReplicationApi['testConnection']>>,
  ): Promise<void> {
    const { options, stop } = this.ctx;
    const pollMs = options.connectionTest?.pollMs ?? 3000;
    const timeoutMs = options.connectionTest?.timeoutMs ?? 300_000;
    let outcome = connectionOutcome(first);
    let lastProblem: string | null = null;
    while (!outcome) {
      if (Date.now() - test.wallStart >= timeoutMs) {
        const after = `${Math.round((Date.now() - test.wallStart) / 1000)} s`;
        return this.finish(
          test,
          'timed-out',
          `DMS was still testing after ${after}${lastProblem ? ` (last read failed: ${lastProblem})` : ''}; it may still finish: test again later`,
        );
      }
      await sleep(pollMs, stop);
      if (stop.aborted) return this.finish(test, 'timed-out', 'the monitor stopped (the plan changed or the cockpit closes) before DMS finished the test');
      try {
        const info = await callAws(
          'DescribeConnections',
          (signal) => api.describeConnection(test.instanceArn, test.endpointArn, signal),
          new CallLedger(),
          stop,
          options.call,
        );
        // DMS lists a new test a moment after TestConnection answers: no entry yet is still `testing`.
        outcome = connectionOutcome(info);
        lastProblem = null;
      } catch (error) {
        if (stop.aborted) continue;
        lastProblem = describeAwsError(error);
      }
    }
    return this.finish(test, outcome.status, outcome.message);
  }

  private async finish(test: RunningTest, status: 'successful' | 'failed' | 'timed-out', message: string | null): Promise<void> {
    const { options, resources } = this.ctx;
    resources.setConnection(test.instanceArn, test.endpointArn, {
      status,
      message,
      startedAt: test.startedAt,
      finishedAt: new Date(this.ctx.clock()).toISOString(),
    });
    this.publishResources();
    const role = test.info.details?.endpoint ?? 'endpoint';
    const name = test.info.details?.endpointIdentifier ?? test.endpointArn;
    const text = `connection test of ${role} endpoint ${name}: ${status}${message ? `: ${message}` : ''}`;
    if (test.operationId)
      await options
        .journal!.finished(test.operationId, test.info, { ok: status === 'successful', message: text, durationMs: Date.now() - test.wallStart })
        .catch(() => undefined);
  }
}
