// The Keyspaces track's AWS part of an application-instance stack: the Amazon Keyspaces keyspace and tables its
// Cassandra data moves to, the Glue job that bulk-loads the history, and the dual-write (ZDM) proxy the application
// talks to until the cutover is done. Loading this module loads @pulumi/aws.
//
// Config (settings.ts: keyspaces:settings, and the proxy's phase keyspaces:primaryCluster, keyspaces:readMode,
// keyspaces:proxy); without keyspaces:settings the stack has no Keyspaces data and this part makes nothing.
// Project namespace, as the migration plan writes it:
//   keyspacesBulkLoadScript  S3 URI of the Glue job's script (required with keyspaces:settings)
//   keyspacesProxyImage      the proxy's image (default datastax/zdm-proxy:2.3.4)
//   keyspacesProxyCount      proxy tasks (default 2)
// Network: the instance's subnets and VPC CIDR (InstanceNetwork): the proxy's tasks and NLB, the job's connection.
//
// Phases: keyspaces:primaryCluster and keyspaces:readMode are the proxy's environment, so a switch is an update
// (a rolling restart of the service, dual-write-proxy.ts). keyspaces:proxy = removed is the point of no return: the
// clients connect to Keyspaces themselves, so the whole proxy goes — service, NLB and its listeners, task definition,
// security group and the cluster too, since nothing is ever run in it again (there is no phase to roll back to), and
// an empty cluster left behind would read as a proxy still standing. The service is deleted before the cluster (it
// depends on it), so its tasks drain first.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { AwsInstanceContext, AwsTrackPart } from '../../seam/program-track';
import { BulkLoadJob, parseS3Uri } from './bulk-load-job';
import { DualWriteProxy } from './dual-write-proxy';
import { KeyspacesTarget } from './keyspaces-target';
import {
  defaultBulkLoadJobName,
  KEYSPACES_PORT,
  keyspacesHostOf,
  phaseWords,
  readKeyspacesSettings,
  readProxyPhase,
  SETTINGS_KEY,
  splitContactPoint,
  type KeyspacesSettings,
  type ProxyPhase,
} from './settings';

export const DEFAULT_PROXY_IMAGE = 'datastax/zdm-proxy:2.3.4';
export const DEFAULT_PROXY_COUNT = 2;

export interface KeyspacesAwsOutputs {
  /** Amazon Keyspaces' CQL endpoint in the stack's region, `cassandra.<region>.amazonaws.com:9142`. */
  readonly keyspacesEndpoint: string;
  /** The bulk load's Glue job (what the plan's `bulkLoad.glueJobOutput` names by default). */
  readonly bulkLoadJobName: pulumi.Output<string>;
  /** `primary=ORIGIN read=PRIMARY_ONLY`, …, or `removed`. */
  readonly proxyPhase: string;
  /** `<NLB>:9042`, where the clients connect; absent once the proxy is removed. */
  readonly proxyEndpoint?: pulumi.Output<string>;
  /** `http://<NLB>:14001/metrics` (the plan's `proxy.metricsOutput` by default); absent once the proxy is removed. */
  readonly proxyMetricsUrl?: pulumi.Output<string>;
}

export interface KeyspacesAwsSettings {
  readonly settings: KeyspacesSettings;
  readonly phase: ProxyPhase;
  readonly region: string;
  readonly proxyImage: string;
  readonly proxyCount: number;
  readonly bulkLoadScript: string;
  readonly originHosts: readonly string[];
  readonly originPort: number;
}

/** Reads and checks the track's config, creating nothing; undefined without keyspaces:settings. Throws naming the key. */
export function readKeyspacesAwsSettings(
  config: pulumi.Config,
  keyspaces: pulumi.Config = new pulumi.Config('keyspaces'),
  awsConfig: pulumi.Config = new pulumi.Config('aws'),
): KeyspacesAwsSettings | undefined {
  const settings = readKeyspacesSettings(keyspaces);
  if (!settings) return undefined;
  const phase = readProxyPhase(keyspaces);
  const key = (name: string) => `${config.name}:${name}`;
  const bulkLoadScript = config.get('keyspacesBulkLoadScript');
  if (bulkLoadScript === undefined)
    throw new Error(
      `${key('keyspacesBulkLoadScript')} is not set: the stack has Keyspaces data (${SETTINGS_KEY}) and its bulk load's Glue job needs the S3 URI of its script, e.g. s3://migration-scripts/keyspaces-bulk-load.py`,
    );
  if (!parseS3Uri(bulkLoadScript))
    throw new Error(`${key('keyspacesBulkLoadScript')} must be an S3 object URI such as s3://bucket/keyspaces-bulk-load.py (got '${bulkLoadScript}')`);
  const proxyImage = config.get('keyspacesProxyImage') ?? DEFAULT_PROXY_IMAGE;
  if (!/^\S+$/.test(proxyImage))
    throw new Error(`${key('keyspacesProxyImage')} must be a container image reference such as ${DEFAULT_PROXY_IMAGE} (got '${proxyImage}')`);
  const proxyCount = config.getNumber('keyspacesProxyCount') ?? DEFAULT_PROXY_COUNT;
  if (!Number.isInteger(proxyCount) || proxyCount < 1 || proxyCount > 100)
    throw new Error(`${key('keyspacesProxyCount')} must be a whole number of proxy tasks from 1 to 100 (got ${proxyCount})`);
  // The proxy reaches every origin node on one port (ZDM_ORIGIN_PORT).
  const origin = settings.origin.contactPoints.map(splitContactPoint);
  const ports = [...new Set(origin.map((point) => point.port))];
  if (ports.length > 1)
    throw new Error(
      `${SETTINGS_KEY}: origin.contactPoints use different ports (${ports.join(', ')}): the dual-write proxy reaches every origin node on one port`,
    );
  return {
    settings,
    phase,
    region: awsConfig.require('region'),
    proxyImage,
    proxyCount,
    bulkLoadScript,
    originHosts: origin.map((point) => point.host),
    originPort: ports[0]!,
  };
}

/** The partition of a region's ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Creates the keyspace and tables, the bulk load's job and (unless removed) the dual-write proxy. */
export function deployKeyspacesAws(prepared: KeyspacesAwsSettings, { instanceId, prefix, tags, network }: AwsInstanceContext): KeyspacesAwsOutputs {
  const { settings, phase, region } = prepared;
  const partition = partitionOf(region);
  const targetHost = keyspacesHostOf(region);

  const target = new KeyspacesTarget(`${instanceId}-keyspaces`, { keyspace: settings.targetKeyspace, tables: settings.tables, tags });

  const firstSubnet = pulumi.output(network.subnetIds).apply((ids) => {
    if (!ids[0]) throw new Error('the network has no private subnets for the Keyspaces bulk load and proxy');
    return ids[0];
  });
  const job = new BulkLoadJob(
    `${instanceId}-bulk-load`,
    {
      jobName: settings.glueJob ?? defaultBulkLoadJobName(prefix, instanceId),
      scriptLocation: prepared.bulkLoadScript,
      sourceKeyspace: settings.originKeyspace,
      targetKeyspace: settings.targetKeyspace,
      tables: settings.tables.map((table) => table.name),
      originContactPoints: settings.origin.contactPoints,
      originLocalDataCenter: settings.origin.localDataCenter,
      targetEndpoint: `${targetHost}:${KEYSPACES_PORT}`,
      partition,
      region,
      // The keyspace's ARN names the account it lives in (arn:<partition>:cassandra:<region>:<account>:/keyspace/<name>/).
      accountId: target.keyspace.arn.apply((arn) => arn.split(':')[4] ?? ''),
      vpcId: network.vpcId,
      subnetId: firstSubnet,
      availabilityZone: aws.ec2.getSubnetOutput({ id: firstSubnet }).availabilityZone,
      tags,
    },
    { dependsOn: [target] },
  );

  const proxy =
    phase.proxy === 'removed'
      ? undefined
      : new DualWriteProxy(
          `${instanceId}-proxy`,
          {
            prefix,
            instanceId,
            image: prepared.proxyImage,
            desiredCount: prepared.proxyCount,
            primaryCluster: phase.primaryCluster,
            readMode: phase.readMode,
            originHosts: prepared.originHosts,
            originPort: prepared.originPort,
            originLocalDataCenter: settings.origin.localDataCenter,
            targetHost,
            targetPort: KEYSPACES_PORT,
            region,
            partition,
            vpcId: network.vpcId,
            subnetIds: network.subnetIds,
            vpcCidr: network.vpcCidr(),
            tags,
          },
          // Its writes land in the tables: they exist before the first client connects.
          { dependsOn: [target] },
        );

  return {
    keyspacesEndpoint: `${targetHost}:${KEYSPACES_PORT}`,
    bulkLoadJobName: job.jobName,
    proxyPhase: phaseWords(phase),
    ...(proxy ? { proxyEndpoint: proxy.endpoint, proxyMetricsUrl: proxy.metricsUrl } : {}),
  };
}

export const keyspacesAws: AwsTrackPart<Partial<KeyspacesAwsOutputs>> = {
  id: 'keyspaces',
  prepare: (config) => {
    const settings = readKeyspacesAwsSettings(config);
    if (!settings) return () => ({});
    return (context) => deployKeyspacesAws(settings, context);
  },
};
