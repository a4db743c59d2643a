import { describe, expect, it } from 'vitest';
import { describeIssues, expectErrorAt, parsePlan, positionOf, replaceOnce, SMALL_PLAN, TEST_FILE } from '../../plan/plan-testing';
import { PERCENT_KEY, programSettings, SETTINGS_KEY, trafficPlan } from './plan';
import { analysisFor, stepsOf, waveSettingsOf, weightsFor } from './plan-schema';

const parse = (text: string) => parsePlan(TEST_FILE, text);
const messages = (result: ReturnType<typeof parse>) => (result.ok ? result.warnings : result.issues).map((issue) => `${issue.path}: ${issue.message}`);

const ROUTE53_SERVICE = `
    traffic:
      service: App1.Example.com.
      route53: { zoneId: /hostedzone/Z0123456789ABCDEFGHIJ }
      dataCenter: { addresses: [172.20.7.11, 172.20.7.12] }
      aws: { ec2: {} }
`;
const ALB_SERVICE = `
    traffic:
      service: app2.example.com
      split: alb
      dataCenter: { addresses: [172.20.8.11], port: 8443 }
      aws: { eks: { clusterStack: core/eks-shared/production, namespace: app2, image: registry.example.com/app2:1.4.2 } }
      port: 8080
      analysis: { maxResponseTimeMs: 2500 }
`;
const SHIFT_STEP = `        - id: switch
          name: Shift traffic
          action: { type: traffic-shift }
`;
const ONE_STEP_SWITCH = `        - id: switch
          name: Switch traffic
          action: { type: pulumi-up, config: { trafficTarget: aws } }
`;

/** The small plan with services on app1 (route53) and app2 (alb), the one-step switch replaced by the shift. */
function withServices({ app1 = ROUTE53_SERVICE, app2 = ALB_SERVICE, step = SHIFT_STEP, wave = '' } = {}) {
  let text = replaceOnce(SMALL_PLAN, '      - taskId: app1-mysql\n', `      - taskId: app1-mysql\n${app1.slice(1)}`);
  text = replaceOnce(text, '      - taskId: app2-mysql\n', `      - taskId: app2-mysql\n${app2.slice(1)}`);
  text = replaceOnce(text, ONE_STEP_SWITCH, step);
  return replaceOnce(text, '    stacks: [app1, app2]\n', `    stacks: [app1, app2]\n${wave}`);
}

describe("the traffic track's part of the plan", () => {
  it('reads a service with its defaults, a wave’s shift, and writes the program’s settings', () => {
    const wave = '    traffic: { steps: [10, { percent: 50, pauseSeconds: 900 }, 100], onFailure: last-good, analysis: { max5xxPercent: 0.5 } }\n';
    const result = parse(withServices({ wave }));
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(messages(result)).toEqual([]);
    const app1 = result.plan.stacks.get('apps/app1')!;
    const traffic = trafficPlan.of(app1).traffic!;
    expect(traffic).toEqual({
      service: 'app1.example.com',
      split: 'route53',
      route53: { zoneId: 'Z0123456789ABCDEFGHIJ', ttl: 60 },
      dataCenter: { addresses: ['172.20.7.11', '172.20.7.12'], port: 443 },
      aws: { ec2: {} },
      port: 80,
      healthCheckPath: '/healthz',
      scheme: 'internal',
    });
    expect(JSON.parse(trafficPlan.stackConfig!(app1)[SETTINGS_KEY]!)).toEqual(programSettings(traffic));
    expect(trafficPlan.stackConfig!(app1)[PERCENT_KEY]).toBeUndefined();
    expect(trafficPlan.readsOutputs!(app1)).toBe(true);
    expect(trafficPlan.uses(result.plan)).toBe(true);

    const app2 = trafficPlan.of(result.plan.stacks.get('apps/app2')!).traffic!;
    expect(app2.aws.eks).toEqual({
      clusterStack: 'core/eks-shared/production',
      kubeconfigOutput: 'kubeconfig',
      namespace: 'app2',
      image: 'registry.example.com/app2:1.4.2',
      replicas: 2,
      containerPort: 8080,
    });
    const settings = waveSettingsOf(result.plan.waves.find((entry) => entry.id === 'wave-1')!);
    expect(stepsOf(settings)).toEqual([
      { percent: 10, pauseSeconds: 300 },
      { percent: 50, pauseSeconds: 900 },
      { percent: 100, pauseSeconds: 300 },
    ]);
    expect(settings).toMatchObject({ onFailure: 'last-good', changeTimeoutSeconds: 300 });
    expect(analysisFor(settings, app2)).toEqual({
      intervalSeconds: 60,
      max5xxPercent: 0.5,
      maxResponseTimeMs: 2500,
      minHealthyHosts: 1,
      maxUnhealthyHosts: 0,
      minRequests: 20,
      failureLimit: 0,
    });
  });

  it('a wave without traffic settings shifts with the defaults, and says so at the step', () => {
    const result = parse(withServices());
    expect(result.ok).toBe(true);
    expect(messages(result)).toEqual([
      "waves[1] (id: wave-1).cutover.runbook[0] (id: switch).action.type: wave 'wave-1' says nothing of its shift (traffic:), so it runs the defaults: steps 5, 25, 50, 100 % with 5-minute pauses, aborting to 0 %",
    ]);
    if (!result.ok) return;
    expect(stepsOf(waveSettingsOf(result.plan.waves.find((entry) => entry.id === 'wave-1')!)).map((step) => step.percent)).toEqual([5, 25, 50, 100]);
  });

  it('writes a percent as weights inside both ranges, summing to 100', () => {
    expect(weightsFor(0)).toEqual({ dc: 100, aws: 0 });
    expect(weightsFor(25)).toEqual({ dc: 75, aws: 25 });
    expect(weightsFor(100)).toEqual({ dc: 0, aws: 100 });
  });

  it('a plan without services does not use the track', () => {
    const result = parse(SMALL_PLAN);
    expect(result.ok).toBe(true);
    if (result.ok) expect(trafficPlan.uses(result.plan)).toBe(false);
  });

  it('locates what a split lacks or cannot take', () => {
    const noZone = withServices({ app1: ROUTE53_SERVICE.replace('      route53: { zoneId: /hostedzone/Z0123456789ABCDEFGHIJ }\n', '') });
    expectErrorAt(noZone, parse(noZone), /split: route53 needs route53: \{ zoneId \}/, 'traffic:');

    const hostNameOnAlb = withServices({ app2: ALB_SERVICE.replace('[172.20.8.11]', '[172.20.8.11, lb.dc.example.internal]') });
    expectErrorAt(hostNameOnAlb, parse(hostNameOnAlb), /takes IP targets only; 'lb.dc.example.internal' is a host name/, 'lb.dc.example.internal');

    const mixed = withServices({ app1: ROUTE53_SERVICE.replace('[172.20.7.11, 172.20.7.12]', '[172.20.7.11, app1.dc.example.internal]') });
    expectErrorAt(mixed, parse(mixed), /a host name is a CNAME, which has exactly one value/, 'app1.dc.example.internal');

    const zoneOnAlb = withServices({ app2: ALB_SERVICE.replace('      split: alb\n', '      split: alb\n      route53: { zoneId: Z0123456789ABCDEFGHIJ }\n') });
    expectErrorAt(zoneOnAlb, parse(zoneOnAlb), /route53 is for split: route53/, 'route53: { zoneId: Z0123', 0);

    const bothSides = withServices({ app1: ROUTE53_SERVICE.replace('{ ec2: {} }', '{ ec2: {}, eks: { clusterStack: a/b/c, namespace: x, image: y } }') });
    expectErrorAt(bothSides, parse(bothSides), /expected exactly one of ec2: \{\} or eks/, '{ ec2: {}, eks');

    const badZone = withServices({ app1: ROUTE53_SERVICE.replace('/hostedzone/Z0123456789ABCDEFGHIJ', 'zone-1') });
    expectErrorAt(badZone, parse(badZone), /expected a Route 53 hosted zone id/, 'zone-1');

    const badAddress = withServices({ app1: ROUTE53_SERVICE.replace('172.20.7.12', '172.20.7') });
    expectErrorAt(badAddress, parse(badAddress), /expected an IPv4 address \(172.20.7.11\) or a fully qualified host name/, '172.20.7]');
  });

  it('refuses one name shifted by two stacks, or also switched in one step', () => {
    const twice = withServices({ app2: ALB_SERVICE.replace('app2.example.com', 'app1.example.com') });
    expectErrorAt(twice, parse(twice), /'app1.example.com' is the service of stack 'apps\/app1' already/, 'app1.example.com', 0);

    const dnsConfig = withServices().replace(
      '      host: app1.aws.example.internal\n',
      '      host: app1.aws.example.internal\n      dnsZoneId: Z0123456789ABCDEFGHIJ\n',
    );
    expectErrorAt(dnsConfig, parse(dnsConfig), /'dnsZoneId' configures the one-step DNS switch, a second writer/, 'dnsZoneId');

    const oneStep = withServices({ step: ONE_STEP_SWITCH });
    expectErrorAt(oneStep, parse(oneStep), /'trafficTarget' switches every stack of the wave in one step, but app1, app2 move progressively/, 'trafficTarget');
  });

  it('locates steps that do not rise or leave the range', () => {
    const falling = withServices({ wave: '    traffic: { steps: [10, 50, 25, 100] }\n' });
    expectErrorAt(falling, parse(falling), /step 3 sends 25 % to AWS, not more than step 2 \(50 %\)/, '25, 100');

    const over = withServices({ wave: '    traffic: { steps: [10, 150] }\n' });
    expectErrorAt(over, parse(over), /expected a percent of requests to AWS, 1–100/, '150');

    const zero = withServices({ wave: '    traffic: { steps: [0, 100] }\n' });
    expectErrorAt(zero, parse(zero), /expected a percent of requests to AWS, 1–100/, '0, 100');

    const interval = withServices({ wave: '    traffic: { analysis: { intervalSeconds: 90 } }\n' });
    expectErrorAt(interval, parse(interval), /expected whole minutes/, '90');
  });

  it('warns where a shift ends split, measures once per step, is cut off by its timeout, or is missing', () => {
    const text = withServices({
      wave: '    traffic: { steps: [10, { percent: 50, pauseSeconds: 90 }], pauseSeconds: 600 }\n',
      step: SHIFT_STEP.replace('          action:', '          timeoutMinutes: 5\n          action:'),
    });
    const result = parse(text);
    expect(result.ok, messages(result).join('\n')).toBe(true);
    expect(messages(result)).toEqual([
      'waves[1] (id: wave-1).traffic.steps[1]: the last step sends 50 % to AWS: the shift ends with users still split between the data center and AWS',
      'waves[1] (id: wave-1).traffic.steps[1].pauseSeconds: a 90-second pause holds 1 analysis measurement(s) of 60 s: one reading decides the step alone; pause at least 120 s',
      "waves[1] (id: wave-1).cutover.runbook[0] (id: switch).timeoutMinutes: the step times out after 5 min, before its steps can end (some 20 min: each step's pause, up to a minute to a whole minute, CloudWatch's 2-minute lag and about a minute for the weights' sync): give it at least that, or shorten the pauses",
    ]);
    if (result.ok) expect(result.warnings[0]).toMatchObject(positionOf(text, '{ percent: 50'));

    const noShift = withServices({ step: '' });
    const noShiftResult = parse(noShift);
    expect(messages(noShiftResult)).toContain(
      "waves[1] (id: wave-1).cutover.runbook: the stacks of wave 'wave-1' have traffic services (app1.example.com, app2.example.com) but its runbook shifts none (traffic-shift): their users stay in the data center",
    );
  });

  it('checks the shift step against the wave’s services', () => {
    const unknown = withServices({ step: SHIFT_STEP.replace('{ type: traffic-shift }', '{ type: traffic-shift, stacks: [app3] }') });
    expectErrorAt(unknown, parse(unknown), /no stack 'app3' in wave 'wave-1'; did you mean 'app1'\?/, 'app3');

    const plain = withServices({ app2: '\n', step: SHIFT_STEP.replace('{ type: traffic-shift }', '{ type: traffic-shift, stacks: [app1, app2] }') });
    expectErrorAt(plain, parse(plain), /stack 'app2' has no traffic service to shift/, 'app2] }');

    const nothing = withServices({ app1: '\n', app2: '\n', wave: '    traffic: { steps: [50, 100] }\n' });
    const result = parse(nothing);
    expect(messages(result)).toEqual([
      "waves[1] (id: wave-1).traffic: wave 'wave-1' has traffic settings but none of its stacks has a traffic service: they have nothing to shift",
      "waves[1] (id: wave-1).cutover.runbook[0] (id: switch).action.type: traffic-shift has nothing to shift: no stack of wave 'wave-1' has a traffic service",
    ]);
  });
});
