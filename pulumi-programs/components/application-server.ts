// The EC2 server of one application instance: the instance with an encrypted gp3 root volume, and its own
// security group (TCP ingress from the given CIDR blocks on the given ports, all egress).
//
// Name tag: `<prefix>-<instanceId>-app`, e.g. `platform-production-app1101-app`.
//
// The instance is replaced delete-before-replace: one application instance has exactly one server at any
// time (it is registered in the CMDB under that name and may hold a fixed role in the data center's DNS), so
// a replacement first removes the old server. Changing the AMI or the instance type replaces the server
// rather than stopping and modifying it in place, so a rebuild always starts from a clean image.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { checkCidrs, checkIdentifierPart, checkInstanceType, checkInteger, checkPorts } from './validation';

export const APPLICATION_SERVER_TYPE = 'cockpit:migration:ApplicationServer';

export interface ApplicationServerArgs {
  /** Name prefix, usually the Pulumi project (`platform-production`). */
  readonly prefix: string;
  /** The application instance id, e.g. `app1101` (the stack name). */
  readonly instanceId: string;
  /** EC2 instance type, e.g. `m6i.large`. */
  readonly instanceType: string;
  readonly amiId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  /** Who may reach the application ports (on-premises users, the VPC). At least one. */
  readonly allowedCidrs: readonly pulumi.Input<string>[];
  /** Application TCP ports, e.g. [443]. At least one. */
  readonly ports: readonly number[];
  /** Root volume size in GiB, 8–16384. */
  readonly volumeSizeGiB: number;
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * When the AMI comes from a "latest image" lookup rather than the plan, set this so a newer image does not
   * replace a running server on the next deploy; an explicit AMI change still replaces it.
   */
  readonly ignoreAmiUpdates?: boolean;
}

export class ApplicationServer extends pulumi.ComponentResource {
  readonly instance: aws.ec2.Instance;
  readonly securityGroup: aws.ec2.SecurityGroup;
  /** The EC2 instance id. */
  readonly serverId: pulumi.Output<string>;
  readonly privateIp: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;
  /** The Name tag, `<prefix>-<instanceId>-app`. */
  readonly serverName: string;

  constructor(name: string, args: ApplicationServerArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a bad argument registers nothing, not even the component.
    const component = `${APPLICATION_SERVER_TYPE} ${name}`;
    checkIdentifierPart(component, 'prefix', args.prefix);
    checkIdentifierPart(component, 'instanceId', args.instanceId);
    checkInstanceType(component, 'instanceType', args.instanceType);
    const volumeSize = checkInteger(component, 'volumeSizeGiB', args.volumeSizeGiB, 8, 16384);
    const ports = checkPorts(component, 'ports', args.ports);
    const cidrs = checkCidrs(component, 'allowedCidrs', args.allowedCidrs);
    super(APPLICATION_SERVER_TYPE, name, {}, opts);

    this.serverName = `${args.prefix}-${args.instanceId}-app`;
    const tags = { ...args.tags, Name: this.serverName };

    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `Application ports of ${this.serverName}`,
        ingress: ports.map((port) => ({
          protocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrBlocks: cidrs,
          description: `application port ${port}`,
        })),
        egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'], description: 'all outbound traffic' }],
        tags: { ...tags, Name: `${this.serverName}-sg` },
      },
      { parent: this },
    );

    this.instance = new aws.ec2.Instance(
      `${name}-server`,
      {
        ami: args.amiId,
        instanceType: args.instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [this.securityGroup.id],
        associatePublicIpAddress: false,
        rootBlockDevice: {
          volumeType: 'gp3',
          volumeSize,
          encrypted: true,
          deleteOnTermination: true,
          tags: { ...tags, Name: `${this.serverName}-root` },
        },
        // IMDSv2 only.
        metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required' },
        tags,
      },
      {
        parent: this,
        deleteBeforeReplace: true,
        replaceOnChanges: ['ami', 'instanceType'],
        ignoreChanges: args.ignoreAmiUpdates ? ['ami'] : [],
      },
    );

    this.serverId = this.instance.id;
    this.privateIp = this.instance.privateIp;
    this.securityGroupId = this.securityGroup.id;
    this.registerOutputs({ serverId: this.serverId, privateIp: this.privateIp, securityGroupId: this.securityGroupId, serverName: this.serverName });
  }
}
