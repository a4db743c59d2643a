// The dual-write proxy of one application instance (DataStax ZDM proxy) as an ECS Fargate service behind an internal
// NLB: clients connect to the NLB on 9042, the proxy writes to both the origin cluster and Amazon Keyspaces and reads
// from the one its phase says; Prometheus metrics (what the cockpit's monitor reads) on 14001/metrics.
//
// The phase (ZDM_PRIMARY_CLUSTER, ZDM_READ_MODE) is part of the task definition, so a cutover's phase switch is a new
// task definition revision and an ECS rolling deployment: new tasks start beside the old ones (200 %), the old ones
// stop once the new ones pass the NLB's readiness check, and the update ends when the service is steady again. A
// deployment that does not get healthy rolls back on its own (circuit breaker).
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { PrimaryCluster, ReadMode } from './settings';

export const DUAL_WRITE_PROXY_TYPE = 'cockpit:migration:DualWriteProxy';
export const PROXY_LISTEN_PORT = 9042;
export const PROXY_METRICS_PORT = 14001;
export const PROXY_CONTAINER = 'zdm-proxy';

export interface DualWriteProxyArgs {
  readonly prefix: string;
  readonly instanceId: string;
  /** The proxy's container image, e.g. datastax/zdm-proxy:2.3.4. */
  readonly image: string;
  /** Tasks the service keeps running. */
  readonly desiredCount: number;
  readonly primaryCluster: PrimaryCluster;
  readonly readMode: ReadMode;
  /** The origin's hosts (without ports) and the one port they listen on. */
  readonly originHosts: readonly string[];
  readonly originPort: number;
  readonly originLocalDataCenter: string;
  /** Keyspaces' CQL host and port (cassandra.<region>.amazonaws.com, 9142). */
  readonly targetHost: string;
  readonly targetPort: number;
  readonly region: string;
  readonly partition: string;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Who may reach the proxy and its metrics: the VPC. */
  readonly vpcCidr: pulumi.Input<string>;
  readonly tags?: Readonly<Record<string, string>>;
}

/** The proxy's environment: its phase, both clusters, where it listens. */
export function proxyEnvironment(
  args: Omit<DualWriteProxyArgs, 'vpcId' | 'subnetIds' | 'vpcCidr' | 'tags' | 'image' | 'desiredCount' | 'prefix' | 'instanceId' | 'partition' | 'region'>,
): { name: string; value: string }[] {
  return Object.entries({
    ZDM_PRIMARY_CLUSTER: args.primaryCluster,
    ZDM_READ_MODE: args.readMode,
    ZDM_ORIGIN_CONTACT_POINTS: args.originHosts.join(','),
    ZDM_ORIGIN_PORT: String(args.originPort),
    ZDM_ORIGIN_LOCAL_DATACENTER: args.originLocalDataCenter,
    ZDM_TARGET_CONTACT_POINTS: args.targetHost,
    ZDM_TARGET_PORT: String(args.targetPort),
    // The defaults are localhost: in a task, the NLB reaches the proxy on the task's own address.
    ZDM_PROXY_LISTEN_ADDRESS: '0.0.0.0',
    ZDM_PROXY_LISTEN_PORT: String(PROXY_LISTEN_PORT),
    ZDM_METRICS_ADDRESS: '0.0.0.0',
    ZDM_METRICS_PORT: String(PROXY_METRICS_PORT),
  }).map(([name, value]) => ({ name, value }));
}

/** AWS names of at most `max` characters: long ones keep their start and get a stable hash of the whole. */
export function boundedName(name: string, max: number): string {
  if (name.length <= max) return name;
  let hash = 2166136261;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  const suffix = hash.toString(36).padStart(7, '0');
  return `${name.slice(0, max - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}

export class DualWriteProxy extends pulumi.ComponentResource {
  readonly cluster: aws.ecs.Cluster;
  readonly taskDefinition: aws.ecs.TaskDefinition;
  readonly service: aws.ecs.Service;
  readonly loadBalancer: aws.lb.LoadBalancer;
  /** host:9042 of the NLB: where clients connect during the dual writes. */
  readonly endpoint: pulumi.Output<string>;
  /** http://<NLB>:14001/metrics. */
  readonly metricsUrl: pulumi.Output<string>;

  constructor(name: string, args: DualWriteProxyArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!Number.isInteger(args.desiredCount) || args.desiredCount < 1 || args.desiredCount > 100)
      throw new Error(`${DUAL_WRITE_PROXY_TYPE} ${name}: desiredCount must be a whole number from 1 to 100 (got ${args.desiredCount})`);
    super(DUAL_WRITE_PROXY_TYPE, name, {}, opts);
    const base = `${args.prefix}-${args.instanceId}-zdm-proxy`;
    const tags = { ...args.tags };
    const child = { parent: this };

    this.cluster = new aws.ecs.Cluster(`${name}-cluster`, { name: base, settings: [{ name: 'containerInsights', value: 'enabled' }], tags }, child);

    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: `/ecs/${base}`, retentionInDays: 30, tags }, child);
    const executionRole = new aws.iam.Role(
      `${name}-exec`,
      {
        description: `ECS task execution role of ${base}`,
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
        tags,
      },
      child,
    );
    const executionPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-exec-policy`,
      { role: executionRole.name, policyArn: `arn:${args.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy` },
      child,
    );

    this.taskDefinition = new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        family: base,
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '1024',
        memory: '2048',
        executionRoleArn: executionRole.arn,
        containerDefinitions: logGroup.name.apply((group) =>
          JSON.stringify([
            {
              name: PROXY_CONTAINER,
              image: args.image,
              essential: true,
              portMappings: [
                { containerPort: PROXY_LISTEN_PORT, protocol: 'tcp' },
                { containerPort: PROXY_METRICS_PORT, protocol: 'tcp' },
              ],
              environment: proxyEnvironment(args),
              logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': group, 'awslogs-region': args.region, 'awslogs-stream-prefix': 'zdm' } },
            },
          ]),
        ),
        tags,
      },
      { parent: this, dependsOn: [executionPolicy] },
    );

    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `${base}: CQL and metrics from the VPC`,
        ingress: [
          { protocol: 'tcp', fromPort: PROXY_LISTEN_PORT, toPort: PROXY_LISTEN_PORT, cidrBlocks: [args.vpcCidr], description: 'CQL' },
          { protocol: 'tcp', fromPort: PROXY_METRICS_PORT, toPort: PROXY_METRICS_PORT, cidrBlocks: [args.vpcCidr], description: 'Prometheus metrics' },
        ],
        // Out to the origin cluster, Keyspaces and the image registry.
        egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'], description: 'origin, Keyspaces, registry' }],
        tags: { ...tags, Name: `${base}-sg` },
      },
      child,
    );

    this.loadBalancer = new aws.lb.LoadBalancer(
      `${name}-nlb`,
      {
        name: boundedName(`${args.prefix}-${args.instanceId}-zdm`, 32),
        internal: true,
        loadBalancerType: 'network',
        subnets: args.subnetIds,
        enableCrossZoneLoadBalancing: true,
        tags,
      },
      child,
    );
    // Both target groups ask the proxy's readiness (connected to both clusters) on its metrics port.
    const targetGroup = (suffix: string, namePrefix: string, port: number) =>
      new aws.lb.TargetGroup(
        `${name}-${suffix}`,
        {
          namePrefix,
          port,
          protocol: 'TCP',
          targetType: 'ip',
          vpcId: args.vpcId,
          deregistrationDelay: 60,
          connectionTermination: true,
          healthCheck: {
            protocol: 'HTTP',
            port: String(PROXY_METRICS_PORT),
            path: '/health/readiness',
            healthyThreshold: 2,
            unhealthyThreshold: 2,
            interval: 10,
          },
          tags,
        },
        child,
      );
    const cqlTargets = targetGroup('cql', 'zdmc-', PROXY_LISTEN_PORT);
    const metricsTargets = targetGroup('metrics', 'zdmm-', PROXY_METRICS_PORT);
    const listener = (suffix: string, port: number, targets: aws.lb.TargetGroup) =>
      new aws.lb.Listener(
        `${name}-${suffix}-listener`,
        { loadBalancerArn: this.loadBalancer.arn, port, protocol: 'TCP', defaultActions: [{ type: 'forward', targetGroupArn: targets.arn }], tags },
        child,
      );
    const listeners = [listener('cql', PROXY_LISTEN_PORT, cqlTargets), listener('metrics', PROXY_METRICS_PORT, metricsTargets)];

    this.service = new aws.ecs.Service(
      `${name}-service`,
      {
        name: PROXY_CONTAINER,
        cluster: this.cluster.arn,
        taskDefinition: this.taskDefinition.arn,
        desiredCount: args.desiredCount,
        launchType: 'FARGATE',
        networkConfiguration: { subnets: args.subnetIds, securityGroups: [securityGroup.id], assignPublicIp: false },
        loadBalancers: [
          { targetGroupArn: cqlTargets.arn, containerName: PROXY_CONTAINER, containerPort: PROXY_LISTEN_PORT },
          { targetGroupArn: metricsTargets.arn, containerName: PROXY_CONTAINER, containerPort: PROXY_METRICS_PORT },
        ],
        // A phase switch is a rolling restart that never runs below the desired count.
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        healthCheckGracePeriodSeconds: 60,
        waitForSteadyState: true,
        propagateTags: 'SERVICE',
        tags,
      },
      { parent: this, dependsOn: listeners },
    );

    this.endpoint = pulumi.interpolate`${this.loadBalancer.dnsName}:${PROXY_LISTEN_PORT}`;
    this.metricsUrl = pulumi.interpolate`http://${this.loadBalancer.dnsName}:${PROXY_METRICS_PORT}/metrics`;
    this.registerOutputs({ endpoint: this.endpoint, metricsUrl: this.metricsUrl });
  }
}
