// The names both parts give the load balancer and target groups (ELBv2's rules; a new name for what a change replaces),
// the weighted sets' identifiers, the target protocol, and the CloudWatch dimensions read from the ARNs.
import { describe, expect, it } from 'vitest';
import { loadBalancerName, setIdentifiersOf, targetGroupName, targetProtocolOf } from './naming';
import { loadBalancerDimensionOf, targetGroupDimensionOf } from './resources-output';

const ELB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

describe('ELBv2 names', () => {
  it('start with the instance, fit 32 letters, digits and hyphens, and are stable', () => {
    const name = loadBalancerName('platform-production', 'app1701', 'internal');
    expect(name).toMatch(/^app1701-alb-[a-z0-9]{6}$/);
    expect(loadBalancerName('platform-production', 'app1701', 'internal')).toBe(name);
    const long = targetGroupName('platform-production', 'a-very-long-instance-identifier-of-the-estate', 'aws', {
      targetType: 'ip',
      port: 8080,
      protocol: 'HTTP',
    });
    expect(long).toMatch(ELB_NAME);
    expect(long.length).toBeLessThanOrEqual(32);
    expect(long).toMatch(/^a-very-long-instance-aws-[a-z0-9]{6}$/);
    // AWS names internal load balancers internal-…: a name may not start so.
    expect(loadBalancerName('p', 'internal-app', 'internal')).toMatch(/^svc-internal-app-alb-/);
  });

  it('change with what replaces the resource (scheme; target type, port, protocol) and with the project', () => {
    const tg = (port: number, targetType: 'ip' | 'instance' = 'instance') =>
      targetGroupName('platform-production', 'app1701', 'aws', { targetType, port, protocol: 'HTTP' });
    expect(tg(80)).not.toBe(tg(8080));
    expect(tg(80)).not.toBe(tg(80, 'ip'));
    expect(targetGroupName('platform-production', 'app1701', 'dc', { targetType: 'ip', port: 80, protocol: 'HTTP' })).toMatch(/^app1701-dc-/);
    expect(loadBalancerName('platform-production', 'app1701', 'internal')).not.toBe(loadBalancerName('platform-production', 'app1701', 'internet-facing'));
    expect(loadBalancerName('platform-production', 'app1701', 'internal')).not.toBe(loadBalancerName('platform-staging', 'app1701', 'internal'));
  });

  it('give the record sets their identifiers and the targets their protocol', () => {
    expect(setIdentifiersOf('app1701')).toEqual({ dc: 'app1701-dc', aws: 'app1701-aws' });
    expect([443, 8443, 80, 8080].map(targetProtocolOf)).toEqual(['HTTPS', 'HTTPS', 'HTTP', 'HTTP']);
  });
});

describe('CloudWatch dimensions from ARNs', () => {
  it('are app/<name>/<id> for a load balancer and targetgroup/<name>/<id> for a target group', () => {
    expect(loadBalancerDimensionOf('arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/app/app1701-alb-x1/50dc6c495c0c9188')).toBe(
      'app/app1701-alb-x1/50dc6c495c0c9188',
    );
    expect(targetGroupDimensionOf('arn:aws:elasticloadbalancing:eu-central-1:111122223333:targetgroup/app1701-aws-x1/73e2d6bc24d8a067')).toBe(
      'targetgroup/app1701-aws-x1/73e2d6bc24d8a067',
    );
    expect(() => loadBalancerDimensionOf('arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/net/nlb/1')).toThrow(
      /is not an Application Load Balancer's ARN/,
    );
    expect(() => targetGroupDimensionOf('tg-1')).toThrow(/is not a target group's ARN/);
  });
});
