// The rehearsal side of an application-instance stack: its DMS replication (endpoints and task) created in the
// rehearsal environment through the real DMS SDK client, with the same task identifier and table mappings the
// AWS target uses, so the plan's `replicationTasks` and the monitor find it the same way.
//
// Stack config (project namespace), as on the AWS target: sourceDatabaseHost (without it the stack has no
// replication), sourceDatabasePort (3306), databaseSchemas (list, default ['%']), replicationTaskId (default
// `<instanceId>-mysql-full-load-cdc`), replicationInstanceId (default: the environment's first instance),
// trafficTarget (datacenter | aws, default datacenter: which side serves the instance's users).
//
// The instance itself is the rehearsal environment's stand-in: `healthUrl` is its health endpoint there, and
// carries the deployed trafficTarget, so a cutover's health check sees what the last deploy set.
import * as pulumi from '@pulumi/pulumi';
import { tableMappings } from '../components/table-mappings';
import type { CockpitConfig } from '../lib/cockpit-config';
import { RehearsalReplication } from '../lib/rehearsal-replication';

export interface RehearsalAppInstanceOutputs {
  readonly healthUrl?: string;
  readonly replicationTaskArn?: pulumi.Output<string>;
  readonly replicationTaskId?: pulumi.Output<string>;
  readonly replicationTaskResourceId?: pulumi.Output<string>;
}

const TRAFFIC_TARGETS = ['datacenter', 'aws'] as const;

export function deployRehearsal(cockpit: CockpitConfig, config: pulumi.Config = new pulumi.Config()): RehearsalAppInstanceOutputs | undefined {
  const instanceId = cockpit.stackId.slice(cockpit.stackId.lastIndexOf('/') + 1);
  const trafficTarget = config.get('trafficTarget') ?? 'datacenter';
  if (!(TRAFFIC_TARGETS as readonly string[]).includes(trafficTarget)) {
    throw new Error(`${config.name}:trafficTarget must be one of ${TRAFFIC_TARGETS.join(', ')} (got '${trafficTarget}')`);
  }
  const endpoint = cockpit.rehearsalAwsEndpoint;
  const health = endpoint ? { healthUrl: `${endpoint}/_apps/${instanceId}/healthz?traffic=${trafficTarget}` } : {};
  const sourceServer = config.get('sourceDatabaseHost');
  if (sourceServer === undefined) return endpoint ? health : undefined;
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
  });
  return {
    ...health,
    replicationTaskArn: replication.taskArn,
    replicationTaskId: replication.taskId,
    replicationTaskResourceId: replication.taskResourceId,
  };
}
