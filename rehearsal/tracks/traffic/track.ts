// The traffic track's simulator: Route 53 (restXml) and ELBv2 (awsQuery) in an account, the traffic of the users
// between the data center and AWS that follows their weights, the AWS/ApplicationELB metrics it produces, the track's
// admin routes and fault kinds. Every account's estate registers with one TrafficDirectory (shared through the
// tracks' options), because DNS is global: a name in one account's zone may lead to a load balancer in another's.
// Nothing advances in steps — a change's sync, a target's health, a minute's traffic are functions of the clock — so
// sync() has nothing to do.
import type { QueryServiceDecl, RestServiceDecl, SimulatorFactory, TrackSimulator } from '../../seam/track-simulator';
import { trafficAdmin } from './admin-api';
import { TrafficDirectory, type TrafficEstate } from './directory';
import { isDnsName } from './dns-names';
import { elbv2Service } from './elbv2-api';
import { Elbv2Estate } from './elbv2-estate';
import { TRAFFIC_FAULT_OPTIONS, type TrafficFaultSpec } from './fault-schema';
import { IdSource } from './ids';
import { ALB_NAMESPACE, applicationElbMetricSource } from './metrics';
import { route53Service } from './route53-api';
import { Route53Estate, ZONE_ID } from './route53-estate';
import { TrafficFaults } from './traffic-faults';
import { trafficModelOf } from './traffic-model';

export interface TrafficSimulatorOptions {
  /** Where the ARNs and DNS names say the load balancers are. */
  readonly region: string;
  readonly accountId: string;
  /** What every account's estate shares (default: one of its own, for a rehearsal of one account). */
  readonly directory?: TrafficDirectory;
  /** Hosted zones that exist from the start, with their ids (e.g. a plan's). */
  readonly zones?: readonly { readonly id: string; readonly name: string }[];
}

export interface TrafficTrackSimulator extends TrackSimulator {
  readonly estate: TrafficEstate;
  readonly directory: TrafficDirectory;
  readonly restServices: readonly RestServiceDecl[];
  readonly queryServices: readonly QueryServiceDecl[];
}

export function trafficSimulator(options: TrafficSimulatorOptions): SimulatorFactory<TrafficTrackSimulator> {
  return (kernel) => {
    const { clock } = kernel;
    const now = () => clock.now();
    const directory = options.directory ?? new TrafficDirectory();
    const ids = new IdSource(kernel.seed, options.accountId);
    const faults = new TrafficFaults();
    const route53 = new Route53Estate({
      clock,
      ids,
      propagationMs: () => directory.propagationSeconds * 1000,
      hold: (zone, at) => faults.holdOf(zone, at),
      aliasTargetExists: (hostedZoneId, dnsName) => directory.aliasTargetExists(hostedZoneId, dnsName, now()),
    });
    const elbv2 = new Elbv2Estate({ clock, ids, region: options.region, accountId: options.accountId });
    const estate: TrafficEstate = { accountId: options.accountId, route53, elbv2, faults };
    directory.register(estate);
    for (const zone of options.zones ?? []) {
      if (!ZONE_ID.test(zone.id) || !isDnsName(zone.name))
        throw new Error(`traffic zone ${zone.id} ${zone.name}: expected a hosted zone id (Z…) and a domain name`);
      route53.seedZone(zone.name, zone.id);
    }
    const model = trafficModelOf(directory, kernel.seed);
    kernel.metrics.register(ALB_NAMESPACE, applicationElbMetricSource(estate, model, now));
    return {
      id: 'traffic',
      estate,
      directory,
      services: [],
      restServices: [route53Service(route53, now)],
      queryServices: [elbv2Service(elbv2, faults, now)],
      sync: () => undefined,
      admin: trafficAdmin(estate, directory, model, now),
      faults: {
        options: TRAFFIC_FAULT_OPTIONS,
        inject: (spec, base) => void faults.inject(spec as TrafficFaultSpec, base),
        clear: () => {
          const at = now();
          faults.clear(at);
          route53.release(at);
        },
        describe: () => ({ traffic: faults.describe(now()) }),
      },
    };
  };
}
