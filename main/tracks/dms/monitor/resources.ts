// What the DMS console shows about a task beside its state: its replication instance (class, status), its source
// and target endpoints (engine, server, port, database; never how they sign in), the latest connection test of each
// endpoint from the instance, and where DMS writes the task's log. Instances and endpoints rarely change, so they
// are described on first sight (batched, 100 ARNs a call, in the refresh cycle that first sees a task) and again
// only on demand: the cycle's call count stays at its floor.
import type { ConnectionTestView, EndpointView, ReplicationInstanceView, TaskResourcesView } from '../contract-views';
import type { ConnectionInfo, EndpointInfo, InstanceInfo } from './clients';
import { DESCRIBE_FILTER_MAX, chunk } from './poll-planner';
import { arnResourceId } from './task-refs';

/** The ARNs a task names: its instance and its two endpoints (from DescribeReplicationTasks). */
export interface TaskResourceArns {
  readonly instanceArn: string | null;
  readonly sourceArn: string | null;
  readonly targetArn: string | null;
}

/** What is known of one resource: described, or asked for and absent, with when. */
type Entry<T> = { readonly info: T; readonly at: number } | { readonly missing: string; readonly at: number };

/** How long an endpoint whose describe failed waits before a cycle asks again (data-clock ms; default 1 minute). */
const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * The instances and endpoints the monitor has described, and the connection tests it ran, shared by every task that
 * names them. `version` moves whenever anything changes, so per-task views are rebuilt only then.
 */
export class ResourceCache {
  private readonly instances = new Map<string, Entry<InstanceInfo>>();
  private readonly endpoints = new Map<string, Entry<EndpointInfo>>();
  private readonly failedEndpoints = new Map<string, { reason: string; at: number }>();
  private readonly connections = new Map<string, ConnectionTestView>();
  version = 0;

  instance(arn: string): InstanceInfo | undefined {
    const entry = this.instances.get(arn);
    return entry && 'info' in entry ? entry.info : undefined;
  }

  hasInstance(arn: string): boolean {
    return this.instance(arn) !== undefined;
  }

  setInstances(found: readonly InstanceInfo[], at: number): void {
    for (const info of found) {
      const before = this.instances.get(info.arn);
      this.instances.set(info.arn, { info, at });
      if (!before || !('info' in before) || JSON.stringify(before.info) !== JSON.stringify(info)) this.version++;
    }
  }

  /** Instances asked for on demand that DMS no longer knows. */
  markInstancesMissing(arns: readonly string[], at: number): void {
    for (const arn of arns) {
      this.instances.set(arn, { missing: `DMS has no replication instance ${arn} in this account and region`, at });
      this.version++;
    }
  }

  /** Takes a DescribeEndpoints answer for `asked`: those it lacks are missing (DMS does not know them). */
  setEndpoints(asked: readonly string[], found: readonly EndpointInfo[], at: number): void {
    const byArn = new Map(found.map((info) => [info.arn, info]));
    for (const arn of asked) {
      const info = byArn.get(arn);
      const before = this.endpoints.get(arn);
      this.failedEndpoints.delete(arn);
      if (info) {
        this.endpoints.set(arn, { info, at });
        if (!before || !('info' in before) || JSON.stringify(before.info) !== JSON.stringify(info)) this.version++;
      } else {
        this.endpoints.set(arn, { missing: `DMS has no endpoint ${arn} in this account and region`, at });
        if (!before || 'info' in before) this.version++;
      }
    }
  }

  /** A describe of these endpoints failed: they are asked again after a while, and the views say why they are missing. */
  endpointsFailed(arns: readonly string[], reason: string, at: number): void {
    for (const arn of arns) this.failedEndpoints.set(arn, { reason, at });
    this.version++;
  }

  endpointEntry(arn: string): Entry<EndpointInfo> | undefined {
    return this.endpoints.get(arn);
  }

  /** When this endpoint was last described (or found missing), or null. */
  describedAt(arn: string): number | null {
    return this.endpoints.get(arn)?.at ?? null;
  }

  endpointFailure(arn: string): string | undefined {
    return this.failedEndpoints.get(arn)?.reason;
  }

  /** Endpoints no cycle has described yet (nor tried within the last minute after a failure). */
  endpointsToDescribe(arns: Iterable<string>, now: number): string[] {
    const out = new Set<string>();
    for (const arn of arns) {
      if (this.endpoints.has(arn)) continue;
      const failed = this.failedEndpoints.get(arn);
      if (failed && now - failed.at < RETRY_AFTER_FAILURE_MS) continue;
      out.add(arn);
    }
    return [...out];
  }

  connection(instanceArn: string, endpointArn: string): ConnectionTestView | undefined {
    return this.connections.get(connectionKey(instanceArn, endpointArn));
  }

  setConnection(instanceArn: string, endpointArn: string, view: ConnectionTestView): void {
    this.connections.set(connectionKey(instanceArn, endpointArn), view);
    this.version++;
  }
}

export function connectionKey(instanceArn: string, endpointArn: string): string {
  return `${instanceArn}\u0000${endpointArn}`;
}

/** Lookups of the ARNs not described yet, in calls of at most 100 ARNs each. */
export function planResourceLookups(
  tasks: readonly TaskResourceArns[],
  known: { hasInstance(arn: string): boolean; endpointsToDescribe(arns: Iterable<string>, now: number): string[] },
  now: number,
): { instances: string[][]; endpoints: string[][] } {
  const instanceArns = new Set<string>();
  const endpointArns = new Set<string>();
  for (const task of tasks) {
    if (task.instanceArn && !known.hasInstance(task.instanceArn)) instanceArns.add(task.instanceArn);
    if (task.sourceArn) endpointArns.add(task.sourceArn);
    if (task.targetArn) endpointArns.add(task.targetArn);
  }
  return { instances: chunk([...instanceArns], DESCRIBE_FILTER_MAX), endpoints: chunk(known.endpointsToDescribe(endpointArns, now), DESCRIBE_FILTER_MAX) };
}

/**
 * Where DMS writes a task's log in CloudWatch Logs: group `dms-tasks-<replication instance identifier>`, stream
 * `dms-task-<the last segment of the task ARN>` (the task's resource id, as in its CloudWatch metrics, not its name).
 */
export function taskLogLocation(instanceIdentifier: string, taskArn: string): { group: string; stream: string } {
  return { group: `dms-tasks-${instanceIdentifier}`, stream: `dms-task-${arnResourceId(taskArn)}` };
}

export function instanceView(arn: string, info: InstanceInfo | undefined): ReplicationInstanceView {
  return {
    arn,
    identifier: info?.identifier ?? null,
    instanceClass: info?.instanceClass ?? null,
    status: info?.status ?? null,
    engineVersion: info?.engineVersion ?? null,
    multiAz: info?.multiAz ?? null,
  };
}

export function endpointView(role: 'source' | 'target', arn: string, info: EndpointInfo | undefined, connection: ConnectionTestView | undefined): EndpointView {
  return {
    role,
    arn,
    identifier: info?.identifier ?? null,
    engine: info?.engine ?? null,
    serverName: info?.serverName ?? null,
    port: info?.port ?? null,
    databaseName: info?.databaseName ?? null,
    status: info?.status ?? null,
    sslMode: info?.sslMode ?? null,
    connection: connection ?? null,
  };
}

/** A task's resources view from what the cache holds. `why` says why the task itself is not described yet. */
export function resourcesView(
  taskKey: string,
  taskArn: string | null,
  arns: TaskResourceArns | null,
  cache: ResourceCache,
  why: string | null,
): TaskResourcesView {
  const problems: string[] = [];
  if (!arns) {
    return {
      taskKey,
      taskArn,
      instance: null,
      source: null,
      target: null,
      log: null,
      describedAt: null,
      problems: [why ?? 'DMS has not described the task yet'],
    };
  }
  const instanceInfo = arns.instanceArn ? cache.instance(arns.instanceArn) : undefined;
  if (arns.instanceArn && !instanceInfo) problems.push(`replication instance ${arns.instanceArn} not described yet`);
  const endpoint = (role: 'source' | 'target', arn: string | null): EndpointView | null => {
    if (!arn) return null;
    const entry = cache.endpointEntry(arn);
    if (entry && 'missing' in entry) problems.push(`${role} endpoint: ${entry.missing}`);
    else if (!entry) problems.push(`${role} endpoint not described yet${cache.endpointFailure(arn) ? `: ${cache.endpointFailure(arn)}` : ''}`);
    const connection = arns.instanceArn ? cache.connection(arns.instanceArn, arn) : undefined;
    return endpointView(role, arn, entry && 'info' in entry ? entry.info : undefined, connection);
  };
  const source = endpoint('source', arns.sourceArn);
  const target = endpoint('target', arns.targetArn);
  const times = [arns.sourceArn, arns.targetArn].flatMap((arn) => (arn ? [cache.describedAt(arn)] : [])).filter((at): at is number => at !== null);
  return {
    taskKey,
    taskArn,
    instance: arns.instanceArn ? instanceView(arns.instanceArn, instanceInfo) : null,
    source,
    target,
    log: instanceInfo && taskArn ? taskLogLocation(instanceInfo.identifier, taskArn) : null,
    describedAt: times.length > 0 ? new Date(Math.min(...times)).toISOString() : null,
    problems,
  };
}

/** DescribeConnections' answer as the cockpit shows it; null while DMS still tests. */
export function connectionOutcome(info: ConnectionInfo | undefined): { status: 'successful' | 'failed'; message: string | null } | null {
  const status = info?.status;
  if (status === undefined || status === 'testing') return null;
  if (status === 'successful') return { status: 'successful', message: null };
  if (status === 'failed') return { status: 'failed', message: info?.lastFailureMessage ?? 'DMS gave no reason' };
  // 'deleting' or a status this cockpit does not know: the test did not succeed.
  return { status: 'failed', message: `DMS reports the connection as ${status}${info?.lastFailureMessage ? `: ${info.lastFailureMessage}` : ''}` };
}
