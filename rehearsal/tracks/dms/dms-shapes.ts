// The simulation's objects as DMS's JSON shapes. Timestamps are epoch seconds (JSON numbers), as the JSON
// protocols carry them; absent values are left out, never null.
import type { SimEvent } from './event-log';
import type { SimConnection, SimEndpoint, SimInstance } from './simulation';
import type { SimTable } from './sim-table';
import type { SimTask } from './sim-task';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

/** Drops undefined members, so the JSON carries only what is set. */
function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

export function taskShape(task: SimTask, options: { withoutSettings?: boolean } = {}): Record<string, unknown> {
  const { identity } = task;
  const counts = task.tableCounts();
  return compact({
    ReplicationTaskIdentifier: identity.id,
    SourceEndpointArn: identity.sourceEndpointArn,
    TargetEndpointArn: identity.targetEndpointArn,
    ReplicationInstanceArn: identity.instanceArn,
    MigrationType: task.rates.migrationType,
    TableMappings: identity.tableMappings,
    ReplicationTaskSettings: options.withoutSettings ? undefined : identity.settings,
    Status: task.status,
    LastFailureMessage: task.lastFailureMessage,
    StopReason: task.stopReason,
    ReplicationTaskCreationDate: seconds(identity.createdAt),
    ReplicationTaskStartDate: seconds(task.startedAt),
    ReplicationTaskArn: identity.arn,
    ReplicationTaskStats: compact({
      FullLoadProgressPercent: task.fullLoadProgressPercent,
      ElapsedTimeMillis: task.elapsedMs,
      TablesLoaded: counts.loaded,
      TablesLoading: counts.loading,
      TablesQueued: counts.queued,
      TablesErrored: counts.errored,
      FreshStartDate: seconds(task.freshStartAt),
      StartDate: seconds(task.startedAt),
      StopDate: seconds(task.stoppedAt),
      FullLoadStartDate: seconds(task.fullLoadStartAt),
      FullLoadFinishDate: seconds(task.fullLoadFinishAt),
    }),
  });
}

export function tableShape(task: SimTask, table: SimTable): Record<string, unknown> {
  const changes = task.tableChanges(table);
  const lastUpdate = table.phase === 'done' && task.lastApplyAt !== undefined ? Math.max(task.lastApplyAt, table.lastUpdate ?? 0) : table.lastUpdate;
  return compact({
    SchemaName: table.schema,
    TableName: table.name,
    Inserts: changes.inserts,
    Deletes: changes.deletes,
    Updates: changes.updates,
    Ddls: 0,
    AppliedInserts: changes.inserts,
    AppliedDeletes: changes.deletes,
    AppliedUpdates: changes.updates,
    AppliedDdls: 0,
    FullLoadRows: Math.floor(Math.min(table.loaded, table.rows)),
    FullLoadCondtnlChkFailedRows: 0,
    FullLoadErrorRows: 0,
    FullLoadStartTime: seconds(table.loadStart),
    FullLoadEndTime: seconds(table.loadEnd),
    FullLoadReloaded: table.reloading || undefined,
    LastUpdateTime: seconds(lastUpdate),
    TableState: table.tableState,
    ValidationPendingRecords: task.validationPending(table),
    ValidationFailedRecords: table.failedRecords,
    ValidationSuspendedRecords: 0,
    ValidationState: table.validationState(task.rates.validation),
    ValidationStateDetails:
      table.phase === 'error' ? table.errorMessage : table.failedRecords > 0 ? `${table.failedRecords} records failed validation` : undefined,
  });
}

export function instanceShape(instance: SimInstance, index: number): Record<string, unknown> {
  return {
    ReplicationInstanceIdentifier: instance.id,
    ReplicationInstanceClass: instance.instanceClass,
    ReplicationInstanceStatus: 'available',
    AllocatedStorage: instance.allocatedStorageGiB,
    InstanceCreateTime: instance.createdAt / 1000,
    VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0rehearsal000dms', Status: 'active' }],
    AvailabilityZone: instance.availabilityZone,
    ReplicationSubnetGroup: {
      ReplicationSubnetGroupIdentifier: `${instance.id}-subnets`,
      ReplicationSubnetGroupDescription: 'Private subnets (rehearsal)',
      VpcId: 'vpc-0rehearsal0000001',
      SubnetGroupStatus: 'Complete',
      Subnets: [],
    },
    PreferredMaintenanceWindow: 'sun:02:00-sun:02:30',
    PendingModifiedValues: {},
    MultiAZ: false,
    EngineVersion: instance.engineVersion,
    AutoMinorVersionUpgrade: true,
    KmsKeyId: `arn:aws:kms:${instance.arn.split(':')[3]}:${instance.arn.split(':')[4]}:key/rehearsal`,
    ReplicationInstanceArn: instance.arn,
    ReplicationInstancePrivateIpAddresses: [`10.40.${16 + (index >> 8)}.${(index % 250) + 4}`],
    ReplicationInstancePublicIpAddresses: [],
    PubliclyAccessible: false,
    NetworkType: 'IPV4',
  };
}

export function endpointShape(endpoint: SimEndpoint): Record<string, unknown> {
  return compact({
    EndpointIdentifier: endpoint.id,
    EndpointType: endpoint.type.toUpperCase(),
    EngineName: endpoint.engine,
    EngineDisplayName: endpoint.engine === 'mysql' ? 'MySQL' : endpoint.engine,
    Username: endpoint.username,
    ServerName: endpoint.serverName,
    Port: endpoint.port,
    DatabaseName: endpoint.databaseName,
    Status: 'active',
    EndpointArn: endpoint.arn,
    SslMode: endpoint.sslMode,
    MySQLSettings: endpoint.engine === 'mysql' ? { Port: endpoint.port, ServerName: endpoint.serverName, Username: endpoint.username } : undefined,
  });
}

export function eventShape(event: SimEvent): Record<string, unknown> {
  return { SourceIdentifier: event.sourceId, SourceType: event.sourceType, Message: event.message, EventCategories: event.categories, Date: event.date / 1000 };
}

export function connectionShape(
  connection: SimConnection & { status: string },
  instance: SimInstance | undefined,
  endpoint: SimEndpoint | undefined,
): Record<string, unknown> {
  return compact({
    ReplicationInstanceArn: connection.instanceArn,
    EndpointArn: connection.endpointArn,
    Status: connection.status,
    LastFailureMessage: connection.status === 'failed' ? connection.outcome.message : undefined,
    EndpointIdentifier: endpoint?.id,
    ReplicationInstanceIdentifier: instance?.id,
  });
}
