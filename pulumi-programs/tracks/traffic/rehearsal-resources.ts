// The traffic track's rehearsal resources as Pulumi dynamic resources: the load balancer, a target group with its
// targets and the listener in the rehearsal's ELBv2 (rehearsal-elb-operations.ts), and the route53 split's two
// weighted sets in its Route 53 (rehearsal-route53-operations.ts).
//
// Pulumi serializes these providers into the stack's state and runs them later in the provider plugin process: they
// call only the operations (captured by value, loading their SDKs by absolute path) with `realServices()`, and plain
// values. delete and read run the code stored at the last update. What a change replaces:
//   load balancer  its name, scheme or subnets (the old one first when the name stays; a new scheme is a new name);
//                  its tags are set when it is made (the rehearsal's ELBv2 has no AddTags)
//   target group   its name, type, port, protocol, VPC or health check (a new name for each but the VPC, naming.ts:
//                  the new group is made, the listener moves to it, then the old one goes); its targets are updated
//   listener       its load balancer; its port, protocol and weights are updated (ModifyListener)
//   records        the zone or the service's name (the new name's sets first; the old name then goes back to the
//                  data center); the weights, addresses, TTL and type are updated (one UPSERT batch)
import * as pulumi from '@pulumi/pulumi';
import {
  createListener,
  createLoadBalancer,
  createTargetGroup,
  deleteListener,
  deleteLoadBalancer,
  deleteTargetGroup,
  liveForward,
  loadBalancerExists,
  readListener,
  targetGroupExists,
  updateListener,
  updateTargets,
  type ListenerInputs,
  type ListenerOutputs,
  type LoadBalancerInputs,
  type LoadBalancerOutputs,
  type TargetGroupInputs,
  type TargetGroupOutputs,
} from './rehearsal-elb-operations';
import {
  deleteWeightedRecords,
  readWeightedRecords,
  writeWeightedRecords,
  type WeightedRecordsInputs,
  type WeightedRecordsOutputs,
} from './rehearsal-route53-operations';
import { realServices, type Place, type RehearsalAccountGuard } from './rehearsal-services';

/** Which inputs differ (compared as JSON). */
function differing<T extends object>(olds: T, news: T, keys: readonly (keyof T)[]): string[] {
  return keys.filter((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null)).map(String);
}

/**
 * `replaceKeys` (and another account: another estate) replace; where the environment listens, the region and
 * `updateKeys` update. The old resource goes first only when the new one would take its name (`nameKey`).
 */
function placeDiff<T extends Place>(olds: T, news: T, replaceKeys: readonly (keyof T)[], updateKeys: readonly (keyof T)[], nameKey?: keyof T) {
  const replaces = differing(olds, news, replaceKeys);
  if (olds.account?.roleArn !== news.account?.roleArn) replaces.push('account');
  const changes = replaces.length > 0 || differing(olds, news, ['endpoint', 'region', 'account', ...updateKeys]).length > 0;
  const sameName = nameKey !== undefined && olds[nameKey] === news[nameKey];
  return { changes, replaces, deleteBeforeReplace: sameName };
}

const loadBalancerProvider: pulumi.dynamic.ResourceProvider<LoadBalancerInputs, LoadBalancerOutputs> = {
  async create(inputs) {
    const outs = await createLoadBalancer(inputs, realServices());
    return { id: outs.arn, outs };
  },
  async read(id, props) {
    if (!props) return {};
    return (await loadBalancerExists(props, realServices())) ? { id, props } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(olds, news, ['name', 'scheme', 'subnets'], [], 'name');
  },
  async update(_id, olds, news) {
    return { outs: { ...olds, ...news, arn: olds.arn, dnsName: olds.dnsName, canonicalHostedZoneId: olds.canonicalHostedZoneId, tags: olds.tags } };
  },
  async delete(_id, props) {
    await deleteLoadBalancer(props, realServices());
  },
};

const targetGroupProvider: pulumi.dynamic.ResourceProvider<TargetGroupInputs, TargetGroupOutputs> = {
  async create(inputs) {
    const outs = await createTargetGroup(inputs, realServices());
    return { id: outs.arn, outs };
  },
  async read(id, props) {
    if (!props) return {};
    return (await targetGroupExists(props, realServices())) ? { id, props } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(olds, news, ['name', 'targetType', 'port', 'protocol', 'vpcId', 'healthCheck'], ['targets'], 'name');
  },
  async update(_id, olds, news) {
    return { outs: { ...(await updateTargets(olds, news, realServices())), tags: olds.tags } };
  },
  async delete(_id, props) {
    await deleteTargetGroup(props, realServices());
  },
};

const listenerProvider: pulumi.dynamic.ResourceProvider<ListenerInputs, ListenerOutputs> = {
  async create(inputs) {
    const outs = await createListener(inputs, realServices());
    return { id: outs.arn, outs };
  },
  async read(id, props) {
    if (!props) return {};
    const live = await readListener(props, realServices());
    return live ? { id, props: { ...props, forward: liveForward(live, props.forward) } } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(olds, news, ['loadBalancerArn'], ['port', 'protocol', 'forward']);
  },
  async update(_id, olds, news) {
    return { outs: { ...(await updateListener(olds, news, realServices())), tags: olds.tags } };
  },
  async delete(_id, props) {
    await deleteListener(props, realServices());
  },
};

const recordsProvider: pulumi.dynamic.ResourceProvider<WeightedRecordsInputs, WeightedRecordsOutputs> = {
  async create(inputs) {
    const outs = await writeWeightedRecords(inputs, realServices());
    return { id: `${inputs.zoneId}/${inputs.service}/${inputs.setIdentifiers.dc}`, outs };
  },
  async read(id, props) {
    if (!props) return {};
    const live = await readWeightedRecords(props, realServices());
    return live ? { id, props: live } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(olds, news, ['zoneId', 'service', 'setIdentifiers'], ['type', 'ttl', 'dataCenter', 'loadBalancer', 'weights']);
  },
  async update(_id, _olds, news) {
    return { outs: await writeWeightedRecords(news, realServices()) };
  },
  async delete(_id, props) {
    await deleteWeightedRecords(props, realServices());
  },
};

/** The inputs as the program gives them: the guard comes from secret config, ARNs from other resources (Outputs). */
type Args<T> = { readonly [K in keyof Omit<T, 'account'>]: pulumi.Input<T[K]> } & { readonly account?: pulumi.Input<RehearsalAccountGuard> };

// The guard may hold the role's external id: kept encrypted in the state.
const SECRET_OUTPUTS = ['account'];

export class RehearsalLoadBalancer extends pulumi.dynamic.Resource {
  declare readonly arn: pulumi.Output<string>;
  declare readonly dnsName: pulumi.Output<string>;
  declare readonly canonicalHostedZoneId: pulumi.Output<string>;

  constructor(name: string, args: Args<LoadBalancerInputs>, opts?: pulumi.CustomResourceOptions) {
    super(
      loadBalancerProvider,
      name,
      { arn: undefined, dnsName: undefined, canonicalHostedZoneId: undefined, ...args },
      { ...opts, additionalSecretOutputs: SECRET_OUTPUTS },
      'cockpit',
      'RehearsalLoadBalancer',
    );
  }
}

export class RehearsalTargetGroup extends pulumi.dynamic.Resource {
  declare readonly arn: pulumi.Output<string>;

  constructor(name: string, args: Args<TargetGroupInputs>, opts?: pulumi.CustomResourceOptions) {
    super(targetGroupProvider, name, { arn: undefined, ...args }, { ...opts, additionalSecretOutputs: SECRET_OUTPUTS }, 'cockpit', 'RehearsalTargetGroup');
  }
}

export class RehearsalListener extends pulumi.dynamic.Resource {
  declare readonly arn: pulumi.Output<string>;

  constructor(name: string, args: Args<ListenerInputs>, opts?: pulumi.CustomResourceOptions) {
    super(listenerProvider, name, { arn: undefined, ...args }, { ...opts, additionalSecretOutputs: SECRET_OUTPUTS }, 'cockpit', 'RehearsalListener');
  }
}

export class RehearsalWeightedRecords extends pulumi.dynamic.Resource {
  declare readonly changeId: pulumi.Output<string>;

  constructor(name: string, args: Args<WeightedRecordsInputs>, opts?: pulumi.CustomResourceOptions) {
    super(recordsProvider, name, { changeId: undefined, ...args }, { ...opts, additionalSecretOutputs: SECRET_OUTPUTS }, 'cockpit', 'RehearsalWeightedRecords');
  }
}

/** The providers, for tests of their diffs and of their serialization (a resource is made through its class). */
export const REHEARSAL_PROVIDERS = {
  loadBalancer: loadBalancerProvider,
  targetGroup: targetGroupProvider,
  listener: listenerProvider,
  records: recordsProvider,
} as const;
