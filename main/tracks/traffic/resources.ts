// A service's AWS resources as its stack reports them: the output `trafficResources` the program part exports
// (pulumi-programs/tracks/traffic; the same shape on the AWS and the rehearsal target). The monitor and the shift
// act on these ARNs, record names and set identifiers only, never on names they guess. Read with a schema, so a
// stack that has not been deployed yet (or an older program's output) says what is missing instead of failing later.
import { z } from 'zod';

const Arn = z.string().regex(/^arn:aws[a-z-]*:elasticloadbalancing:/, { error: 'expected an Elastic Load Balancing ARN' });

/** `targetgroup/<name>/<id>` and `app/<name>/<id>`: the CloudWatch dimensions of AWS/ApplicationELB. */
const TargetGroupDimension = z.string().regex(/^targetgroup\/[^/]+\/[0-9a-f]+$/, { error: 'expected targetgroup/<name>/<id>' });
const LoadBalancerDimension = z.string().regex(/^app\/[^/]+\/[0-9a-f]+$/, { error: 'expected app/<name>/<id>' });

const TargetGroupRef = z.object({ arn: Arn, dimension: TargetGroupDimension });

export const TrafficResourcesSchema = z.object({
  split: z.enum(['route53', 'alb']),
  service: z.string().min(1),
  awsPercent: z.number().int().min(0).max(100),
  route53: z
    .object({
      zoneId: z.string().min(1),
      recordName: z.string().min(1),
      recordType: z.enum(['A', 'AAAA', 'CNAME']),
      ttl: z.number().int().min(0).optional(),
      setIdentifiers: z.object({ dc: z.string().min(1), aws: z.string().min(1) }),
      changeId: z.string().min(1).optional(),
    })
    .optional(),
  loadBalancer: z.object({ arn: Arn, dnsName: z.string().min(1), dimension: LoadBalancerDimension }),
  listenerArn: Arn,
  targetGroups: z.object({ aws: TargetGroupRef, dc: TargetGroupRef.optional() }),
});

export type TrafficResources = z.output<typeof TrafficResourcesSchema>;
export type TargetGroupRef = z.output<typeof TargetGroupRef>;

/** The output's name. */
export const RESOURCES_OUTPUT = 'trafficResources';

/** The stack's traffic resources, or why there are none yet, in the operator's words. */
export function trafficResourcesOf(
  stackId: string,
  outputs: Readonly<Record<string, unknown>> | undefined,
): { readonly resources: TrafficResources } | { readonly problem: string } {
  const value = outputs?.[RESOURCES_OUTPUT];
  if (value === undefined)
    return { problem: `stack ${stackId} has no ${RESOURCES_OUTPUT} output yet: deploy it (its load balancer and records come with its first deploy)` };
  // A Pulumi output object may arrive as JSON text from older state.
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return { problem: `stack ${stackId}: its ${RESOURCES_OUTPUT} output is not JSON` };
    }
  }
  const result = TrafficResourcesSchema.safeParse(parsed);
  if (result.success) {
    const resources = result.data;
    if (resources.split === 'route53' && !resources.route53)
      return { problem: `stack ${stackId}: its ${RESOURCES_OUTPUT} output has no route53 records, yet its split is route53` };
    if (resources.split === 'alb' && !resources.targetGroups.dc)
      return { problem: `stack ${stackId}: its ${RESOURCES_OUTPUT} output has no on-premises target group, yet its split is alb` };
    return { resources };
  }
  const issue = result.error.issues[0]!;
  return { problem: `stack ${stackId}: its ${RESOURCES_OUTPUT} output at ${issue.path.join('.') || '(root)'}: ${issue.message}` };
}
