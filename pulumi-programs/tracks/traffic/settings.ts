// The traffic track's config as both of its parts read it (aws.ts, rehearsal.ts), checked before anything is made:
//
//   traffic:settings    JSON the cockpit core writes from the plan's `traffic` block without its steps and analysis
//                       (main/tracks/traffic/plan.ts writes it: TrafficProgramSettings below mirrors it, change both
//                       together); absent: the stack has no traffic split and this track makes nothing
//                       { service, split: route53 | alb, route53?: { zoneId, ttl }, dataCenter: { addresses, port },
//                         aws: { ec2: {} } | { eks: { clusterStack, kubeconfigOutput, namespace, image, replicas,
//                         containerPort } }, port, healthCheckPath, scheme: internal | internet-facing }
//   traffic:awsPercent  the share of the service's requests sent to AWS, a whole number 0–100 (absent: 0). A cutover
//                       overlay key: a shift step sets it and writes the same weights through the API itself, so a later
//                       deploy writes what the API already holds. Weights: aws = p, dc = 100 − p, for both splits.
//
// A stack with traffic:settings may not also carry the one-step DNS switch (app-instance/aws.ts, TrafficSwitch): its
// dnsZoneId / dnsName would make two writers of the service's name, and trafficTarget: aws is that switch's cutover. The
// stack's own `trafficTarget: datacenter` without those keys writes nothing and is let through (the demo's stacks carry it).
//
// Names and addresses end up in DNS records, ELB targets and Kubernetes objects, so they are held to what those accept
// here: a bad value stops the deploy naming its key and field. Loading this module loads no provider.
import type * as pulumi from '@pulumi/pulumi';
import { configFields, isObject, shown } from '../../lib/config-fields';
import { isHostName, isIPv4, isOnPremisesTargetAddress, normalizeDnsName, ON_PREMISES_TARGET_RANGES } from './addresses';

export const SETTINGS_KEY = 'traffic:settings';
export const AWS_PERCENT_KEY = 'traffic:awsPercent';

export type TrafficSplit = 'route53' | 'alb';
export const TRAFFIC_SPLITS: readonly TrafficSplit[] = ['route53', 'alb'];
export type LoadBalancerScheme = 'internal' | 'internet-facing';
export const LOAD_BALANCER_SCHEMES: readonly LoadBalancerScheme[] = ['internal', 'internet-facing'];

/** The AWS side on the core team's shared EKS cluster. */
export interface EksSideSettings {
  /** The stack that exports the cluster's kubeconfig, e.g. `core/eks-shared/production`. */
  readonly clusterStack: string;
  /** That stack's output holding the kubeconfig (a secret). */
  readonly kubeconfigOutput: string;
  /** The namespace this stack makes and owns. */
  readonly namespace: string;
  readonly image: string;
  readonly replicas: number;
  readonly containerPort: number;
}

/**
 * `traffic:settings`, mirrored from main/tracks/traffic/plan.ts (pulumi-programs/ is compiled and deployed alone and may
 * not import main/): testing/settings-fixture.ts holds what the plan part writes.
 */
export interface TrafficProgramSettings {
  /** The DNS name users resolve, e.g. shop.example.com (lower case, no trailing dot). */
  readonly service: string;
  readonly split: TrafficSplit;
  /** Present iff split is route53. The zone id without a `/hostedzone/` prefix. */
  readonly route53?: { readonly zoneId: string; readonly ttl: number };
  /** IPv4 addresses, or (route53 only) one host name. */
  readonly dataCenter: { readonly addresses: readonly string[]; readonly port: number };
  readonly aws: { readonly ec2: Record<string, never> } | { readonly eks: EksSideSettings };
  /** The listener's and the AWS targets' port. */
  readonly port: number;
  readonly healthCheckPath: string;
  readonly scheme: LoadBalancerScheme;
}

/** What a deploy makes: the settings and the share of requests sent to AWS. */
export interface TrafficTrack {
  readonly settings: TrafficProgramSettings;
  /** 0–100. */
  readonly awsPercent: number;
}

/** Route 53 weights are 0–255 and ALB target-group weights 0–999: a sum of 100 is exact in both, never rounded. */
export function weightsOf(awsPercent: number): { readonly dc: number; readonly aws: number } {
  return { dc: 100 - awsPercent, aws: awsPercent };
}

/** The EKS side, when the settings name one. */
export function eksSideOf(settings: TrafficProgramSettings): EksSideSettings | undefined {
  return 'eks' in settings.aws ? settings.aws.eks : undefined;
}

/** The record type of the data center's side (and so of both weighted sets: the sets of one name share a type). */
export function serviceRecordType(settings: TrafficProgramSettings): 'A' | 'CNAME' {
  return settings.dataCenter.addresses.every(isIPv4) ? 'A' : 'CNAME';
}

const ZONE_ID = /^(\/hostedzone\/)?([A-Z0-9]{1,32})$/;
const STACK_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/;
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,511}$/;
/** What an ALB health check path may hold: printable ASCII without spaces, at most 1024 characters. */
const HEALTH_CHECK_PATH = /^\/[\x21-\x7e]{0,1023}$/;
/** A day: a longer TTL would keep resolvers on the old weights long after a step. */
const MAX_TTL = 86_400;

const { SettingsError, text, list, whole } = configFields(SETTINGS_KEY);

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new SettingsError(field, `must be one of ${allowed.join(', ')} (got ${shown(value)})`);
  return value as T;
}

function required(value: unknown, field: string, min: number, max: number): number {
  if (value === undefined) throw new SettingsError(field, `is missing: a whole number from ${min} to ${max}`);
  return whole(value, field, min, max, min);
}

function readService(value: unknown): string {
  if (typeof value !== 'string' || !isHostName(value))
    throw new SettingsError('service', `must be a fully qualified host name such as shop.example.com (got ${shown(value)})`);
  return normalizeDnsName(value);
}

function readRoute53(value: unknown, split: TrafficSplit): TrafficProgramSettings['route53'] {
  if (split !== 'route53') {
    if (value !== undefined) throw new SettingsError('route53', 'is set, but split is alb: only a route53 split has a hosted zone');
    return undefined;
  }
  if (!isObject(value)) throw new SettingsError('route53', `must be an object { zoneId, ttl } with split route53 (got ${shown(value)})`);
  const zoneId = text(value.zoneId, 'route53.zoneId', ZONE_ID, 'a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ');
  return { zoneId: ZONE_ID.exec(zoneId)![2]!, ttl: required(value.ttl, 'route53.ttl', 0, MAX_TTL) };
}

function readDataCenter(value: unknown, split: TrafficSplit, service: string): TrafficProgramSettings['dataCenter'] {
  if (!isObject(value)) throw new SettingsError('dataCenter', `must be an object { addresses, port } (got ${shown(value)})`);
  const addresses = list(value.addresses, 'dataCenter.addresses', 1).map((address, index) => {
    const at = `dataCenter.addresses[${index}]`;
    if (typeof address !== 'string') throw new SettingsError(at, `must be an IPv4 address or a host name (got ${shown(address)})`);
    if (isIPv4(address)) {
      if (split === 'alb' && !isOnPremisesTargetAddress(address))
        throw new SettingsError(
          at,
          `is ${address}: an ALB takes IP targets outside its VPC only from ${ON_PREMISES_TARGET_RANGES.join(', ')} (never a publicly routable address)`,
        );
      return address;
    }
    if (!isHostName(address)) throw new SettingsError(at, `must be an IPv4 address or a host name (got ${shown(address)})`);
    if (split === 'alb') throw new SettingsError(at, `is the host name ${address}: an ALB's on-premises target group takes IP addresses only (split alb)`);
    if (normalizeDnsName(address) === service) throw new SettingsError(at, `is ${service} itself: it must be the data center's endpoint`);
    return normalizeDnsName(address);
  });
  if (addresses.some((address) => !isIPv4(address)) && addresses.length > 1)
    throw new SettingsError('dataCenter.addresses', `must be IPv4 addresses or one host name (a CNAME has one value), not both (got ${shown(addresses)})`);
  const repeated = addresses.find((address, index) => addresses.indexOf(address) !== index);
  if (repeated !== undefined) throw new SettingsError('dataCenter.addresses', `lists ${repeated} twice`);
  return { addresses, port: required(value.port, 'dataCenter.port', 1, 65_535) };
}

function readEks(value: unknown): EksSideSettings {
  if (!isObject(value))
    throw new SettingsError('aws.eks', `must be an object { clusterStack, kubeconfigOutput, namespace, image, replicas, containerPort } (got ${shown(value)})`);
  const namespace = text(value.namespace, 'aws.eks.namespace', NAMESPACE, 'a Kubernetes namespace name: lowercase letters, digits and "-", at most 63');
  if (namespace === 'default' || namespace.startsWith('kube-'))
    throw new SettingsError('aws.eks.namespace', `is ${namespace}: the stack makes and owns its namespace, so it cannot be default or a kube- one`);
  return {
    clusterStack: text(value.clusterStack, 'aws.eks.clusterStack', STACK_NAME, 'a Pulumi stack name such as core/eks-shared/production'),
    kubeconfigOutput: text(value.kubeconfigOutput, 'aws.eks.kubeconfigOutput', OUTPUT_NAME, 'a stack output name such as kubeconfig'),
    namespace,
    image: text(value.image, 'aws.eks.image', IMAGE, 'a container image reference such as registry.example.com/shop:1.4.2'),
    replicas: required(value.replicas, 'aws.eks.replicas', 1, 100),
    containerPort: required(value.containerPort, 'aws.eks.containerPort', 1, 65_535),
  };
}

function readAwsSide(value: unknown): TrafficProgramSettings['aws'] {
  if (!isObject(value) || 'ec2' in value === 'eks' in value) throw new SettingsError('aws', `must be { ec2: {} } or { eks: { … } } (got ${shown(value)})`);
  if ('eks' in value) return { eks: readEks(value.eks) };
  if (!isObject(value.ec2) || Object.keys(value.ec2).length > 0)
    throw new SettingsError('aws.ec2', `must be {} (the stack's application server is the AWS side; got ${shown(value.ec2)})`);
  return { ec2: {} };
}

/** Parses and checks `traffic:settings` (its JSON text); throws naming the key and the field. */
export function parseTrafficSettings(raw: string): TrafficProgramSettings {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${SETTINGS_KEY} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isObject(value)) throw new Error(`${SETTINGS_KEY} must be a JSON object { service, split, dataCenter, aws, port, healthCheckPath, scheme }`);
  const service = readService(value.service);
  const split = oneOf(value.split, 'split', TRAFFIC_SPLITS);
  const route53 = readRoute53(value.route53, split);
  return {
    service,
    split,
    ...(route53 ? { route53 } : {}),
    dataCenter: readDataCenter(value.dataCenter, split, service),
    aws: readAwsSide(value.aws),
    port: required(value.port, 'port', 1, 65_535),
    healthCheckPath: text(value.healthCheckPath, 'healthCheckPath', HEALTH_CHECK_PATH, 'a path such as /healthz (printable, no spaces, at most 1024)'),
    scheme: oneOf(value.scheme, 'scheme', LOAD_BALANCER_SCHEMES),
  };
}

/** `traffic:awsPercent`: a whole number 0–100, absent 0. */
export function readAwsPercent(config: pulumi.Config): number {
  const raw = config.get('awsPercent');
  if (raw === undefined) return 0;
  const value = raw.trim();
  if (!/^\d{1,3}$/.test(value) || Number(value) > 100)
    throw new Error(`${AWS_PERCENT_KEY} must be a whole number from 0 to 100, the share of requests sent to AWS (got ${shown(raw)})`);
  return Number(value);
}

/** The one-step DNS switch's keys that write the service's name (app-instance/aws.ts readTrafficSettings). */
const ONE_STEP_SWITCH_KEYS = ['dnsZoneId', 'dnsName'] as const;

/** Refuses a stack that also carries the one-step DNS switch: two writers of one name. */
export function refuseOneStepSwitch(projectConfig: pulumi.Config, settings: TrafficProgramSettings): void {
  const set = ONE_STEP_SWITCH_KEYS.filter((key) => projectConfig.get(key) !== undefined);
  const switching = projectConfig.get('trafficTarget') === 'aws';
  if (set.length === 0 && !switching) return;
  const keys = [...set, ...(switching ? ['trafficTarget'] : [])].map((key) => `${projectConfig.name}:${key}`);
  throw new Error(
    `${SETTINGS_KEY} and ${keys.join(', ')} are both set: the traffic track's weighted split of ${settings.service} and the one-step DNS switch ` +
      `(TrafficSwitch) would be two writers of the same name. Remove the one-step switch's keys from the stack (dnsZoneId, dnsName, datacenterAddress, ` +
      `awsAddress, dnsTtl) and trafficTarget: aws from the wave's cutover overlay: the traffic track owns the name and its shift moves the users`,
  );
}

/**
 * The stack's traffic split, or undefined when it has none (`traffic:settings` absent). `projectConfig` is the stack's
 * own namespace, checked for the one-step switch's keys.
 */
export function readTrafficTrack(trafficConfig: pulumi.Config, projectConfig: pulumi.Config): TrafficTrack | undefined {
  const raw = trafficConfig.get('settings');
  // A percent without a split (an overlay left from a plan that dropped the service) weighs nothing.
  if (raw === undefined) return undefined;
  const settings = parseTrafficSettings(raw);
  const awsPercent = readAwsPercent(trafficConfig);
  refuseOneStepSwitch(projectConfig, settings);
  return { settings, awsPercent };
}
