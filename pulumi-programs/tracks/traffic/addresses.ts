// What the traffic track accepts as a name or an address, for both of its parts and the settings: DNS host names, IPv4
// addresses, and which addresses an Application Load Balancer may have as IP targets outside its VPC. Loads no provider
// (components/traffic-switch.ts has the one-step switch's copy of the host-name rule, but importing it loads @pulumi/aws).
import { isIP } from 'node:net';

/** Lower case, without the trailing dot of an absolute name. */
export function normalizeDnsName(value: string): string {
  return value.trim().replace(/\.$/, '').toLowerCase();
}

/** A fully qualified host name: two or more labels of letters, digits and inner hyphens; the last one not all digits. */
export function isHostName(value: string): boolean {
  const name = value.replace(/\.$/, '');
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1]!);
}

export function isIPv4(value: string): boolean {
  return isIP(value) === 4;
}

/** The address as one 32-bit number. */
function ipv4Number(address: string): number {
  return address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

/** The blocks an ALB takes IP targets from outside its VPC (RFC 1918 and RFC 6598): never a publicly routable address. */
const ON_PREMISES_TARGET_BLOCKS: readonly (readonly [string, number])[] = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10],
];

/** Whether an ALB target group of type ip can hold this IPv4 address as an on-premises target (AvailabilityZone `all`). */
export function isOnPremisesTargetAddress(address: string): boolean {
  if (!isIPv4(address)) return false;
  const value = ipv4Number(address);
  return ON_PREMISES_TARGET_BLOCKS.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    const start = ipv4Number(base);
    return value >= start && value < start + size;
  });
}

export const ON_PREMISES_TARGET_RANGES = ON_PREMISES_TARGET_BLOCKS.map(([base, bits]) => `${base}/${bits}`);
