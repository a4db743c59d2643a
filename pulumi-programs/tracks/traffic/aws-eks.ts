// The eks AWS side of a traffic split: the service's pods on the core team's shared EKS cluster, bound to the AWS
// target group. Loading this module loads @pulumi/kubernetes.
//
// The cluster: a StackReference to `clusterStack`, whose output `kubeconfigOutput` (kept secret) configures a
// kubernetes.Provider; every object below is made through that provider, a child of the TrafficEksSide component:
//   Namespace           `namespace`, labelled elbv2.k8s.aws/pod-readiness-gate-inject: enabled, so the AWS Load
//                       Balancer Controller gives each pod a readiness gate that holds until its target is healthy in
//                       the target group: a rollout never takes away serving pods before new ones take requests. The
//                       stack makes and owns the namespace (deleting the stack deletes it).
//   Service             ClusterIP, `port` → the pods' `containerPort`.
//   TargetGroupBinding  elbv2.k8s.aws/v1beta1: serviceRef (the Service and its port), targetGroupARN, targetType ip;
//                       the controller registers the pods' IPs in the AWS target group and opens the pods' port to the
//                       load balancer's security group (networking.ingress).
//   Deployment          `replicas` of `image`, listening on `containerPort`, with a readiness probe on the health check
//                       path (every 10 s, unready after 2 failures, as the target group judges them). Made after the
//                       binding: the controller's webhook injects the readiness gate only into pods created while a
//                       binding selects them.
// No Ingress: an Ingress of class alb makes the controller provision and own a load balancer (or merge into one of its
// group). Here the load balancer, the target groups and the listener's weights are the program's (and the shift's,
// through the API): a controller-owned load balancer would be a second one with nothing routed to it, or a second writer
// of the listener. The TargetGroupBinding is the whole link between the two.
//
// The pods' IPs must be in the load balancer's VPC (the cluster runs in the instance's network).
import * as kubernetes from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { targetProtocolOf } from './naming';
import type { EksSideSettings } from './settings';

export const TRAFFIC_EKS_SIDE_TYPE = 'cockpit:migration:TrafficEksSide';
export const READINESS_GATE_LABEL = 'elbv2.k8s.aws/pod-readiness-gate-inject';

export interface TrafficEksSideArgs {
  readonly instanceId: string;
  readonly eks: EksSideSettings;
  /** The Service's port (the listener's). */
  readonly port: number;
  readonly healthCheckPath: string;
  readonly targetGroupArn: pulumi.Input<string>;
  readonly loadBalancerSecurityGroupId: pulumi.Input<string>;
}

/** The kubeconfig a stack output holds: text as it is, an object (a parsed kubeconfig) as JSON, which is YAML too. */
function kubeconfigText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  throw new Error(`the cluster stack's kubeconfig output is ${JSON.stringify(value)}: expected a kubeconfig`);
}

export class TrafficEksSide extends pulumi.ComponentResource {
  readonly provider: kubernetes.Provider;
  readonly namespace: kubernetes.core.v1.Namespace;
  readonly service: kubernetes.core.v1.Service;
  readonly binding: kubernetes.apiextensions.CustomResource;
  readonly deployment: kubernetes.apps.v1.Deployment;

  constructor(name: string, args: TrafficEksSideArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TRAFFIC_EKS_SIDE_TYPE, name, {}, opts);
    const { eks, instanceId } = args;
    const cluster = new pulumi.StackReference(`${name}-cluster-stack`, { name: eks.clusterStack }, { parent: this });
    this.provider = new kubernetes.Provider(
      `${name}-cluster`,
      { kubeconfig: pulumi.secret(cluster.requireOutput(eks.kubeconfigOutput).apply(kubeconfigText)) },
      { parent: this },
    );
    const childOptions = { parent: this, provider: this.provider };
    const labels = { 'app.kubernetes.io/name': instanceId, 'app.kubernetes.io/managed-by': 'migration-cockpit' };

    this.namespace = new kubernetes.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: eks.namespace, labels: { [READINESS_GATE_LABEL]: 'enabled', 'app.kubernetes.io/managed-by': 'migration-cockpit' } } },
      childOptions,
    );
    const namespace = this.namespace.metadata.name;

    this.service = new kubernetes.core.v1.Service(
      `${name}-service`,
      {
        metadata: { name: instanceId, namespace, labels },
        spec: {
          type: 'ClusterIP',
          selector: { 'app.kubernetes.io/name': instanceId },
          ports: [{ name: 'http', protocol: 'TCP', port: args.port, targetPort: eks.containerPort }],
        },
      },
      childOptions,
    );

    this.binding = new kubernetes.apiextensions.CustomResource(
      `${name}-binding`,
      {
        apiVersion: 'elbv2.k8s.aws/v1beta1',
        kind: 'TargetGroupBinding',
        metadata: { name: instanceId, namespace, labels },
        spec: {
          serviceRef: { name: this.service.metadata.name, port: args.port },
          targetGroupARN: args.targetGroupArn,
          targetType: 'ip',
          networking: {
            ingress: [
              {
                from: [{ securityGroup: { groupID: args.loadBalancerSecurityGroupId } }],
                ports: [{ protocol: 'TCP', port: eks.containerPort }],
              },
            ],
          },
        },
      },
      // The controller refuses a new targetGroupARN on a binding: a new target group (a replacement) gets a new binding.
      { ...childOptions, replaceOnChanges: ['spec.targetGroupARN'], deleteBeforeReplace: true },
    );

    this.deployment = new kubernetes.apps.v1.Deployment(
      `${name}-deployment`,
      {
        metadata: { name: instanceId, namespace, labels },
        spec: {
          replicas: eks.replicas,
          selector: { matchLabels: { 'app.kubernetes.io/name': instanceId } },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: eks.image,
                  ports: [{ name: 'http', containerPort: eks.containerPort, protocol: 'TCP' }],
                  readinessProbe: {
                    httpGet: { path: args.healthCheckPath, port: eks.containerPort, scheme: targetProtocolOf(eks.containerPort) },
                    periodSeconds: 10,
                    failureThreshold: 2,
                    successThreshold: 1,
                  },
                },
              ],
            },
          },
        },
      },
      { ...childOptions, dependsOn: [this.binding] },
    );

    this.registerOutputs({ namespace: this.namespace.metadata.name, service: this.service.metadata.name });
  }
}
