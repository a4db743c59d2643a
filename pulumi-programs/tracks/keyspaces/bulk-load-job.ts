// The bulk load of one application instance's Cassandra history into Amazon Keyspaces: an AWS Glue (Spark) job that
// the cockpit starts (StartJobRun) and watches, with the keyspaces, the tables and the origin as its default
// arguments, so a run needs none of its own.
//
// The job runs inside the instance's network (a Glue NETWORK connection in one of its subnets), since the origin
// cluster is reached over the data center's private link; its role reaches the target keyspace (and the system
// keyspaces the Spark Cassandra connector reads) and the script's bucket, nothing else.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export const BULK_LOAD_JOB_TYPE = 'cockpit:migration:BulkLoadJob';

export interface BulkLoadJobArgs {
  /** The Glue job's name (the plan's `bulkLoad.glueJob`, else `<prefix>-<instanceId>-keyspaces-bulk-load`). */
  readonly jobName: string;
  /** `s3://bucket/key` of the job's script (config keyspacesBulkLoadScript). */
  readonly scriptLocation: string;
  readonly sourceKeyspace: string;
  readonly targetKeyspace: string;
  readonly tables: readonly string[];
  /** The origin's contact points, as the plan writes them (host or host:port). */
  readonly originContactPoints: readonly string[];
  readonly originLocalDataCenter: string;
  /** Keyspaces' CQL endpoint, host:port. */
  readonly targetEndpoint: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  /** The subnet the job's network connection is placed in, and its availability zone. */
  readonly subnetId: pulumi.Input<string>;
  readonly availabilityZone: pulumi.Input<string>;
  readonly tags?: Readonly<Record<string, string>>;
}

/** `s3://bucket/key` → bucket and key; undefined when it is not an S3 object URI. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/** The job's default arguments: what the script copies, from where to where. */
export function bulkLoadArguments(
  args: Pick<BulkLoadJobArgs, 'sourceKeyspace' | 'targetKeyspace' | 'tables' | 'originContactPoints' | 'originLocalDataCenter' | 'targetEndpoint'>,
): Record<string, string> {
  return {
    '--source-keyspace': args.sourceKeyspace,
    '--target-keyspace': args.targetKeyspace,
    '--tables': args.tables.join(','),
    '--origin-contact-points': args.originContactPoints.join(','),
    '--origin-local-data-center': args.originLocalDataCenter,
    '--target-endpoint': args.targetEndpoint,
  };
}

export class BulkLoadJob extends pulumi.ComponentResource {
  readonly job: aws.glue.Job;
  readonly role: aws.iam.Role;
  readonly jobName: pulumi.Output<string>;

  constructor(name: string, args: BulkLoadJobArgs, opts?: pulumi.ComponentResourceOptions) {
    const script = parseS3Uri(args.scriptLocation);
    if (!script)
      throw new Error(
        `${BULK_LOAD_JOB_TYPE} ${name}: scriptLocation must be an S3 object URI such as s3://bucket/keyspaces-bulk-load.py (got '${args.scriptLocation}')`,
      );
    super(BULK_LOAD_JOB_TYPE, name, {}, opts);
    const tags = { ...args.tags };
    const { partition, region } = args;

    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `Glue job ${args.jobName}: loads ${args.sourceKeyspace} into Amazon Keyspaces ${args.targetKeyspace}`,
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
        tags,
      },
      { parent: this },
    );
    const service = new aws.iam.RolePolicyAttachment(
      `${name}-glue-service`,
      { role: this.role.name, policyArn: `arn:${partition}:iam::aws:policy/service-role/AWSGlueServiceRole` },
      { parent: this },
    );
    const access = new aws.iam.RolePolicy(
      `${name}-access`,
      {
        role: this.role.id,
        policy: pulumi.output(args.accountId).apply((account) => {
          const keyspaceArn = (keyspace: string) => `arn:${partition}:cassandra:${region}:${account}:/keyspace/${keyspace}/`;
          return JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'TargetKeyspace',
                Effect: 'Allow',
                Action: ['cassandra:Select', 'cassandra:Modify'],
                Resource: [keyspaceArn(args.targetKeyspace), `${keyspaceArn(args.targetKeyspace)}table/*`],
              },
              // The connector reads the cluster's topology and schema from the system keyspaces.
              {
                Sid: 'SystemKeyspaces',
                Effect: 'Allow',
                Action: 'cassandra:Select',
                Resource: `arn:${partition}:cassandra:${region}:${account}:/keyspace/system*`,
              },
              { Sid: 'ScriptBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:${partition}:s3:::${script.bucket}` },
              { Sid: 'ScriptObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:${partition}:s3:::${script.bucket}/*` },
            ],
          });
        }),
      },
      { parent: this },
    );

    // Glue requires its connection's security group to let the job's workers reach each other.
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `Glue job ${args.jobName}: workers to each other, out to the origin and Keyspaces`,
        ingress: [{ protocol: 'tcp', fromPort: 0, toPort: 65535, self: true, description: 'Glue workers' }],
        egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'], description: 'origin cluster, Keyspaces, S3' }],
        tags: { ...tags, Name: `${args.jobName}-sg` },
      },
      { parent: this },
    );
    const connection = new aws.glue.Connection(
      `${name}-network`,
      {
        name: `${args.jobName}-network`,
        connectionType: 'NETWORK',
        physicalConnectionRequirements: { availabilityZone: args.availabilityZone, subnetId: args.subnetId, securityGroupIdLists: [securityGroup.id] },
        tags,
      },
      { parent: this },
    );

    this.job = new aws.glue.Job(
      `${name}-job`,
      {
        name: args.jobName,
        description: `Bulk load of ${args.sourceKeyspace} (${args.tables.join(', ')}) into Amazon Keyspaces ${args.targetKeyspace}`,
        roleArn: this.role.arn,
        glueVersion: '4.0',
        command: { name: 'glueetl', scriptLocation: args.scriptLocation, pythonVersion: '3' },
        defaultArguments: bulkLoadArguments(args),
        connections: [connection.name],
        workerType: 'G.1X',
        numberOfWorkers: 2,
        // A second run at once would load the same rows twice over.
        executionProperty: { maxConcurrentRuns: 1 },
        maxRetries: 0,
        tags,
      },
      { parent: this, dependsOn: [service, access] },
    );
    this.jobName = this.job.name;
    this.registerOutputs({ jobName: this.jobName });
  }
}
