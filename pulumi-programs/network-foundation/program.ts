// The network foundation program, apart from its entry point so tests can run it with mocks: config → plan →
// (on AWS) resources, or (in rehearsal) the plan itself as the stack's outputs.
//
// Stack config (project namespace), as the migration plan writes it:
//   required  vpcCidr, transitGatewayId, onPremisesCidr
//   subnets   availabilityZones (list; default: the region's first availabilityZoneCount zones, looked up on
//             AWS), availabilityZoneCount (default 3), subnetPrefixLength (default VPC prefix + 4),
//             privateSubnetCidrs (list, one per zone, instead of computed blocks)
//   DMS       dmsInstanceClass (default dms.t3.medium), dmsAllocatedStorageGiB (default 50),
//             dmsMultiAz (default false), dmsEngineVersion, createDmsVpcRole (default false)
//   naming    namePrefix (default: the stack name), owner (tag)
import * as pulumi from '@pulumi/pulumi';
import type { CockpitConfig } from '../lib/cockpit-config';
import type * as AwsNetworkModule from './aws';
import { planNetwork, type NetworkPlan, type NetworkPlanInput, type PlannedRoute, type PlannedSubnet } from './plan';

export type AwsNetworkLoader = () => typeof AwsNetworkModule;

export interface NetworkSettings {
  readonly prefix: string;
  readonly planInput: NetworkPlanInput;
  readonly dms: AwsNetworkModule.DmsSettings;
  readonly tags: Record<string, string>;
}

/** The stack outputs. The plan's values exist for both targets; resource ids only on AWS. */
export interface NetworkProgramOutputs {
  readonly target: CockpitConfig['target'];
  readonly vpcCidr: string;
  readonly onPremisesCidr: string;
  readonly transitGatewayId: string;
  readonly privateSubnetCidrs: string[];
  readonly subnets: readonly PlannedSubnet[];
  readonly routes: readonly PlannedRoute[];
  readonly vpcId?: pulumi.Output<string>;
  readonly privateSubnetIds?: pulumi.Output<string[]>;
  readonly availabilityZones?: pulumi.Output<string[]>;
  readonly routeTableId?: pulumi.Output<string>;
  readonly transitGatewayAttachmentId?: pulumi.Output<string>;
  readonly dmsSecurityGroupId?: pulumi.Output<string>;
  readonly replicationInstanceArn?: pulumi.Output<string>;
  readonly replicationInstanceId?: pulumi.Output<string>;
}

export function readNetworkSettings(config: pulumi.Config = new pulumi.Config()): NetworkSettings {
  const stringList = (key: string): string[] | undefined => {
    const value = config.getObject<unknown>(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) throw new Error(`${config.name}:${key} must be a list of strings`);
    return value as string[];
  };
  const owner = config.get('owner');
  return {
    prefix: config.get('namePrefix') ?? pulumi.getStack(),
    planInput: {
      vpcCidr: config.require('vpcCidr'),
      onPremisesCidr: config.require('onPremisesCidr'),
      transitGatewayId: config.require('transitGatewayId'),
      availabilityZones: stringList('availabilityZones'),
      availabilityZoneCount: config.getNumber('availabilityZoneCount'),
      subnetPrefixLength: config.getNumber('subnetPrefixLength'),
      privateSubnetCidrs: stringList('privateSubnetCidrs'),
    },
    dms: {
      instanceClass: config.get('dmsInstanceClass') ?? 'dms.t3.medium',
      allocatedStorageGiB: config.getNumber('dmsAllocatedStorageGiB') ?? 50,
      multiAz: config.getBoolean('dmsMultiAz') ?? false,
      engineVersion: config.get('dmsEngineVersion'),
      createVpcRole: config.getBoolean('createDmsVpcRole') ?? false,
    },
    tags: { ManagedBy: 'migration-cockpit', 'cockpit:stack': pulumi.getStack(), ...(owner ? { Owner: owner } : {}) },
  };
}

/**
 * Runs the program. `loadAws` is called only for target `aws`, so the rehearsal path never loads @pulumi/aws
 * (whose provider plugin the rehearsal environment does not have).
 */
export function networkFoundation(cockpit: Pick<CockpitConfig, 'target'>, settings: NetworkSettings, loadAws: AwsNetworkLoader): NetworkProgramOutputs {
  const plan: NetworkPlan = planNetwork(settings.planInput);
  const planned: NetworkProgramOutputs = {
    target: cockpit.target,
    vpcCidr: plan.vpcCidr,
    onPremisesCidr: plan.onPremisesCidr,
    transitGatewayId: plan.transitGatewayId,
    privateSubnetCidrs: plan.subnets.map((subnet) => subnet.cidr),
    subnets: plan.subnets,
    routes: plan.routes,
  };
  if (cockpit.target !== 'aws') return planned;
  const deployed = loadAws().deployAwsNetwork({ prefix: settings.prefix, plan, dms: settings.dms, tags: settings.tags });
  return { ...planned, ...deployed };
}
