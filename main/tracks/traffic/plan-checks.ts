// The located checks of the traffic track's part of a plan, on the parts the schema accepted: each service's split
// has what it needs (a zone for route53, IP addresses for the ALB's on-premises targets, one kind of DC address),
// no name is claimed by two stacks or also switched by the one-step DNS switch, a wave's steps rise and end at
// 100 %, each pause gives its analysis more than one measurement, and a wave with services shifts them (and one that
// shifts has services).
import { isIP } from 'node:net';
import { stackId, type LocatedReport } from '../../plan/located-report';
import type { PlanParts, ResolvedWave } from '../../plan/plan-parts';
import { PulumiUpAction, type WaveEntry } from '../../plan/schema';
import type { DocPath } from '../../plan/source';
import { stepsOf, trafficOf, trafficOfWave, waveSettingsOf, type TrafficStack } from './plan-schema';

/** The one-step DNS switch's config keys (pulumi-programs/components/traffic-switch.ts): a second writer of the name. */
/** A step's time beside its pause: to the first whole minute (60 s), CloudWatch's lag on AWS (120 s), a Route 53 sync (60 s). */
export const STEP_OVERHEAD_SECONDS = 240;

export const ONE_STEP_SWITCH_KEYS = ['dnsZoneId', 'dnsName', 'trafficTarget'] as const;

export function checkTrafficPlan(plan: PlanParts, waves: readonly (ResolvedWave | undefined)[], report: LocatedReport): void {
  const claimed = new Map<string, string>();
  plan.stacks.forEach((stack, index) => {
    const traffic = stack && trafficOf(stack).traffic;
    if (!stack || !traffic) return;
    const at: DocPath = ['stacks', index, 'traffic'];
    const earlier = claimed.get(traffic.service);
    if (earlier)
      report.error(
        [...at, 'service'],
        `'${traffic.service}' is the service of stack '${earlier}' already: one name has one split, so two stacks cannot shift it`,
      );
    else claimed.set(traffic.service, stackId(stack));
    checkSplit(traffic, at, report);
    for (const key of ONE_STEP_SWITCH_KEYS)
      if (stack.config && key in stack.config)
        report.error(
          ['stacks', index, 'config', key],
          `stack '${stackId(stack)}' moves its users progressively (traffic); '${key}' configures the one-step DNS switch, a second writer of the service's name: remove it`,
          'key',
        );
  });
  plan.waves.forEach((wave, index) => {
    const resolved = waves[index];
    if (wave && resolved) checkWave(wave, index, resolved, report);
  });
}

function checkSplit(traffic: TrafficStack, at: DocPath, report: LocatedReport): void {
  const addresses = traffic.dataCenter.addresses;
  if (traffic.split === 'route53') {
    if (!traffic.route53) report.error(at, 'split: route53 needs route53: { zoneId }: the hosted zone that holds the service name', 'key');
    const hostNames = addresses.filter((address) => isIP(address) === 0);
    // Weighted sets of one name share one type: A for addresses, CNAME (one value) for a host name.
    if (hostNames.length > 0 && addresses.length > 1)
      report.error(
        [...at, 'dataCenter', 'addresses', addresses.indexOf(hostNames[0]!)],
        'a host name is a CNAME, which has exactly one value: give the data center either one host name or IPv4 addresses only',
      );
  } else {
    if (traffic.route53) report.error([...at, 'route53'], 'route53 is for split: route53; with split: alb the load balancer splits the requests', 'key');
    addresses.forEach((address, i) => {
      if (isIP(address) === 0)
        report.error(
          [...at, 'dataCenter', 'addresses', i],
          `the ALB's on-premises target group takes IP targets only; '${address}' is a host name: give its IPv4 addresses`,
        );
    });
  }
}

function checkWave(wave: Omit<WaveEntry, 'stacks'>, index: number, resolved: ResolvedWave, report: LocatedReport): void {
  const at: DocPath = ['waves', index];
  const own = trafficOfWave(wave).traffic;
  const settings = waveSettingsOf(wave);
  const services = resolved.stacks.filter((stack) => trafficOf(stack).traffic !== undefined);

  if (own) {
    const steps = stepsOf(settings);
    steps.forEach((step, s) => {
      const previous = steps[s - 1];
      if (previous && step.percent <= previous.percent)
        report.error(
          [...at, 'traffic', 'steps', s],
          `step ${s + 1} sends ${step.percent} % to AWS, not more than step ${s} (${previous.percent} %): steps rise; an abort is what goes back`,
        );
      const interval = settings.analysis.intervalSeconds;
      if (step.pauseSeconds > 0 && step.pauseSeconds < 2 * interval)
        report.warning(
          typeof own.steps[s] === 'object' ? [...at, 'traffic', 'steps', s, 'pauseSeconds'] : [...at, 'traffic', 'pauseSeconds'],
          `a ${step.pauseSeconds}-second pause holds ${Math.floor(step.pauseSeconds / interval)} analysis measurement(s) of ${interval} s: one reading decides the step alone; pause at least ${2 * interval} s`,
        );
    });
    const last = steps[steps.length - 1]!;
    if (last.percent < 100)
      report.warning(
        [...at, 'traffic', 'steps', steps.length - 1],
        `the last step sends ${last.percent} % to AWS: the shift ends with users still split between the data center and AWS`,
      );
    if (resolved.allStacksKnown && services.length === 0)
      report.warning(
        [...at, 'traffic'],
        `wave '${wave.id}' has traffic settings but none of its stacks has a traffic service: they have nothing to shift`,
        'key',
      );
  }

  const runbook = wave.cutover?.runbook ?? [];
  const shifts = runbook.flatMap((step, s) => (step.action?.type === 'traffic-shift' ? [s] : []));
  if (wave.cutover && resolved.allStacksKnown && services.length > 0 && shifts.length === 0)
    report.warning(
      [...at, 'cutover', 'runbook'],
      `the stacks of wave '${wave.id}' have traffic services (${services.map((stack) => trafficOf(stack).traffic!.service).join(', ')}) but its runbook shifts none (traffic-shift): their users stay in the data center`,
      'key',
    );
  // The one-step switch in the same cutover would fight the shift (and the program refuses both on one stack).
  if (services.length > 0)
    runbook.forEach((step, s) => {
      const pulumiUp = PulumiUpAction.safeParse(step.action);
      if (!pulumiUp.success) return;
      for (const key of ONE_STEP_SWITCH_KEYS)
        if (key in pulumiUp.data.config)
          report.error(
            [...at, 'cutover', 'runbook', s, 'action', 'config', key],
            `'${key}' switches every stack of the wave in one step, but ${services.map((stack) => stack.name).join(', ')} move${services.length === 1 ? 's' : ''} progressively (traffic-shift): put the one-step stacks in a wave of their own`,
            'key',
          );
    });
  // A step timeout shorter than the shift cuts it off in the middle (its weights then go back to the abort target).
  // Each step lasts its pause, up to a minute to the first whole minute, CloudWatch's lag and the weights' sync.
  const total = stepsOf(settings).reduce((sum, step) => sum + step.pauseSeconds + STEP_OVERHEAD_SECONDS, 0);
  for (const s of shifts) {
    const timeout = runbook[s]!.timeoutMinutes;
    if (timeout !== undefined && timeout * 60 < total)
      report.warning(
        [...at, 'cutover', 'runbook', s, 'timeoutMinutes'],
        `the step times out after ${timeout} min, before its steps can end (some ${Math.ceil(total / 60)} min: each step's pause, up to a minute to a whole minute, CloudWatch's 2-minute lag and about a minute for the weights' sync): give it at least that, or shorten the pauses`,
      );
  }
}
