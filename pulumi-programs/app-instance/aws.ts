// The AWS side of an application-instance stack: its server and the Route 53 record of its service name
// (TrafficSwitch), plus what each migration track adds (tracks/aws.ts: the DMS track's RDS MySQL target and
// replication, …; the tracks get the server through the seam: the traffic track's load balancer sends requests to it).
// A stack with the traffic track (traffic:settings) may not carry the one-step switch's dnsZoneId / dnsName or
// trafficTarget: aws (tracks/traffic/settings.ts refuses them: two writers of one name). app-instance/index.ts calls `deployAws` when `cockpit:target` is `aws`; this module has no
// top-level side effects, but importing it loads @pulumi/aws, so the rehearsal path loads it lazily
// (`require('./aws')` inside the aws branch, as network-foundation/index.ts does).
//
// Stack config (project namespace), as the migration plan writes it (each track's keys are in its own module):
//   required  instanceType, owner
//   network   networkStack (e.g. `organization/core-networking/network-eu-central-1`: vpcId, privateSubnetIds,
//             vpcCidr and onPremisesCidr, and what tracks need, are read from its outputs), or explicitly:
//             vpcId, subnetIds (list), allowedCidrs (list); explicit values win over the network stack's;
//             serverSubnetId pins the server's subnet
//   server    amiId (default: the latest Amazon Linux 2023 for the instance type's architecture, looked up
//             once: later images do not replace the server), appPorts (list, default [443]),
//             volumeSizeGiB (default 30), namePrefix (default: the Pulumi project)
//   traffic   trafficTarget (datacenter | aws, default datacenter: where the service name points; a cutover
//             deploys with `aws`, a rollback with `datacenter` again), dnsZoneId (Route 53 hosted zone id) and
//             dnsName (the service name, fully qualified, in that zone): with both, the stack manages the name's
//             record, and then datacenterAddress (IP or host name of the data center endpoint) is required;
//             awsAddress (IP or host name, e.g. an ALB's DNS name; default: the server's private IP),
//             dnsTtl (seconds, default 60). An IP gets an A (AAAA) record, a host name a CNAME.
//             trafficTarget aws without dnsZoneId and dnsName is an error: there would be nothing to switch.
//
// The whole config (the instance's and every track's) is read and checked before any resource is made.
// Outputs besides the resources': trafficTarget, and with a managed record serviceDnsName (its FQDN) and
// serviceRecordTarget (the address it points at).
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  ApplicationServer,
  DEFAULT_DNS_TTL,
  isHostName,
  MAX_DNS_TTL,
  normalizeDnsName,
  recordTypeOf,
  TRAFFIC_TARGETS,
  TrafficSwitch,
  type TrafficTarget,
} from '../components';
import type { CockpitConfig } from '../lib/cockpit-config';
import { configValues } from '../seam/config-values';
import type { InstanceNetwork } from '../seam/program-track';
import { AWS_TRACKS, type TrackAwsOutputs } from '../tracks/aws';

/** The instance's own outputs; the tracks add theirs (TrackAwsOutputs). */
export interface InstanceAwsOutputs {
  /** EC2 instance id of the application server. */
  readonly serverId: pulumi.Output<string>;
  /** The server's Name tag, `<prefix>-<instanceId>-app`. */
  readonly serverName: string;
  readonly privateIp: pulumi.Output<string>;
  /** The server's health endpoint on its first application port (what a cutover's http-check calls). */
  readonly healthUrl: pulumi.Output<string>;
  /** Where the service name points after this deploy (config `trafficTarget`). */
  readonly trafficTarget: TrafficTarget;
  /** FQDN of the service name's record; only when the stack manages it (`dnsZoneId` + `dnsName`). */
  readonly serviceDnsName?: pulumi.Output<string>;
  /** The address the record points at: the data center's or the AWS one; only with a managed record. */
  readonly serviceRecordTarget?: pulumi.Output<string>;
}

export type AwsAppInstanceOutputs = InstanceAwsOutputs & TrackAwsOutputs;

/** The service name's record, when the stack manages it. */
export interface ServiceDnsSettings {
  readonly zoneId: string;
  readonly dnsName: string;
  readonly ttl: number;
  readonly datacenterAddress: string;
  /** Absent: the application server's private IP. */
  readonly awsAddress?: string;
}

/** The stack's AWS settings, read and checked before any resource is created. */
export interface AwsAppSettings {
  readonly prefix: string;
  readonly instanceId: string;
  readonly stackId: string;
  readonly instanceType: string;
  readonly owner: string;
  readonly amiId?: string;
  readonly networkStack?: string;
  readonly vpcId?: string;
  readonly subnetIds?: string[];
  readonly serverSubnetId?: string;
  readonly allowedCidrs?: string[];
  readonly appPorts: number[];
  readonly volumeSizeGiB: number;
  readonly trafficTarget: TrafficTarget;
  readonly serviceDns?: ServiceDnsSettings;
}

/** Reads the instance's own config (project namespace). Throws with the config key's name on a bad value. */
export function readAwsAppSettings(cockpit: Pick<CockpitConfig, 'stackId'>, config: pulumi.Config = new pulumi.Config()): AwsAppSettings {
  const instanceId = cockpit.stackId.includes('/') ? cockpit.stackId.slice(cockpit.stackId.lastIndexOf('/') + 1) : pulumi.getStack();
  const values = configValues(config);
  return {
    prefix: config.get('namePrefix') ?? pulumi.getProject(),
    instanceId,
    stackId: cockpit.stackId,
    instanceType: config.require('instanceType'),
    owner: config.require('owner'),
    amiId: config.get('amiId'),
    networkStack: config.get('networkStack'),
    vpcId: config.get('vpcId'),
    subnetIds: values.stringList('subnetIds'),
    serverSubnetId: config.get('serverSubnetId'),
    allowedCidrs: values.stringList('allowedCidrs'),
    appPorts: values.numberList('appPorts') ?? [443],
    volumeSizeGiB: config.getNumber('volumeSizeGiB') ?? 30,
    ...readTrafficSettings(config),
  };
}

/** trafficTarget and the service name's record; errors name the config key and say what to add. */
export function readTrafficSettings(config: pulumi.Config): { trafficTarget: TrafficTarget; serviceDns?: ServiceDnsSettings } {
  const key = (name: string) => `${config.name}:${name}`;
  const trafficTarget = config.get('trafficTarget') ?? 'datacenter';
  if (!(TRAFFIC_TARGETS as readonly string[]).includes(trafficTarget)) {
    throw new Error(`${key('trafficTarget')} must be one of ${TRAFFIC_TARGETS.join(', ')} (got '${trafficTarget}')`);
  }
  const zoneId = config.get('dnsZoneId');
  const dnsName = config.get('dnsName');
  const datacenterAddress = config.get('datacenterAddress');
  if (zoneId === undefined && dnsName === undefined) {
    if (trafficTarget === 'aws') {
      const missing = ['dnsZoneId', 'dnsName', ...(datacenterAddress === undefined ? ['datacenterAddress'] : [])].map(key);
      throw new Error(
        `${key('trafficTarget')} is aws, but the stack has no DNS record to switch: add ${missing.join(', ')} ` +
          '(the Route 53 hosted zone id, the service name in it, and the data center endpoint a rollback points it back at)',
      );
    }
    if (config.get('trafficTarget') !== undefined) {
      void pulumi.log.warn(
        `${key('trafficTarget')} is set, but without ${key('dnsZoneId')} and ${key('dnsName')} the stack manages no DNS record: a cutover to aws will fail`,
      );
    }
    return { trafficTarget: trafficTarget as TrafficTarget };
  }
  if (zoneId === undefined) throw new Error(`${key('dnsZoneId')} is not set: ${key('dnsName')} needs the id of the Route 53 hosted zone it is in`);
  if (dnsName === undefined)
    throw new Error(
      `${key('dnsName')} is not set: with ${key('dnsZoneId')} the stack manages a service name's record and needs that name (e.g. app1101.example.com)`,
    );
  if (!/^(\/hostedzone\/)?[A-Z0-9]{1,32}$/.test(zoneId)) {
    throw new Error(`${key('dnsZoneId')} must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (got '${zoneId}')`);
  }
  if (!isHostName(dnsName)) throw new Error(`${key('dnsName')} must be a fully qualified host name such as app1101.example.com (got '${dnsName}')`);
  if (datacenterAddress === undefined) {
    throw new Error(
      `${key('datacenterAddress')} is not set: the record of ${dnsName} needs the data center endpoint (IP address or host name) to point at for trafficTarget datacenter and on rollback`,
    );
  }
  const awsAddress = config.get('awsAddress');
  for (const [name, address] of [
    ['datacenterAddress', datacenterAddress],
    ['awsAddress', awsAddress],
  ] as const) {
    if (address === undefined) continue;
    if (recordTypeOf(address) === undefined) throw new Error(`${key(name)} must be an IP address or a fully qualified host name (got '${address}')`);
    if (normalizeDnsName(address) === normalizeDnsName(dnsName))
      throw new Error(`${key(name)} is ${dnsName} itself: it must be the endpoint the name points at`);
  }
  const ttl = config.getNumber('dnsTtl') ?? DEFAULT_DNS_TTL;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_DNS_TTL)
    throw new Error(`${key('dnsTtl')} must be a whole number of seconds from 0 to ${MAX_DNS_TTL} (got ${ttl})`);
  return {
    trafficTarget: trafficTarget as TrafficTarget,
    serviceDns: { zoneId, dnsName, ttl, datacenterAddress, ...(awsAddress !== undefined ? { awsAddress } : {}) },
  };
}

/** `https://<ip>/healthz` on 443, else `http://<ip>:<port>/healthz`. */
export function healthUrlOf(ip: string, port: number): string {
  return port === 443 ? `https://${ip}/healthz` : `http://${ip}:${port}/healthz`;
}

/** Graviton instance families carry a `g` after the generation digit: t4g, m6gd, c7gn, r8g. */
export function architectureOf(instanceType: string): 'arm64' | 'x86_64' {
  return /^[a-z]+\d+[a-z]*g[a-z]*(-[a-z]+)?\./.test(instanceType) ? 'arm64' : 'x86_64';
}

/** A stable pick among the subnets, so the servers of a wave spread over the availability zones. */
export function subnetIndexFor(instanceId: string, subnetCount: number): number {
  let hash = 0;
  for (const char of instanceId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % subnetCount;
}

/** Creates the instance's server and each track's resources; returns what the stack exports. */
export function deployAws(cockpit: Pick<CockpitConfig, 'stackId'>, config: pulumi.Config = new pulumi.Config()): AwsAppInstanceOutputs {
  const settings = readAwsAppSettings(cockpit, config);
  const { instanceId } = settings;
  const network = resolveNetwork(settings);
  // Every track reads its config before anything is made, so a bad value leaves nothing half made.
  const trackDeploys = AWS_TRACKS.map((track) => track.prepare(config, network));
  const tags = { Owner: settings.owner, Application: instanceId, 'cockpit:stack': settings.stackId, ManagedBy: 'migration-cockpit' };

  const amiId =
    settings.amiId ??
    aws.ssm.getParameterOutput({ name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architectureOf(settings.instanceType)}` }).value;
  const server = new ApplicationServer(instanceId, {
    prefix: settings.prefix,
    instanceId,
    instanceType: settings.instanceType,
    amiId,
    ignoreAmiUpdates: settings.amiId === undefined,
    subnetId: network.serverSubnetId,
    vpcId: network.vpcId,
    allowedCidrs: network.allowedCidrs,
    ports: settings.appPorts,
    volumeSizeGiB: settings.volumeSizeGiB,
    tags,
  });

  const serverContext = { serverId: server.serverId, privateIp: server.privateIp, allowedCidrs: network.allowedCidrs };
  const trackOutputs = Object.assign(
    {},
    ...trackDeploys.map((deploy) => deploy({ instanceId, prefix: settings.prefix, tags, network, server: serverContext })),
  ) as TrackAwsOutputs;

  // The service name's record: where users go. Created after the server, whose private IP is the default AWS side.
  const traffic = settings.serviceDns
    ? new TrafficSwitch(instanceId, {
        zoneId: settings.serviceDns.zoneId,
        dnsName: settings.serviceDns.dnsName,
        ttl: settings.serviceDns.ttl,
        trafficTarget: settings.trafficTarget,
        datacenterAddress: settings.serviceDns.datacenterAddress,
        awsAddress: settings.serviceDns.awsAddress ?? server.privateIp,
      })
    : undefined;

  return {
    serverId: server.serverId,
    serverName: server.serverName,
    privateIp: server.privateIp,
    healthUrl: server.privateIp.apply((ip) => healthUrlOf(ip, settings.appPorts[0] ?? 443)),
    ...trackOutputs,
    trafficTarget: settings.trafficTarget,
    ...(traffic ? { serviceDnsName: traffic.serviceDnsName, serviceRecordTarget: traffic.recordTarget } : {}),
  };
}

interface ServerNetwork extends InstanceNetwork {
  readonly serverSubnetId: pulumi.Input<string>;
  readonly allowedCidrs: pulumi.Input<string>[];
}

/** Network values from explicit config, else from the network foundation stack's outputs. */
function resolveNetwork(settings: AwsAppSettings): ServerNetwork {
  const reference = settings.networkStack ? new pulumi.StackReference(`${settings.instanceId}-network`, { name: settings.networkStack }) : undefined;
  const fromNetwork = <T>(key: string, output: string, explicit: T | undefined): pulumi.Input<T> => {
    if (explicit !== undefined) return explicit;
    if (!reference) {
      throw new Error(`${pulumi.getProject()}:${key} is not set and there is no ${pulumi.getProject()}:networkStack to read '${output}' from`);
    }
    return reference.requireOutput(output) as pulumi.Output<T>;
  };

  if (settings.subnetIds !== undefined && settings.subnetIds.length < 2) {
    throw new Error(`${pulumi.getProject()}:subnetIds must list private subnets in at least two availability zones`);
  }
  const vpcId = fromNetwork('vpcId', 'vpcId', settings.vpcId);
  const subnetIds = fromNetwork('subnetIds', 'privateSubnetIds', settings.subnetIds);
  const serverSubnetId =
    settings.serverSubnetId ??
    pulumi.output(subnetIds).apply((ids) => {
      if (ids.length === 0) throw new Error('the network has no private subnets');
      return ids[subnetIndexFor(settings.instanceId, ids.length)]!;
    });
  const vpcCidr = (): pulumi.Input<string> => (reference ? reference.requireOutput('vpcCidr').apply(String) : aws.ec2.getVpcOutput({ id: vpcId }).cidrBlock);
  let allowedCidrs: pulumi.Input<string>[];
  if (settings.allowedCidrs) allowedCidrs = settings.allowedCidrs;
  else if (reference) allowedCidrs = [reference.requireOutput('onPremisesCidr').apply(String), vpcCidr()];
  else throw new Error(`${pulumi.getProject()}:allowedCidrs is not set and there is no ${pulumi.getProject()}:networkStack to derive it from`);
  return { vpcId, subnetIds, serverSubnetId, allowedCidrs, fromNetwork, vpcCidr };
}
