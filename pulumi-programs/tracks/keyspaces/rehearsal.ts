// The Keyspaces track's rehearsal part: what the AWS part makes (aws.ts), stood up for real in the rehearsal
// environment through dynamic resources (rehearsal-resources.ts): the target keyspace and tables in its simulated
// Amazon Keyspaces control plane and in its Cassandra (the data plane standing in for Keyspaces), the bulk load's Glue
// job with the same name, and the dual-write proxy's stand-in (the rehearsal's admin route), whose phase a cutover
// switches with an update as on AWS. The outputs have the AWS part's names, so the cockpit's monitor and runbook read
// both targets alike.
//
// Config: keyspaces:settings (without it the stack has no Keyspaces data and this part makes nothing) and the proxy's
// phase keys (settings.ts); cockpit:rehearsalCassandra (secret) and cockpit:rehearsalAwsEndpoint, which the core
// writes for the rehearsal; project namespace: namePrefix (the job's name, as on AWS), keyspacesBulkLoadScript
// (optional here), keyspacesRehearsalRowsPerSecond (the simulated bulk load's pace, `--rows-per-second`),
// keyspacesRehearsalWritesPerSecond (the proxy stand-in's live writes, simulated time).
import * as pulumi from '@pulumi/pulumi';
import type { RehearsalInstanceContext, RehearsalTrackPart } from '../../seam/program-track';
import { RehearsalGlueJob, RehearsalKeyspace, RehearsalProxy, RehearsalTable } from './rehearsal-resources';
import { defaultBulkLoadJobName, phaseWords, readKeyspacesSettings, readProxyPhase, schemaDefinitionOf } from './settings';

export interface KeyspacesRehearsalOutputs {
  /** The rehearsal Cassandra's first contact point (host:port): the Keyspaces endpoint's stand-in. */
  readonly keyspacesEndpoint: pulumi.Output<string>;
  readonly bulkLoadJobName: pulumi.Output<string>;
  /** `primary=ORIGIN read=PRIMARY_ONLY`, …, or `removed`. */
  readonly proxyPhase: string;
  /** `<rehearsalAwsEndpoint>/_admin/keyspaces/proxies/<instance id>/metrics`; absent once the proxy is removed. */
  readonly proxyMetricsUrl?: pulumi.Output<string>;
}

export function deployKeyspacesRehearsal(
  { cockpit, config, instanceId }: RehearsalInstanceContext,
  keyspacesConfig: pulumi.Config = new pulumi.Config('keyspaces'),
): KeyspacesRehearsalOutputs | undefined {
  const settings = readKeyspacesSettings(keyspacesConfig);
  if (!settings) return undefined;
  const phase = readProxyPhase(keyspacesConfig);
  const rowsPerSecond = config.getNumber('keyspacesRehearsalRowsPerSecond');
  if (rowsPerSecond !== undefined && (!Number.isInteger(rowsPerSecond) || rowsPerSecond < 1))
    throw new Error(`${config.name}:keyspacesRehearsalRowsPerSecond must be a whole number of rows per second, at least 1 (got ${rowsPerSecond})`);
  const writesPerSecond = config.getNumber('keyspacesRehearsalWritesPerSecond');
  if (writesPerSecond !== undefined && (!Number.isFinite(writesPerSecond) || writesPerSecond <= 0))
    throw new Error(`${config.name}:keyspacesRehearsalWritesPerSecond must be a number of writes per second above 0 (got ${writesPerSecond})`);
  const cassandra = cockpit.rehearsalCassandra;
  if (!cassandra) throw new Error('cockpit:rehearsalCassandra is not set: the rehearsal has no Cassandra for the Keyspaces target');
  const endpoint = cockpit.rehearsalAwsEndpoint;
  if (!endpoint)
    throw new Error(
      'cockpit:rehearsalAwsEndpoint is not set: the rehearsal environment has no AWS endpoint to create the Keyspaces target, its bulk load and proxy in',
    );

  const place = { endpoint, region: cockpit.region, ...(cockpit.accountGuard ? { account: cockpit.accountGuard } : {}) };
  const keyspace = new RehearsalKeyspace('keyspaces-keyspace', { ...place, keyspace: settings.targetKeyspace, cassandra });
  const tables = settings.tables.map(
    (table) =>
      new RehearsalTable(
        `keyspaces-table-${table.name}`,
        { ...place, keyspace: settings.targetKeyspace, table: table.name, schema: schemaDefinitionOf(table), cassandra },
        { dependsOn: [keyspace] },
      ),
  );

  const jobName = settings.glueJob ?? defaultBulkLoadJobName(config.get('namePrefix') ?? pulumi.getProject(), instanceId);
  const scriptLocation = config.get('keyspacesBulkLoadScript');
  const job = new RehearsalGlueJob('keyspaces-bulk-load', {
    ...place,
    name: jobName,
    role: `${jobName}-role`,
    ...(scriptLocation !== undefined ? { scriptLocation } : {}),
    defaultArguments: {
      '--source-keyspace': settings.originKeyspace,
      '--target-keyspace': settings.targetKeyspace,
      '--tables': settings.tables.map((table) => table.name).join(','),
      ...(rowsPerSecond !== undefined ? { '--rows-per-second': String(rowsPerSecond) } : {}),
    },
  });

  // keyspaces:proxy = removed: no resource, so the engine deletes the one the last deploy made (DELETE on the route).
  const proxy =
    phase.proxy === 'removed'
      ? undefined
      : new RehearsalProxy(
          'keyspaces-proxy',
          {
            ...place,
            proxyId: instanceId,
            primaryCluster: phase.primaryCluster,
            readMode: phase.readMode,
            originKeyspace: settings.originKeyspace,
            targetKeyspace: settings.targetKeyspace,
            tables: settings.tables.map((table) => table.name),
            ...(writesPerSecond !== undefined ? { writesPerSecond } : {}),
          },
          // Its writes land in the tables: they exist before it starts.
          { dependsOn: tables },
        );

  return {
    // A contact point is no secret (the password beside it is).
    keyspacesEndpoint: pulumi.unsecret(
      cassandra.apply((connection) => {
        const first = connection.contactPoints?.[0];
        if (!first) throw new Error('cockpit:rehearsalCassandra has no contactPoints');
        return first;
      }),
    ),
    bulkLoadJobName: job.name,
    proxyPhase: phaseWords(phase),
    ...(proxy ? { proxyMetricsUrl: proxy.metricsUrl } : {}),
  };
}

export const keyspacesRehearsal: RehearsalTrackPart<KeyspacesRehearsalOutputs> = { id: 'keyspaces', deploy: (context) => deployKeyspacesRehearsal(context) };
