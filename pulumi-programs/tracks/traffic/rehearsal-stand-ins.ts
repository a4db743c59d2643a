// What the rehearsal's ELBv2 needs that the rehearsal does not have: it has no EC2, no VPC and no EKS cluster, and its
// target of an application-instance stack has no application server (app-instance/rehearsal.ts gives only a health
// URL). Its ELBv2 still takes ids of AWS's shapes (vpc-…, subnet-…, i-…, private IPv4 targets), so the traffic track's
// rehearsal part gives:
//   VPC and subnets  the stack's own (config vpcId, subnetIds; publicSubnetIds for an internet-facing load balancer)
//                    when it names them, as the AWS part would use them; else `vpc-<17 hex>` and two `subnet-<17 hex>`
//                    derived from the stack id;
//   the ec2 side     the instance `i-<17 hex>` derived from the stack id, on `port`: the application server's stand-in;
//   the eks side     one IP per replica, `10.<a>.<b>.<10 + n>` (a and b derived from the stack id), on `containerPort`:
//                    the pods the AWS Load Balancer Controller would register.
// The same stack always gets the same ids, so a redeploy changes nothing. Loads no provider.

/** `count` lower-case hex digits from the text (FNV-1a, chained). */
function hexDigits(text: string, count: number): string {
  let digits = '';
  let hash = 2166136261;
  for (let round = 0; digits.length < count; round++) {
    for (const char of `${round}:${text}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    digits += hash.toString(16).padStart(8, '0');
  }
  return digits.slice(0, count);
}

export interface RehearsalNetwork {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
}

/** The derived VPC and its two subnets (ELBv2 wants an application load balancer in two zones). */
export function standInNetwork(stackId: string): RehearsalNetwork {
  return {
    vpcId: `vpc-${hexDigits(`${stackId}/vpc`, 17)}`,
    subnetIds: [`subnet-${hexDigits(`${stackId}/subnet-a`, 17)}`, `subnet-${hexDigits(`${stackId}/subnet-b`, 17)}`],
  };
}

/** The application server's stand-in instance id. */
export function standInServerId(stackId: string): string {
  return `i-${hexDigits(`${stackId}/server`, 17)}`;
}

/** The pods' stand-in addresses, one per replica (at most 100: the settings' limit, inside one /24). */
export function standInPodAddresses(stackId: string, replicas: number): string[] {
  const digits = hexDigits(`${stackId}/pods`, 4);
  const a = parseInt(digits.slice(0, 2), 16);
  const b = parseInt(digits.slice(2, 4), 16);
  return Array.from({ length: replicas }, (_, index) => `10.${a}.${b}.${10 + index}`);
}
