// The network plan of the foundation stack, computed from its config without touching AWS: the private
// subnets carved out of the VPC block (one per availability zone) and the routes of their route table.
// The AWS path builds exactly this plan; the rehearsal path exports it as the stack's outputs.
import { contains, formatCidr, overlaps, parseCidr, sizeOf, subdivide, type Cidr } from '../components/cidr';

/** AWS reserves the first four and the last address of every subnet. */
const AWS_RESERVED_ADDRESSES = 5;
/** AWS VPC and subnet blocks are /16 to /28. */
const LARGEST_BLOCK = 16;
const SMALLEST_BLOCK = 28;
/** Default subnet size: 4 bits smaller than the VPC (a /16 gives /20 subnets), leaving room for more tiers. */
const DEFAULT_SUBNET_BITS = 4;

export interface NetworkPlanInput {
  readonly vpcCidr: string;
  readonly onPremisesCidr: string;
  readonly transitGatewayId: string;
  /** Availability zone names, one private subnet each; when omitted, `availabilityZoneCount` unnamed ones. */
  readonly availabilityZones?: readonly string[];
  /** Default 3. Ignored when `availabilityZones` is given. */
  readonly availabilityZoneCount?: number;
  /** Prefix length of the computed subnets; default the VPC's + 4 (at most /28). */
  readonly subnetPrefixLength?: number;
  /** Explicit subnet blocks instead of computed ones, one per availability zone, in the same order. */
  readonly privateSubnetCidrs?: readonly string[];
}

export interface PlannedSubnet {
  /** `private-<az>` or `private-<n>` when the zone is chosen at deploy time. */
  readonly name: string;
  /** Position among the zones (0-based): the AWS path maps it to a real zone when none were named. */
  readonly index: number;
  readonly availabilityZone?: string;
  readonly cidr: string;
  /** Addresses left after AWS's five reserved ones. */
  readonly usableAddresses: number;
}

export interface PlannedRoute {
  readonly routeTable: 'private';
  readonly destination: string;
  /** `local` (inside the VPC) or the transit gateway id. */
  readonly target: string;
  readonly description: string;
}

export interface NetworkPlan {
  readonly vpcCidr: string;
  readonly onPremisesCidr: string;
  readonly transitGatewayId: string;
  readonly subnets: readonly PlannedSubnet[];
  readonly routes: readonly PlannedRoute[];
}

export class NetworkPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkPlanError';
  }
}

/** Computes and checks the plan; every problem is reported with the config key it comes from. */
export function planNetwork(input: NetworkPlanInput): NetworkPlan {
  const vpc = cidrOf('vpcCidr', input.vpcCidr);
  if (vpc.prefix < LARGEST_BLOCK || vpc.prefix > SMALLEST_BLOCK) {
    throw new NetworkPlanError(`vpcCidr ${input.vpcCidr}: an AWS VPC block must be between /${LARGEST_BLOCK} and /${SMALLEST_BLOCK}`);
  }
  const onPremises = cidrOf('onPremisesCidr', input.onPremisesCidr);
  if (overlaps(vpc, onPremises)) {
    throw new NetworkPlanError(`onPremisesCidr ${input.onPremisesCidr} overlaps vpcCidr ${input.vpcCidr}: traffic to the data center could not be routed`);
  }
  if (!/^tgw-[0-9a-f]{8,17}$/.test(input.transitGatewayId)) {
    throw new NetworkPlanError(`transitGatewayId '${input.transitGatewayId}' is not a transit gateway id (tgw- followed by 8 or 17 hex digits)`);
  }

  const zones = zonesOf(input);
  const blocks = input.privateSubnetCidrs ? explicitSubnets(vpc, input.privateSubnetCidrs, zones.length) : computedSubnets(vpc, input, zones.length);
  const subnets = blocks.map((block, index) => {
    const zone = zones[index];
    return {
      name: `private-${zone ?? index + 1}`,
      index,
      ...(zone === undefined ? {} : { availabilityZone: zone }),
      cidr: formatCidr(block),
      usableAddresses: sizeOf(block) - AWS_RESERVED_ADDRESSES,
    };
  });

  return {
    vpcCidr: formatCidr(vpc),
    onPremisesCidr: formatCidr(onPremises),
    transitGatewayId: input.transitGatewayId,
    subnets,
    routes: [
      { routeTable: 'private', destination: formatCidr(vpc), target: 'local', description: 'traffic inside the VPC' },
      {
        routeTable: 'private',
        destination: formatCidr(onPremises),
        target: input.transitGatewayId,
        description: 'the data center, through the transit gateway attachment',
      },
    ],
  };
}

function cidrOf(key: string, text: string): Cidr {
  try {
    return parseCidr(text);
  } catch (error) {
    throw new NetworkPlanError(`${key}: ${(error as Error).message}`);
  }
}

/** Zone names (possibly undefined entries when zones are chosen at deploy time), one per subnet. */
function zonesOf(input: NetworkPlanInput): (string | undefined)[] {
  if (input.availabilityZones) {
    if (input.availabilityZones.length === 0) throw new NetworkPlanError('availabilityZones must name at least one zone');
    if (new Set(input.availabilityZones).size !== input.availabilityZones.length) {
      throw new NetworkPlanError(`availabilityZones names a zone twice (${input.availabilityZones.join(', ')})`);
    }
    return [...input.availabilityZones];
  }
  const count = input.availabilityZoneCount ?? 3;
  if (!Number.isInteger(count) || count < 1 || count > 6) throw new NetworkPlanError(`availabilityZoneCount must be 1 to 6 (got ${count})`);
  return Array.from({ length: count }, () => undefined);
}

function computedSubnets(vpc: Cidr, input: NetworkPlanInput, count: number): Cidr[] {
  const prefix = input.subnetPrefixLength ?? Math.min(vpc.prefix + DEFAULT_SUBNET_BITS, SMALLEST_BLOCK);
  if (!Number.isInteger(prefix) || prefix < vpc.prefix || prefix > SMALLEST_BLOCK) {
    throw new NetworkPlanError(`subnetPrefixLength must be from ${vpc.prefix} (the VPC's) to ${SMALLEST_BLOCK} (got ${prefix})`);
  }
  try {
    return subdivide(vpc, prefix, count);
  } catch (error) {
    throw new NetworkPlanError(`subnetPrefixLength: ${(error as Error).message}`);
  }
}

function explicitSubnets(vpc: Cidr, cidrs: readonly string[], zoneCount: number): Cidr[] {
  if (cidrs.length !== zoneCount) {
    throw new NetworkPlanError(`privateSubnetCidrs lists ${cidrs.length} block(s) for ${zoneCount} availability zone(s): give one per zone`);
  }
  const blocks = cidrs.map((text) => cidrOf('privateSubnetCidrs', text));
  blocks.forEach((block, index) => {
    if (!contains(vpc, block)) throw new NetworkPlanError(`privateSubnetCidrs: ${cidrs[index]} is not inside vpcCidr ${formatCidr(vpc)}`);
    if (block.prefix > SMALLEST_BLOCK) throw new NetworkPlanError(`privateSubnetCidrs: ${cidrs[index]} is smaller than /${SMALLEST_BLOCK}`);
    for (let other = 0; other < index; other++) {
      if (overlaps(blocks[other]!, block)) throw new NetworkPlanError(`privateSubnetCidrs: ${cidrs[index]} overlaps ${cidrs[other]}`);
    }
  });
  return blocks;
}
