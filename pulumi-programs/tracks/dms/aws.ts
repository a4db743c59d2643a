// The DMS track's AWS part of an application-instance stack: the RDS MySQL target and the DMS replication that
// fills it from the data-center database. Loading this module loads @pulumi/aws.
//
// Stack config (project namespace), as the migration plan writes it:
//   required  sourceDatabaseHost, dbPassword (secret)
//   network   replicationInstanceArn, dbAllowedCidrs (list); else from the network stack (replicationInstanceArn, vpcCidr)
//   database  dbInstanceClass (default db.t4g.medium), dbAllocatedStorageGiB (default 50),
//             dbMaxAllocatedStorageGiB, dbMultiAz (default true), dbDeletionProtection (default true),
//             dbUsername (default admin), dbBackupRetentionDays (default 7)
//   source    sourceDatabasePort (3306), sourceDatabaseUser (default: dbUsername),
//             sourceDatabasePassword (secret; default: dbPassword), sourceDatabaseSslMode (default require),
//             databaseSchemas (list, default ['%']: every non-system schema), targetTablePrepMode,
//             startReplication (default false: the cockpit starts replication)
import type * as pulumi from '@pulumi/pulumi';
import { configValues } from '../../seam/config-values';
import type { AwsInstanceContext, AwsTrackPart } from '../../seam/program-track';
import { DataReplication, type SslMode, type TargetTablePrepMode } from './data-replication';
import { MysqlTarget } from './mysql-target';

export interface DmsAwsOutputs {
  /** Host name of the RDS MySQL target. */
  readonly dbEndpoint: pulumi.Output<string>;
  readonly dbPort: pulumi.Output<number>;
  readonly replicationTaskArn: pulumi.Output<string>;
  /** e.g. `app1101-mysql-full-load-cdc` (the id in the plan's `replicationTasks`). */
  readonly replicationTaskId: pulumi.Output<string>;
  /** Last segment of the task ARN: the `ReplicationTaskIdentifier` dimension of the task's CloudWatch metrics. */
  readonly replicationTaskResourceId: pulumi.Output<string>;
}

export interface DmsAwsSettings {
  readonly replicationInstanceArn?: string;
  readonly dbAllowedCidrs?: string[];
  readonly dbInstanceClass: string;
  readonly dbAllocatedStorageGiB: number;
  readonly dbMaxAllocatedStorageGiB?: number;
  readonly dbMultiAz: boolean;
  readonly dbDeletionProtection: boolean;
  readonly dbUsername: string;
  readonly dbBackupRetentionDays: number;
  readonly dbPassword: pulumi.Output<string>;
  readonly sourceDatabaseHost: string;
  readonly sourceDatabasePort: number;
  readonly sourceDatabaseUser: string;
  readonly sourceDatabasePassword: pulumi.Output<string>;
  readonly sourceDatabaseSslMode: SslMode;
  readonly databaseSchemas: string[];
  readonly targetTablePrepMode: TargetTablePrepMode;
  readonly startReplication: boolean;
}

const SSL_MODES: readonly SslMode[] = ['none', 'require', 'verify-ca', 'verify-full'];
const PREP_MODES: readonly TargetTablePrepMode[] = ['DO_NOTHING', 'DROP_AND_CREATE', 'TRUNCATE_BEFORE_LOAD'];

/** Reads the track's config (project namespace). Throws with the config key's name on a bad value. */
export function readDmsAwsSettings(config: pulumi.Config): DmsAwsSettings {
  const values = configValues(config);
  const dbUsername = config.get('dbUsername') ?? 'admin';
  const dbPassword = config.requireSecret('dbPassword');
  return {
    replicationInstanceArn: config.get('replicationInstanceArn'),
    dbAllowedCidrs: values.stringList('dbAllowedCidrs'),
    dbInstanceClass: config.get('dbInstanceClass') ?? 'db.t4g.medium',
    dbAllocatedStorageGiB: config.getNumber('dbAllocatedStorageGiB') ?? 50,
    dbMaxAllocatedStorageGiB: config.getNumber('dbMaxAllocatedStorageGiB'),
    dbMultiAz: config.getBoolean('dbMultiAz') ?? true,
    dbDeletionProtection: config.getBoolean('dbDeletionProtection') ?? true,
    dbUsername,
    dbBackupRetentionDays: config.getNumber('dbBackupRetentionDays') ?? 7,
    dbPassword,
    sourceDatabaseHost: config.require('sourceDatabaseHost'),
    sourceDatabasePort: config.getNumber('sourceDatabasePort') ?? 3306,
    sourceDatabaseUser: config.get('sourceDatabaseUser') ?? dbUsername,
    sourceDatabasePassword: config.getSecret('sourceDatabasePassword') ?? dbPassword,
    sourceDatabaseSslMode: values.oneOf('sourceDatabaseSslMode', SSL_MODES, 'require'),
    databaseSchemas: values.stringList('databaseSchemas') ?? ['%'],
    targetTablePrepMode: values.oneOf('targetTablePrepMode', PREP_MODES, 'DROP_AND_CREATE'),
    startReplication: config.getBoolean('startReplication') ?? false,
  };
}

/** Creates the RDS target and the replication into it. */
export function deployDmsAws(
  settings: DmsAwsSettings,
  replicationInstanceArn: pulumi.Input<string>,
  { instanceId, prefix, tags, network }: AwsInstanceContext,
): DmsAwsOutputs {
  const database = new MysqlTarget(instanceId, {
    prefix,
    instanceId,
    instanceClass: settings.dbInstanceClass,
    allocatedStorageGiB: settings.dbAllocatedStorageGiB,
    maxAllocatedStorageGiB: settings.dbMaxAllocatedStorageGiB,
    multiAz: settings.dbMultiAz,
    subnetIds: network.subnetIds,
    vpcId: network.vpcId,
    allowedCidrs: settings.dbAllowedCidrs ?? [network.vpcCidr()],
    username: settings.dbUsername,
    password: settings.dbPassword,
    deletionProtection: settings.dbDeletionProtection,
    backupRetentionDays: settings.dbBackupRetentionDays,
    tags: { ...tags },
  });

  const replication = new DataReplication(instanceId, {
    instanceId,
    replicationInstanceArn,
    source: {
      host: settings.sourceDatabaseHost,
      port: settings.sourceDatabasePort,
      username: settings.sourceDatabaseUser,
      password: settings.sourceDatabasePassword,
      sslMode: settings.sourceDatabaseSslMode,
    },
    target: { host: database.endpoint, port: database.port, username: database.username, password: database.password, sslMode: 'require' },
    schemas: settings.databaseSchemas,
    targetTablePrepMode: settings.targetTablePrepMode,
    startTask: settings.startReplication,
    tags: { ...tags },
  });

  return {
    dbEndpoint: database.endpoint,
    dbPort: database.port,
    replicationTaskArn: replication.replicationTaskArn,
    replicationTaskId: replication.replicationTaskId,
    replicationTaskResourceId: replication.replicationTaskResourceId,
  };
}

export const dmsAws: AwsTrackPart<DmsAwsOutputs> = {
  id: 'dms',
  prepare: (config, network) => {
    const settings = readDmsAwsSettings(config);
    const replicationInstanceArn = network.fromNetwork('replicationInstanceArn', 'replicationInstanceArn', settings.replicationInstanceArn);
    return (context) => deployDmsAws(settings, replicationInstanceArn, context);
  },
};
