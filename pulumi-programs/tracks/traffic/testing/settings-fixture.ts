// Test support: the traffic:settings the core writes (main/tracks/traffic/plan.ts TrafficProgramSettings), for the
// design's two kinds of service: a Route 53 split in front of the stack's EC2 server (docs/design/traffic.md's example
// plan, app1701) and an ALB split in front of pods on the shared EKS cluster. pulumi-programs/ may not import main/, so
// the shape is mirrored (settings.ts): when the plan part's expected config changes, change this with it.
export const ZONE_ID = 'Z0123456789ABCDEFGHIJ';

export const ROUTE53_EC2_SETTINGS = {
  service: 'shop.example.com',
  split: 'route53',
  route53: { zoneId: ZONE_ID, ttl: 60 },
  dataCenter: { addresses: ['172.20.7.11'], port: 443 },
  aws: { ec2: {} },
  port: 80,
  healthCheckPath: '/healthz',
  scheme: 'internal',
} as const;

export const CLUSTER_STACK = 'core/eks-shared/production';

export const ALB_EKS_SETTINGS = {
  service: 'api.example.com',
  split: 'alb',
  dataCenter: { addresses: ['172.20.8.21', '172.20.8.22'], port: 8080 },
  aws: {
    eks: {
      clusterStack: CLUSTER_STACK,
      kubeconfigOutput: 'kubeconfig',
      namespace: 'shop',
      image: 'registry.example.com/shop:1.4.2',
      replicas: 3,
      containerPort: 8080,
    },
  },
  port: 80,
  healthCheckPath: '/healthz',
  scheme: 'internal',
} as const;

/** A settings object with some fields changed (a deep copy). */
export function settingsWith(base: object, change: (settings: Record<string, unknown>) => void): Record<string, unknown> {
  const settings = structuredClone(base) as Record<string, unknown>;
  change(settings);
  return settings;
}
