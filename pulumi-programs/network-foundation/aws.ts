// The network foundation on AWS: the VPC, its private subnets (one per availability zone), their route table
// with the route to the data center through the transit gateway attachment, and the DMS replication instance
// (with its subnet group and security group) that every application stack's replication task runs on.
//
// This module loads @pulumi/aws: index.ts requires it only when `cockpit:target` is `aws`.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { checkIdentifierPart, checkInstanceType, checkInteger, ComponentArgumentError } from '../components/validation';
import type { NetworkPlan } from './plan';

export const NETWORK_FOUNDATION_TYPE = 'cockpit:network:Foundation';

export interface DmsSettings {
  /** e.g. `dms.t3.medium`. */
  readonly instanceClass: string;
  /** GiB, 5–6144. */
  readonly allocatedStorageGiB: number;
  readonly multiAz: boolean;
  /** DMS engine version; default: AWS's current default. */
  readonly engineVersion?: string;
  /**
   * Create the account-wide `dms-vpc-role` that DMS needs before a replication subnet group can exist.
   * Only once per account: leave it off where the role already exists.
   */
  readonly createVpcRole: boolean;
}

export interface NetworkFoundationArgs {
  /** Name prefix, usually the stack name (`network-eu-central-1`). */
  readonly prefix: string;
  readonly plan: NetworkPlan;
  readonly dms: DmsSettings;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface AwsNetworkOutputs {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly availabilityZones: pulumi.Output<string[]>;
  readonly routeTableId: pulumi.Output<string>;
  readonly transitGatewayAttachmentId: pulumi.Output<string>;
  readonly dmsSecurityGroupId: pulumi.Output<string>;
  /** What application stacks put in `replicationInstanceArn` (or read through `networkStack`). */
  readonly replicationInstanceArn: pulumi.Output<string>;
  readonly replicationInstanceId: pulumi.Output<string>;
}

export class NetworkFoundation extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly subnets: aws.ec2.Subnet[];
  readonly routeTable: aws.ec2.RouteTable;
  readonly transitGatewayAttachment: aws.ec2transitgateway.VpcAttachment;
  readonly routes: aws.ec2.Route[];
  readonly dmsSecurityGroup: aws.ec2.SecurityGroup;
  readonly dmsSubnetGroup: aws.dms.ReplicationSubnetGroup;
  readonly replicationInstance: aws.dms.ReplicationInstance;

  constructor(name: string, args: NetworkFoundationArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a bad argument registers nothing, not even the component.
    const component = `${NETWORK_FOUNDATION_TYPE} ${name}`;
    const { plan, prefix } = args;
    checkIdentifierPart(component, 'prefix', prefix);
    checkInstanceType(component, 'dms.instanceClass', args.dms.instanceClass, 'dms.');
    checkInteger(component, 'dms.allocatedStorageGiB', args.dms.allocatedStorageGiB, 5, 6144);
    // A DMS replication subnet group (and a Multi-AZ replication instance) needs two availability zones.
    if (plan.subnets.length < 2) throw new ComponentArgumentError(component, 'plan.subnets', 'must span at least two availability zones on AWS');
    super(NETWORK_FOUNDATION_TYPE, name, {}, opts);
    const tags = { ...args.tags };
    const child = { parent: this };

    this.vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock: plan.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { ...tags, Name: `${prefix}-vpc` } },
      child,
    );

    // Zones named in the plan are used as they are; otherwise the region's first zones (no Local Zones).
    const zoneNames = plan.subnets.every((subnet) => subnet.availabilityZone !== undefined)
      ? undefined
      : aws.getAvailabilityZonesOutput({ state: 'available', filters: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }] }, child).names;
    this.subnets = plan.subnets.map(
      (subnet) =>
        new aws.ec2.Subnet(
          `${name}-${subnet.name}`,
          {
            vpcId: this.vpc.id,
            cidrBlock: subnet.cidr,
            availabilityZone: subnet.availabilityZone ?? zoneNames!.apply((names) => zoneAt(names, subnet.index)),
            mapPublicIpOnLaunch: false,
            tags: { ...tags, Name: `${prefix}-${subnet.name}`, Tier: 'private' },
          },
          child,
        ),
    );

    this.routeTable = new aws.ec2.RouteTable(`${name}-private`, { vpcId: this.vpc.id, tags: { ...tags, Name: `${prefix}-private` } }, child);
    this.subnets.forEach(
      (subnet, index) => new aws.ec2.RouteTableAssociation(`${name}-private-${index + 1}`, { routeTableId: this.routeTable.id, subnetId: subnet.id }, child),
    );

    // One attachment subnet per zone: the private subnets.
    this.transitGatewayAttachment = new aws.ec2transitgateway.VpcAttachment(
      `${name}-tgw`,
      {
        transitGatewayId: plan.transitGatewayId,
        vpcId: this.vpc.id,
        subnetIds: this.subnets.map((subnet) => subnet.id),
        dnsSupport: 'enable',
        tags: { ...tags, Name: `${prefix}-tgw` },
      },
      child,
    );

    // The plan's non-local routes; a route to a transit gateway needs the VPC attached first.
    this.routes = plan.routes
      .filter((route) => route.target !== 'local')
      .map(
        (route, index) =>
          new aws.ec2.Route(
            `${name}-${route.routeTable}-route-${index + 1}`,
            { routeTableId: this.routeTable.id, destinationCidrBlock: route.destination, transitGatewayId: route.target },
            { parent: this, dependsOn: [this.transitGatewayAttachment] },
          ),
      );

    // DMS only opens connections (to the data center's MySQL and to RDS): no ingress.
    this.dmsSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-dms-sg`,
      {
        vpcId: this.vpc.id,
        description: `DMS replication instance of ${prefix}`,
        egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'], description: 'all outbound traffic' }],
        tags: { ...tags, Name: `${prefix}-dms` },
      },
      child,
    );

    const vpcRole = args.dms.createVpcRole ? this.dmsVpcRole(name, tags) : [];
    this.dmsSubnetGroup = new aws.dms.ReplicationSubnetGroup(
      `${name}-dms-subnets`,
      {
        replicationSubnetGroupId: `${prefix}-dms`,
        replicationSubnetGroupDescription: `Private subnets of ${prefix}`,
        subnetIds: this.subnets.map((subnet) => subnet.id),
        tags: { ...tags, Name: `${prefix}-dms` },
      },
      { parent: this, dependsOn: vpcRole },
    );

    this.replicationInstance = new aws.dms.ReplicationInstance(
      `${name}-dms`,
      {
        replicationInstanceId: `${prefix}-dms`,
        replicationInstanceClass: args.dms.instanceClass,
        allocatedStorage: args.dms.allocatedStorageGiB,
        multiAz: args.dms.multiAz,
        engineVersion: args.dms.engineVersion,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        replicationSubnetGroupId: this.dmsSubnetGroup.replicationSubnetGroupId,
        vpcSecurityGroupIds: [this.dmsSecurityGroup.id],
        tags: { ...tags, Name: `${prefix}-dms` },
      },
      child,
    );

    this.registerOutputs({ vpcId: this.vpc.id, replicationInstanceArn: this.replicationInstance.replicationInstanceArn });
  }

  /** The role DMS assumes to manage network interfaces in the VPC (it must carry exactly this name). */
  private dmsVpcRole(name: string, tags: Record<string, string>): pulumi.Resource[] {
    const role = new aws.iam.Role(
      `${name}-dms-vpc-role`,
      {
        name: 'dms-vpc-role',
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'dms.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
        tags,
      },
      { parent: this },
    );
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-dms-vpc-role-policy`,
      { role: role.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonDMSVPCManagementRole' },
      { parent: this },
    );
    return [role, attachment];
  }
}

/** Creates the foundation from the plan and returns what the stack exports. */
export function deployAwsNetwork(args: NetworkFoundationArgs): AwsNetworkOutputs {
  const foundation = new NetworkFoundation(args.prefix, args);
  return {
    vpcId: foundation.vpc.id,
    privateSubnetIds: pulumi.all(foundation.subnets.map((subnet) => subnet.id)),
    availabilityZones: pulumi.all(foundation.subnets.map((subnet) => subnet.availabilityZone)),
    routeTableId: foundation.routeTable.id,
    transitGatewayAttachmentId: foundation.transitGatewayAttachment.id,
    dmsSecurityGroupId: foundation.dmsSecurityGroup.id,
    replicationInstanceArn: foundation.replicationInstance.replicationInstanceArn,
    replicationInstanceId: foundation.replicationInstance.replicationInstanceId,
  };
}

function zoneAt(names: string[], index: number): string {
  const zone = names[index];
  if (zone === undefined) throw new Error(`the region has ${names.length} availability zone(s); the plan needs ${index + 1}`);
  return zone;
}
