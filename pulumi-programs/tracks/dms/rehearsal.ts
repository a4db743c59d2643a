// The DMS track's rehearsal part: the instance's replication (endpoints and task) created in the rehearsal
// environment through the real DMS SDK client, with the same task identifier and table mappings the AWS target
// uses, so the plan's `replicationTasks` and the monitor find it the same way.
//
// Stack config (project namespace), as on the AWS target: sourceDatabaseHost (without it the stack has no
// replication), sourceDatabasePort (3306), databaseSchemas (list, default ['%']), replicationTaskId (default
// `<instanceId>-mysql-full-load-cdc`), replicationInstanceId (default: the environment's first instance).
import type * as pulumi from '@pulumi/pulumi';
import type { RehearsalInstanceContext, RehearsalTrackPart } from '../../seam/program-track';
import { RehearsalReplication } from './rehearsal-replication';
import { tableMappings } from './table-mappings';

export interface DmsRehearsalOutputs {
  readonly replicationTaskArn: pulumi.Output<string>;
  readonly replicationTaskId: pulumi.Output<string>;
  readonly replicationTaskResourceId: pulumi.Output<string>;
}

export function deployDmsRehearsal({ cockpit, config, instanceId }: RehearsalInstanceContext): DmsRehearsalOutputs | undefined {
  const sourceServer = config.get('sourceDatabaseHost');
  if (sourceServer === undefined) return undefined;
  const endpoint = cockpit.rehearsalAwsEndpoint;
  if (!endpoint) {
    throw new Error('cockpit:rehearsalAwsEndpoint is not set: the rehearsal environment has no AWS endpoint to create the replication in');
  }
  const schemas = config.getObject<string[]>('databaseSchemas') ?? ['%'];
  const replication = new RehearsalReplication('replication', {
    endpoint,
    region: cockpit.region,
    taskId: config.get('replicationTaskId') ?? `${instanceId}-mysql-full-load-cdc`,
    instanceId: config.get('replicationInstanceId') ?? '',
    migrationType: 'full-load-and-cdc',
    tableMappings: tableMappings(schemas),
    sourceServer,
    sourcePort: config.getNumber('sourceDatabasePort') ?? 3306,
    ...(cockpit.accountGuard ? { account: cockpit.accountGuard } : {}),
  });
  return {
    replicationTaskArn: replication.taskArn,
    replicationTaskId: replication.taskId,
    replicationTaskResourceId: replication.taskResourceId,
  };
}

export const dmsRehearsal: RehearsalTrackPart<DmsRehearsalOutputs> = { id: 'dms', deploy: deployDmsRehearsal };
