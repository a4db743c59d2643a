// Program of the core-networking project (the network foundation every application wave needs).
// Target `aws`: VPC, private subnets, transit gateway attachment and route, DMS replication instance.
// Target `rehearsal`: no resources (the rehearsal environment has no EC2 and no AWS provider plugin); the
// stack deploys with the computed network plan as its outputs.
import * as pulumi from '@pulumi/pulumi';
import { cockpitConfig } from '../lib/cockpit-config';
import type * as AwsNetworkModule from './aws';
import { networkFoundation, readNetworkSettings } from './program';

const outputs = networkFoundation(cockpitConfig(), readNetworkSettings(new pulumi.Config()), () => {
  // Loaded here, and only here, so that rehearsal never loads @pulumi/aws.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./aws') as typeof AwsNetworkModule;
});

export const target = outputs.target;
export const vpcCidr = outputs.vpcCidr;
export const onPremisesCidr = outputs.onPremisesCidr;
export const transitGatewayId = outputs.transitGatewayId;
export const privateSubnetCidrs = outputs.privateSubnetCidrs;
export const subnets = outputs.subnets;
export const routes = outputs.routes;
// AWS only (undefined outputs are not exported).
export const vpcId = outputs.vpcId;
export const privateSubnetIds = outputs.privateSubnetIds;
export const availabilityZones = outputs.availabilityZones;
export const routeTableId = outputs.routeTableId;
export const transitGatewayAttachmentId = outputs.transitGatewayAttachmentId;
export const dmsSecurityGroupId = outputs.dmsSecurityGroupId;
export const replicationInstanceArn = outputs.replicationInstanceArn;
export const replicationInstanceId = outputs.replicationInstanceId;
