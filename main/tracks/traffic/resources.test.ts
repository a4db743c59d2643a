import { describe, expect, it } from 'vitest';
import { trafficResourcesOf } from './resources';

const ARN = 'arn:aws:elasticloadbalancing:eu-central-1:123456789012';
const OUTPUT = {
  split: 'alb',
  service: 'cart.example.com',
  awsPercent: 25,
  loadBalancer: {
    arn: `${ARN}:loadbalancer/app/cart/0011223344556677`,
    dnsName: 'internal-cart-1.eu-central-1.elb.amazonaws.com',
    dimension: 'app/cart/0011223344556677',
  },
  listenerArn: `${ARN}:listener/app/cart/0011223344556677/8899aabbccddeeff`,
  targetGroups: {
    aws: { arn: `${ARN}:targetgroup/cart-aws/fedcba9876543210`, dimension: 'targetgroup/cart-aws/fedcba9876543210' },
    dc: { arn: `${ARN}:targetgroup/cart-dc/0123456789abcdef`, dimension: 'targetgroup/cart-dc/0123456789abcdef' },
  },
};

describe("a stack's trafficResources output", () => {
  it('is read as an object or as JSON text', () => {
    expect(trafficResourcesOf('apps/cart', { trafficResources: OUTPUT })).toEqual({ resources: OUTPUT });
    expect(trafficResourcesOf('apps/cart', { trafficResources: JSON.stringify(OUTPUT) })).toEqual({ resources: OUTPUT });
  });

  it('says what is missing or wrong, and where', () => {
    expect(trafficResourcesOf('apps/cart', undefined)).toEqual({
      problem: 'stack apps/cart has no trafficResources output yet: deploy it (its load balancer and records come with its first deploy)',
    });
    expect(trafficResourcesOf('apps/cart', { trafficResources: '{' })).toEqual({ problem: 'stack apps/cart: its trafficResources output is not JSON' });
    expect(trafficResourcesOf('apps/cart', { trafficResources: { ...OUTPUT, targetGroups: { aws: OUTPUT.targetGroups.aws } } })).toEqual({
      problem: 'stack apps/cart: its trafficResources output has no on-premises target group, yet its split is alb',
    });
    expect(trafficResourcesOf('apps/cart', { trafficResources: { ...OUTPUT, loadBalancer: { ...OUTPUT.loadBalancer, dimension: 'cart' } } })).toEqual({
      problem: 'stack apps/cart: its trafficResources output at loadBalancer.dimension: expected app/<name>/<id>',
    });
  });
});
