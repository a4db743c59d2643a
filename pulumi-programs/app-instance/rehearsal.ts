// The rehearsal side of an application-instance stack: its DMS replication (endpoints and task) created in the
// rehearsal environment through the real DMS SDK client, with the same task identifier and table mappings the
// AWS target uses, so the plan's `replicationTasks` and the monitor find it the same way.
//
// Stack config (project namespace), as on the AWS target: sourceDatabaseHost (without it the stack has no
// replication), sourceDatabasePort (3306), databaseSchemas (list, default ['%']), replicationTaskId (default
// `<instanceId>-mysql-full-load-cdc`), replicationInstanceId (default: the environment's first instance).
import * as pulumi from '@pulumi/pulumi';
import { tableMappings } from '../components/table-mappings';
import type { CockpitConfig } from '../lib/cockpit-config';
import { RehearsalReplication } from '../lib/rehearsal-replication';

export interface RehearsalAppInstanceOutputs {
  readonly replicationTaskArn: pulumi.Output<string>;
  readonly replicationTaskId: pulumi.Output<string>;
  readonly replicationTaskResourceId: pulumi.Output<string>;
}

export function deployRehearsal(cockpit: CockpitConfig, config: pulumi.Config = new pulumi.Config()): RehearsalAppInstanceOutputs | undefined {
  const sourceServer = config.get('sourceDatabaseHost');
  if (sourceServer === undefined) return undefined;
  if (!cockpit.rehearsalAwsEndpoint) {
    throw new Error('cockpit:rehearsalAwsEndpoint is not set: the rehearsal environment has no AWS endpoint to create the replication in');
  }
  const instanceId = cockpit.stackId.slice(cockpit.stackId.lastIndexOf('/') + 1);
  const schemas = config.getObject<string[]>('databaseSchemas') ?? ['%'];
  const replication = new RehearsalReplication('replication', {
    endpoint: cockpit.rehearsalAwsEndpoint,
    region: cockpit.region,
    taskId: config.get('replicationTaskId') ?? `${instanceId}-mysql-full-load-cdc`,
    instanceId: config.get('replicationInstanceId') ?? '',
    migrationType: 'full-load-and-cdc',
    tableMappings: tableMappings(schemas),
    sourceServer,
    sourcePort: config.getNumber('sourceDatabasePort') ?? 3306,
  });
  return {
    replicationTaskArn: replication.taskArn,
    replicationTaskId: replication.taskId,
    replicationTaskResourceId: replication.taskResourceId,
  };
}
