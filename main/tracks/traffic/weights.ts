// A service's split as AWS holds it, read and written read-modify-write (docs/design/traffic.md, "Who writes the
// weights"): Route 53 — the two weighted record sets of the service's name, changed in their Weight only and
// UPSERTed in one atomic batch (every other field as Route 53 has it: values, alias target, TTL, health check);
// ALB — the listener's forward action, its target groups' weights changed and the action written whole (ModifyListener
// replaces the default actions). A write never invents a record value or a target group: what is not there is an
// error that names it.
import type { ChangeInfo, ListenerAction, ResourceRecordSet, TrafficAwsApi } from './aws-api';
import { weightsFor } from './plan-schema';
import type { TrafficResources } from './resources';

export interface SplitWeights {
  readonly dc: number;
  readonly aws: number;
}

/** The share of requests AWS gets for these weights, in percent (Route 53 and the ALB both split by weight / sum). */
export function awsPercentOf(weights: SplitWeights): number {
  const sum = weights.dc + weights.aws;
  // All weights 0: Route 53 answers every set alike, and the ALB refuses it; both read as an even split.
  return sum === 0 ? 50 : Math.round((weights.aws / sum) * 1000) / 10;
}

/** The name as Route 53 lists it: lower case, with the final dot. */
export const absoluteName = (name: string) => `${name.toLowerCase().replace(/\.$/, '')}.`;

/** The service's two weighted sets, or an error naming what is missing. */
export async function readRecordSets(
  api: TrafficAwsApi,
  route53: NonNullable<TrafficResources['route53']>,
  signal: AbortSignal,
): Promise<{ dc: ResourceRecordSet; aws: ResourceRecordSet }> {
  const name = absoluteName(route53.recordName);
  // Weighted sets of one name and type follow each other in Route 53's order; a page of 100 holds every set a name can have.
  const sets = (await api.listRecordSets(route53.zoneId, name, route53.recordType, 100, signal)).filter(
    (set) => absoluteName(set.Name ?? '') === name && set.Type === route53.recordType,
  );
  const find = (identifier: string) => sets.find((set) => set.SetIdentifier === identifier);
  const dc = find(route53.setIdentifiers.dc);
  const aws = find(route53.setIdentifiers.aws);
  if (!dc || !aws) {
    const missing = [!dc ? `'${route53.setIdentifiers.dc}' (data center)` : '', !aws ? `'${route53.setIdentifiers.aws}' (AWS)` : ''].filter(Boolean);
    const found = sets.map((set) => `'${set.SetIdentifier ?? '(not weighted)'}'`).join(', ') || 'none';
    throw new Error(
      `the weighted ${route53.recordType} record set${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} of ${route53.recordName} ${missing.length > 1 ? 'are' : 'is'} not in hosted zone ${route53.zoneId} (sets of that name: ${found}): deploy the stack`,
    );
  }
  return { dc, aws };
}

/** The forward action of the listener and the two groups' weights in it, or an error naming what is missing. */
function forwardOf(actions: readonly ListenerAction[], groups: { dc: string; aws: string }, listenerArn: string): { index: number; weights: SplitWeights } {
  const index = actions.findIndex((action) => action.Type === 'forward');
  const action = actions[index];
  if (!action) throw new Error(`listener ${listenerArn} has no forward action: deploy the stack`);
  const weighted = action.ForwardConfig?.TargetGroups ?? (action.TargetGroupArn ? [{ TargetGroupArn: action.TargetGroupArn, Weight: 1 }] : []);
  const weightOf = (arn: string) => weighted.find((group) => group.TargetGroupArn === arn);
  const dc = weightOf(groups.dc);
  const aws = weightOf(groups.aws);
  if (!dc || !aws)
    throw new Error(
      `listener ${listenerArn} does not forward to both target groups (${!dc ? `the on-premises group ${groups.dc} is missing` : `the AWS group ${groups.aws} is missing`}): deploy the stack`,
    );
  return { index, weights: { dc: dc.Weight ?? 1, aws: aws.Weight ?? 1 } };
}

/** The weights AWS holds now for the service. */
export async function readWeights(api: TrafficAwsApi, resources: TrafficResources, signal: AbortSignal): Promise<SplitWeights> {
  if (resources.split === 'route53') {
    const sets = await readRecordSets(api, resources.route53!, signal);
    return { dc: sets.dc.Weight ?? 0, aws: sets.aws.Weight ?? 0 };
  }
  const actions = await api.listenerActions(resources.listenerArn, signal);
  return forwardOf(actions, { dc: resources.targetGroups.dc!.arn, aws: resources.targetGroups.aws.arn }, resources.listenerArn).weights;
}

/** What a write did: the weights before and after, and the Route 53 change to wait for (none for the ALB: synchronous). */
export interface WeightWrite {
  readonly before: SplitWeights;
  readonly after: SplitWeights;
  readonly change: ChangeInfo | null;
}

/** Writes the weights for `percent` to AWS; `comment` says why (Route 53 keeps it with the change). */
export async function writeWeights(
  api: TrafficAwsApi,
  resources: TrafficResources,
  percent: number,
  comment: string,
  signal: AbortSignal,
): Promise<WeightWrite> {
  const after = weightsFor(percent);
  if (resources.split === 'route53') {
    const route53 = resources.route53!;
    const sets = await readRecordSets(api, route53, signal);
    const before = { dc: sets.dc.Weight ?? 0, aws: sets.aws.Weight ?? 0 };
    const change = await api.upsertRecordSets(
      route53.zoneId,
      [
        { ...sets.dc, Weight: after.dc },
        { ...sets.aws, Weight: after.aws },
      ],
      comment,
      signal,
    );
    return { before, after, change };
  }
  const groups = { dc: resources.targetGroups.dc!.arn, aws: resources.targetGroups.aws.arn };
  const actions = await api.listenerActions(resources.listenerArn, signal);
  const { index, weights: before } = forwardOf(actions, groups, resources.listenerArn);
  const action = actions[index]!;
  const targetGroups = (action.ForwardConfig?.TargetGroups ?? []).map((group) =>
    group.TargetGroupArn === groups.dc ? { ...group, Weight: after.dc } : group.TargetGroupArn === groups.aws ? { ...group, Weight: after.aws } : group,
  );
  // A plain TargetGroupArn with a ForwardConfig of several groups is refused by ELBv2: the forward config alone says it.
  const { TargetGroupArn: _single, ...rest } = action;
  const written: ListenerAction = { ...rest, ForwardConfig: { ...action.ForwardConfig, TargetGroups: targetGroups } };
  const echoed = await api.modifyListenerActions(
    resources.listenerArn,
    actions.map((candidate, i) => (i === index ? written : candidate)),
    signal,
  );
  const held = forwardOf(echoed.length > 0 ? echoed : await api.listenerActions(resources.listenerArn, signal), groups, resources.listenerArn).weights;
  if (held.dc !== after.dc || held.aws !== after.aws)
    throw new Error(`listener ${resources.listenerArn} holds weights ${held.dc}/${held.aws} (data center/AWS) after the change to ${after.dc}/${after.aws}`);
  return { before, after, change: null };
}
