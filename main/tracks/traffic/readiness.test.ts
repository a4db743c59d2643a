import { describe, expect, it } from 'vitest';
import type { ServiceView } from './contract';
import { readyVerdict } from './readiness';

const view = (values: Partial<ServiceView> = {}): ServiceView => ({
  stackId: 'apps/shop',
  waveId: 'wave-7',
  service: 'shop.example.com',
  split: 'route53',
  weights: { dc: 100, aws: 0 },
  awsPercent: 0,
  plannedPercent: 0,
  change: null,
  weightHistory: [],
  targets: { aws: { healthy: 2, unhealthy: 0, other: 0, targets: [] }, dc: null },
  minutes: [],
  thresholds: { max5xxPercent: 1, maxResponseTimeMs: 1000, minHealthyHosts: 2, maxUnhealthyHosts: 0, minRequests: 20 },
  checkedAt: '2026-12-04T02:00:00.000Z',
  problem: null,
  ...values,
});
const LIMITS = { minHealthyHosts: 2, maxUnhealthyHosts: 0 };

describe('the traffic gate of a stack', () => {
  it('is green with enough healthy targets, none unhealthy and no change pending', () => {
    expect(readyVerdict(view(), LIMITS).status).toBe('green');
  });

  it('is red with too few healthy or too many unhealthy targets, or a pending change, each said', () => {
    const unhealthy = { id: '10.40.0.12', port: 80, state: 'unhealthy', reason: 'Health checks failed with these codes: [502]' };
    const verdict = readyVerdict(
      view({
        targets: { aws: { healthy: 1, unhealthy: 1, other: 1, targets: [unhealthy] }, dc: null },
        change: { id: 'C0042', status: 'PENDING', submittedAt: '2026-12-04T01:59:30.000Z' },
      }),
      LIMITS,
    );
    expect(verdict).toMatchObject({ status: 'red' });
    expect(verdict.reasons).toEqual([
      'shop.example.com: 1 healthy AWS target, fewer than 2 (1 registering or draining)',
      'shop.example.com: 1 unhealthy AWS target (10.40.0.12: Health checks failed with these codes: [502])',
      'shop.example.com: Route 53 change C0042 is still PENDING (submitted 01:59:30 UTC)',
    ]);
  });

  it('is red when nothing is deployed, unknown when a read failed or health is not read yet', () => {
    expect(
      readyVerdict(view({ weights: null, targets: { aws: null, dc: null }, problem: 'stack apps/shop has no trafficResources output yet: deploy it' }), LIMITS),
    ).toMatchObject({
      status: 'red',
      reasons: ['shop.example.com: stack apps/shop has no trafficResources output yet: deploy it'],
    });
    expect(readyVerdict(view({ problem: 'the split: Throttling' }), LIMITS).status).toBe('unknown');
    expect(readyVerdict(view({ targets: { aws: null, dc: null } }), LIMITS)).toMatchObject({
      status: 'unknown',
      reasons: ["shop.example.com: the AWS target group's health is not read yet"],
    });
  });
});
