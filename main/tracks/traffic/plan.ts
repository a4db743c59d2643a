// The traffic track's plan part: its keys (plan-schema.ts), its located checks (plan-checks.ts), its runbook action
// (declared here for the grammar; what it does comes with the track's runbook part), and the config its program part
// reads.
import type { PlanAction } from '../../plan/grammar';
import type { PlanParts } from '../../plan/plan-parts';
import { closestWord } from '../../plan/schema';
import type { PlanPart } from '../../seam/plan-part';
import { checkTrafficPlan } from './plan-checks';
import {
  ShiftAction,
  TRAFFIC_STACK_SHAPE,
  TRAFFIC_WAVE_SHAPE,
  trafficOf,
  trafficOfWave,
  type Shift,
  type TrafficStack,
  type TrafficStackFields,
  type TrafficWaveFields,
} from './plan-schema';

/** The stack config key of the program's settings. */
export const SETTINGS_KEY = 'traffic:settings';
/** The cutover overlay key of the share sent to AWS (0–100; absent = 0), which the program's weights follow. */
export const PERCENT_KEY = 'traffic:awsPercent';

/**
 * The stack config `traffic:settings` (JSON) the program part reads (pulumi-programs/tracks/traffic/settings.ts
 * mirrors it: change both together): the service, its split and where each side is. Never the steps or the
 * analysis, which are the cockpit's, nor a credential (the plan holds none for this track).
 */
export interface TrafficProgramSettings {
  readonly service: string;
  readonly split: 'route53' | 'alb';
  readonly route53?: { readonly zoneId: string; readonly ttl: number };
  readonly dataCenter: { readonly addresses: readonly string[]; readonly port: number };
  readonly aws: TrafficStack['aws'];
  readonly port: number;
  readonly healthCheckPath: string;
  readonly scheme: 'internal' | 'internet-facing';
}

export function programSettings(traffic: TrafficStack): TrafficProgramSettings {
  return {
    service: traffic.service,
    split: traffic.split,
    ...(traffic.route53 ? { route53: traffic.route53 } : {}),
    dataCenter: traffic.dataCenter,
    aws: traffic.aws,
    port: traffic.port,
    healthCheckPath: traffic.healthCheckPath,
    scheme: traffic.scheme,
  };
}

/**
 * Shifts the wave's services to AWS step by step. Its role is 'move-traffic', so the generic order check warns when
 * a drain (replication stopped) comes after it: users on AWS write to a database the data center still replicates into.
 */
export const SHIFT: PlanAction<Shift> = {
  type: 'traffic-shift',
  schema: ShiftAction,
  role: 'move-traffic',
  check(action, at, wave, stacks, report) {
    const services = stacks.filter((stack) => trafficOf(stack).traffic !== undefined);
    if (stacks.length > 0 && services.length === 0) {
      report.warning([...at, 'type'], `traffic-shift has nothing to shift: no stack of wave '${wave.id}' has a traffic service`);
      return;
    }
    if (services.length > 0 && trafficOfWave(wave).traffic === undefined)
      report.warning(
        [...at, 'type'],
        `wave '${wave.id}' says nothing of its shift (traffic:), so it runs the defaults: steps 5, 25, 50, 100 % with 5-minute pauses, aborting to 0 %`,
      );
    action.stacks?.forEach((name, i) => {
      if (services.some((stack) => stack.name === name)) return;
      const known = stacks.some((stack) => stack.name === name);
      const suggestion = closestWord(
        name,
        services.map((stack) => stack.name),
      );
      report.error(
        [...at, 'stacks', i],
        known
          ? `stack '${name}' has no traffic service to shift`
          : `no stack '${name}' in wave '${wave.id}'; ${suggestion ? `did you mean '${suggestion}'?` : `its traffic services are on ${services.map((stack) => stack.name).join(', ')}`}`,
      );
    });
  },
};

export const trafficPlan: PlanPart<TrafficStackFields, TrafficWaveFields> = {
  stackShape: TRAFFIC_STACK_SHAPE,
  waveShape: TRAFFIC_WAVE_SHAPE,
  actions: [SHIFT],
  check: (plan: PlanParts, waves, report) => checkTrafficPlan(plan, waves, report),
  of: trafficOf,
  ofWave: trafficOfWave,
  // The service's load balancer, target groups and records are the stack's (output trafficResources).
  readsOutputs: (stack) => trafficOf(stack).traffic !== undefined,
  uses: (plan) => [...plan.stacks.values()].some((stack) => trafficOf(stack).traffic !== undefined),
  stackConfig: (stack): Record<string, string> => {
    const traffic = trafficOf(stack).traffic;
    return traffic ? { [SETTINGS_KEY]: JSON.stringify(programSettings(traffic)) } : {};
  },
};
