// The AWS home of one application instance's database: an RDS MySQL 8.0 instance (encrypted gp3 storage, in a
// subnet group of the given private subnets, reachable on 3306 only from the given CIDR blocks), which DMS
// fills from the data center's database.
//
// Safety: deletion protection is on unless turned off, and deleting the instance always takes a final
// snapshot. The instance has a fixed identifier (`<prefix>-<instanceId>-db`) so operators find it by name; a
// change that AWS can only apply by replacement therefore fails instead of silently creating a second
// database — replacing a database is a deliberate act (turn deletion protection off, destroy, deploy).
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { checkCidrs, checkIdentifierPart, checkInstanceType, checkInteger, checkNonEmpty, ComponentArgumentError } from '../../components/validation';

export const MYSQL_TARGET_TYPE = 'cockpit:migration:MysqlTarget';
export const MYSQL_PORT = 3306;

export interface MysqlTargetArgs {
  readonly prefix: string;
  readonly instanceId: string;
  /** RDS instance class, e.g. `db.m6g.large`. */
  readonly instanceClass: string;
  /** Storage in GiB, 20–65536. */
  readonly allocatedStorageGiB: number;
  /** Storage autoscaling ceiling in GiB; omitted: no autoscaling. */
  readonly maxAllocatedStorageGiB?: number;
  readonly multiAz: boolean;
  /** Private subnets in at least two availability zones (an RDS subnet group needs two). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly vpcId: pulumi.Input<string>;
  /** Who may connect on 3306: the VPC (DMS replication instance, application servers). */
  readonly allowedCidrs: readonly pulumi.Input<string>[];
  /** Master user name; default `admin`. */
  readonly username?: string;
  /** Master password; always treated as a secret. */
  readonly password: pulumi.Input<string>;
  /** Default: true. */
  readonly deletionProtection?: boolean;
  /** Default: `8.0` (the newest 8.0 minor; minor upgrades are applied in the maintenance window). */
  readonly engineVersion?: string;
  /** Days of automated backups, 1–35; default 7. */
  readonly backupRetentionDays?: number;
  /** Identifier of the snapshot taken on deletion; default `<identifier>-final`. Must not exist yet. */
  readonly finalSnapshotIdentifier?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

export class MysqlTarget extends pulumi.ComponentResource {
  readonly instance: aws.rds.Instance;
  readonly subnetGroup: aws.rds.SubnetGroup;
  readonly securityGroup: aws.ec2.SecurityGroup;
  /** The DB instance identifier, `<prefix>-<instanceId>-db`. */
  readonly identifier: string;
  /** Host name of the instance (without the port). */
  readonly endpoint: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly username: string;
  /** The master password, secret. */
  readonly password: pulumi.Output<string>;

  constructor(name: string, args: MysqlTargetArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a bad argument registers nothing, not even the component.
    const component = `${MYSQL_TARGET_TYPE} ${name}`;
    checkIdentifierPart(component, 'prefix', args.prefix);
    checkIdentifierPart(component, 'instanceId', args.instanceId);
    checkInstanceType(component, 'instanceClass', args.instanceClass, 'db.');
    const storage = checkInteger(component, 'allocatedStorageGiB', args.allocatedStorageGiB, 20, 65536);
    if (args.maxAllocatedStorageGiB !== undefined) checkInteger(component, 'maxAllocatedStorageGiB', args.maxAllocatedStorageGiB, storage + 1, 65536);
    const backupRetentionPeriod = checkInteger(component, 'backupRetentionDays', args.backupRetentionDays ?? 7, 1, 35);
    const cidrs = checkCidrs(component, 'allowedCidrs', args.allowedCidrs);
    const username = checkNonEmpty(component, 'username', args.username ?? 'admin');
    if (typeof args.password === 'string') checkNonEmpty(component, 'password', args.password);
    if (Array.isArray(args.subnetIds) && args.subnetIds.length < 2) {
      throw new ComponentArgumentError(component, 'subnetIds', 'must list subnets in at least two availability zones (an RDS subnet group needs two)');
    }
    // RDS identifiers have at most 63 characters; keep room for the final snapshot's suffix.
    const identifier = `${args.prefix}-${args.instanceId}-db`;
    if (identifier.length > 57) throw new ComponentArgumentError(component, 'prefix', `makes the DB identifier '${identifier}' longer than 57 characters`);
    const finalSnapshotIdentifier = checkIdentifierPart(component, 'finalSnapshotIdentifier', args.finalSnapshotIdentifier ?? `${identifier}-final`);
    super(MYSQL_TARGET_TYPE, name, {}, opts);

    this.identifier = identifier;
    this.username = username;
    const tags = { ...args.tags, Name: this.identifier };

    this.subnetGroup = new aws.rds.SubnetGroup(
      `${name}-db-subnets`,
      { description: `Private subnets of ${this.identifier}`, subnetIds: args.subnetIds, tags },
      { parent: this },
    );

    // No egress rule: the database only answers connections.
    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-db-sg`,
      {
        vpcId: args.vpcId,
        description: `MySQL access to ${this.identifier}`,
        ingress: [{ protocol: 'tcp', fromPort: MYSQL_PORT, toPort: MYSQL_PORT, cidrBlocks: cidrs, description: 'MySQL' }],
        tags: { ...tags, Name: `${this.identifier}-sg` },
      },
      { parent: this },
    );

    this.password = pulumi.secret(args.password);
    this.instance = new aws.rds.Instance(
      `${name}-db`,
      {
        identifier: this.identifier,
        engine: 'mysql',
        engineVersion: args.engineVersion ?? '8.0',
        autoMinorVersionUpgrade: true,
        instanceClass: args.instanceClass,
        allocatedStorage: storage,
        maxAllocatedStorage: args.maxAllocatedStorageGiB,
        storageType: 'gp3',
        storageEncrypted: true,
        multiAz: args.multiAz,
        dbSubnetGroupName: this.subnetGroup.name,
        vpcSecurityGroupIds: [this.securityGroup.id],
        publiclyAccessible: false,
        username: this.username,
        password: this.password,
        backupRetentionPeriod,
        copyTagsToSnapshot: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier,
        deletionProtection: args.deletionProtection ?? true,
        tags,
      },
      { parent: this, additionalSecretOutputs: ['password'] },
    );

    this.endpoint = this.instance.address;
    this.port = this.instance.port;
    this.registerOutputs({ endpoint: this.endpoint, port: this.port, identifier: this.identifier });
  }
}
