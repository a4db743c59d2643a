// The DMS replication of one application instance's MySQL database: a source endpoint for the data center's
// database, a target endpoint for its RDS copy, and a `full-load-and-cdc` task on a shared replication
// instance (the network foundation's).
//
// The task is named `<instanceId>-mysql-full-load-cdc`, the id the migration plan lists under the stack's
// `replicationTasks`. CloudWatch keys DMS task metrics by the last segment of the task ARN, not by that name,
// so the component also exposes that segment (`replicationTaskResourceId`) for the monitor.
//
// Endpoints and the task have fixed identifiers, so AWS cannot hold an old and a new one at once: they are
// replaced delete-before-replace.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { MYSQL_PORT } from './mysql-target';
import { tableMappings } from './table-mappings';

export { MYSQL_SYSTEM_SCHEMAS, tableMappings } from './table-mappings';
import { checkIdentifierPart, checkInteger, checkNonEmpty, ComponentArgumentError } from '../../components/validation';

export const DATA_REPLICATION_TYPE = 'cockpit:migration:DataReplication';

export type SslMode = 'none' | 'require' | 'verify-ca' | 'verify-full';
export type TargetTablePrepMode = 'DO_NOTHING' | 'DROP_AND_CREATE' | 'TRUNCATE_BEFORE_LOAD';

export interface MysqlConnection {
  readonly host: pulumi.Input<string>;
  /** Default 3306. */
  readonly port?: pulumi.Input<number>;
  readonly username: string;
  /** Always treated as a secret. */
  readonly password: pulumi.Input<string>;
  /** Default `require`. */
  readonly sslMode?: SslMode;
}

export interface DataReplicationArgs {
  /** The application instance id, e.g. `app1101`. */
  readonly instanceId: string;
  /** ARN of the replication instance the task runs on. */
  readonly replicationInstanceArn: pulumi.Input<string>;
  /** The data center's database (config `sourceDatabaseHost`). */
  readonly source: MysqlConnection;
  /** The RDS target (MysqlTarget's endpoint and port). */
  readonly target: MysqlConnection;
  /** Schemas whose tables are all replicated; `%` means every non-system schema. */
  readonly schemas: readonly string[];
  /** Default `DROP_AND_CREATE` (DMS creates the tables on an empty target). */
  readonly targetTablePrepMode?: TargetTablePrepMode;
  /** Start the task once created; default false (the cockpit starts replication). */
  readonly startTask?: boolean;
  /** Task identifier; default `<instanceId>-mysql-full-load-cdc`. */
  readonly taskId?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Task settings: row-level validation on (the cutover gates read its state), logging on for every component
 * a full load + CDC task uses. `Logging.CloudWatchLogGroup/Stream` are set by AWS and must not appear here.
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.html
 */
export function taskSettings(targetTablePrepMode: TargetTablePrepMode): string {
  const logComponent = (id: string) => ({ Id: id, Severity: 'LOGGER_SEVERITY_DEFAULT' });
  return JSON.stringify({
    TargetMetadata: { SupportLobs: true, FullLobMode: false, LimitedSizeLobMode: true, LobMaxSize: 32 },
    FullLoadSettings: { TargetTablePrepMode: targetTablePrepMode, MaxFullLoadSubTasks: 8, CommitRate: 10000 },
    Logging: {
      EnableLogging: true,
      LogComponents: ['SOURCE_UNLOAD', 'SOURCE_CAPTURE', 'TARGET_LOAD', 'TARGET_APPLY', 'TASK_MANAGER', 'VALIDATOR_EXT'].map(logComponent),
    },
    ValidationSettings: {
      EnableValidation: true,
      ValidationMode: 'ROW_LEVEL',
      ThreadCount: 5,
      FailureMaxCount: 10000,
      TableFailureMaxCount: 1000,
    },
  });
}

/** The last segment of an ARN (`arn:aws:dms:eu-central-1:123456789012:task:ABC123` → `ABC123`). */
export function arnResourceId(arn: string): string {
  const parts = arn.split(':');
  const last = parts[parts.length - 1] ?? '';
  if (parts[0] !== 'arn' || parts.length < 6 || last === '') throw new Error(`'${arn}' is not an ARN`);
  // Resource parts may also be separated by '/' (e.g. `task/ABC123` in some services).
  return last.slice(last.lastIndexOf('/') + 1);
}

export class DataReplication extends pulumi.ComponentResource {
  readonly sourceEndpoint: aws.dms.Endpoint;
  readonly targetEndpoint: aws.dms.Endpoint;
  readonly task: aws.dms.ReplicationTask;
  readonly replicationTaskArn: pulumi.Output<string>;
  /** The task identifier, e.g. `app1101-mysql-full-load-cdc`. */
  readonly replicationTaskId: pulumi.Output<string>;
  /** The last segment of the task ARN: CloudWatch's `ReplicationTaskIdentifier` dimension. */
  readonly replicationTaskResourceId: pulumi.Output<string>;

  constructor(name: string, args: DataReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a bad argument registers nothing, not even the component.
    const component = `${DATA_REPLICATION_TYPE} ${name}`;
    checkIdentifierPart(component, 'instanceId', args.instanceId);
    const taskId = checkIdentifierPart(component, 'taskId', args.taskId ?? `${args.instanceId}-mysql-full-load-cdc`);
    if (taskId.length > 255) throw new ComponentArgumentError(component, 'taskId', 'must be at most 255 characters');
    if (args.schemas.length === 0) throw new ComponentArgumentError(component, 'schemas', "must list at least one schema ('%' for all)");
    for (const schema of args.schemas) checkNonEmpty(component, 'schemas', schema);
    if (typeof args.source.host === 'string') checkNonEmpty(component, 'source.host', args.source.host);
    for (const side of ['source', 'target'] as const) {
      const connection = args[side];
      checkNonEmpty(component, `${side}.username`, connection.username);
      if (typeof connection.port === 'number') checkInteger(component, `${side}.port`, connection.port, 1, 65535);
    }
    super(DATA_REPLICATION_TYPE, name, {}, opts);

    const tags = { ...args.tags };
    const endpoint = (role: 'source' | 'target', connection: MysqlConnection) =>
      new aws.dms.Endpoint(
        `${name}-${role}`,
        {
          endpointId: `${args.instanceId}-mysql-${role}`,
          endpointType: role,
          engineName: 'mysql',
          serverName: connection.host,
          port: connection.port ?? MYSQL_PORT,
          username: connection.username,
          password: pulumi.secret(connection.password),
          sslMode: connection.sslMode ?? 'require',
          tags: { ...tags, Name: `${args.instanceId}-mysql-${role}` },
        },
        { parent: this, deleteBeforeReplace: true },
      );
    this.sourceEndpoint = endpoint('source', args.source);
    this.targetEndpoint = endpoint('target', args.target);

    this.task = new aws.dms.ReplicationTask(
      `${name}-task`,
      {
        replicationTaskId: taskId,
        migrationType: 'full-load-and-cdc',
        replicationInstanceArn: args.replicationInstanceArn,
        sourceEndpointArn: this.sourceEndpoint.endpointArn,
        targetEndpointArn: this.targetEndpoint.endpointArn,
        tableMappings: tableMappings(args.schemas),
        replicationTaskSettings: taskSettings(args.targetTablePrepMode ?? 'DROP_AND_CREATE'),
        startReplicationTask: args.startTask ?? false,
        tags: { ...tags, Name: taskId },
      },
      { parent: this, deleteBeforeReplace: true },
    );

    this.replicationTaskArn = this.task.replicationTaskArn;
    this.replicationTaskId = this.task.replicationTaskId;
    this.replicationTaskResourceId = this.task.replicationTaskArn.apply(arnResourceId);
    this.registerOutputs({
      replicationTaskArn: this.replicationTaskArn,
      replicationTaskId: this.replicationTaskId,
      replicationTaskResourceId: this.replicationTaskResourceId,
    });
  }
}
