// The Keyspaces track's config as both of its parts read it (aws.ts, rehearsal.ts), checked before anything is made:
//
//   keyspaces:settings        JSON the cockpit core writes from the plan (main/tracks/keyspaces/plan.ts, its
//                             KeyspacesProgramSettings: change both together); absent: the stack has no Keyspaces data
//                             { originKeyspace, targetKeyspace, origin: { contactPoints, localDataCenter },
//                               tables: [{ name, partitionKey, clusteringKey ("col" | "col DESC"), columns }], glueJob? }
//   keyspaces:primaryCluster  ORIGIN (default) | TARGET               the dual-write proxy's phase, which a cutover
//   keyspaces:readMode        PRIMARY_ONLY (default) | DUAL_ASYNC_ON_SECONDARY   switches (a cutover overlay)
//   keyspaces:proxy           present (default) | removed            removed: the point of no return, clients go
//                                                                      straight to Keyspaces and the proxy is deleted
//
// Names and types end up in CQL statements (the rehearsal's DDL) and AWS names, so they are held to the plan's
// patterns here too: a value the plan would refuse never reaches a statement. Loading this module loads no provider.
import * as pulumi from '@pulumi/pulumi';
import { configValues } from '../../seam/config-values';
import { configFields, isObject } from '../../lib/config-fields';

export const SETTINGS_KEY = 'keyspaces:settings';

export type PrimaryCluster = 'ORIGIN' | 'TARGET';
export type ReadMode = 'PRIMARY_ONLY' | 'DUAL_ASYNC_ON_SECONDARY';
export type ProxyPresence = 'present' | 'removed';

export const PRIMARY_CLUSTERS: readonly PrimaryCluster[] = ['ORIGIN', 'TARGET'];
export const READ_MODES: readonly ReadMode[] = ['PRIMARY_ONLY', 'DUAL_ASYNC_ON_SECONDARY'];
export const PROXY_PRESENCES: readonly ProxyPresence[] = ['present', 'removed'];

export interface ClusteringColumn {
  readonly name: string;
  readonly orderBy: 'ASC' | 'DESC';
}

export interface KeyspacesTableSettings {
  readonly name: string;
  readonly partitionKey: readonly string[];
  readonly clusteringKey: readonly ClusteringColumn[];
  /** Every column with its CQL type, key columns included, in the plan's order. */
  readonly columns: Readonly<Record<string, string>>;
}

export interface KeyspacesSettings {
  readonly originKeyspace: string;
  readonly targetKeyspace: string;
  readonly origin: { readonly contactPoints: readonly string[]; readonly localDataCenter: string };
  readonly tables: readonly KeyspacesTableSettings[];
  /** The bulk load's Glue job name when the plan names it; else defaultBulkLoadJobName. */
  readonly glueJob?: string;
}

/** The dual-write proxy's phase (ZDM: 1 ORIGIN/PRIMARY_ONLY, 3 ORIGIN/DUAL_ASYNC_ON_SECONDARY, 4 TARGET/PRIMARY_ONLY, 5 removed). */
export interface ProxyPhase {
  readonly primaryCluster: PrimaryCluster;
  readonly readMode: ReadMode;
  readonly proxy: ProxyPresence;
}

/** A Keyspaces table's schema as the AWS API (CreateTable) and the rehearsal's DDL take it. */
export interface TableSchemaDefinition {
  readonly allColumns: readonly { readonly name: string; readonly type: string }[];
  readonly partitionKeys: readonly { readonly name: string }[];
  readonly clusteringKeys: readonly ClusteringColumn[];
}

const CQL_NAME = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;
const COLUMN_NAME = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;
const CLUSTERING = /^([A-Za-z][A-Za-z0-9_]{0,127})(?: (ASC|DESC|asc|desc))?$/;
/** CQL types (`int`, `map<text, int>`, `frozen<list<uuid>>`): words, angle brackets, commas and spaces only. */
const CQL_TYPE = /^[A-Za-z][A-Za-z0-9_]*(\s*<[A-Za-z0-9_<>, ]+>)?$/;
/** host or host:port, as the plan writes a contact point (9042 when the port is left out). */
const CONTACT_POINT = /^(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;
const GLUE_JOB = /^[A-Za-z0-9_.-]{1,255}$/;

export const CQL_NATIVE_PORT = 9042;

const { SettingsError, text, list } = configFields(SETTINGS_KEY);

function readTable(value: unknown, index: number): KeyspacesTableSettings {
  if (!isObject(value)) throw new SettingsError(`tables[${index}]`, 'must be an object { name, partitionKey, clusteringKey, columns }');
  const name = text(value.name, `tables[${index}].name`, CQL_NAME, 'a CQL name: 1-48 letters, digits or underscores, starting with a letter');
  const at = `tables[${index}] (${name})`;
  const columnName = (entry: unknown, field: string) => text(entry, field, COLUMN_NAME, 'a CQL column name');
  const partitionKey = list(value.partitionKey, `${at}.partitionKey`, 1).map((entry, i) => columnName(entry, `${at}.partitionKey[${i}]`));
  const clusteringKey = list(value.clusteringKey, `${at}.clusteringKey`, 0).map((entry, i): ClusteringColumn => {
    const match = typeof entry === 'string' ? CLUSTERING.exec(entry) : null;
    if (!match)
      throw new SettingsError(`${at}.clusteringKey[${i}]`, `must be a column name, optionally followed by ASC or DESC (got ${JSON.stringify(entry)})`);
    return { name: match[1]!, orderBy: match[2]?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC' };
  });
  if (!isObject(value.columns) || Object.keys(value.columns).length === 0)
    throw new SettingsError(`${at}.columns`, 'must map each column to its CQL type, e.g. { "id": "uuid" }');
  const columns: Record<string, string> = {};
  for (const [column, type] of Object.entries(value.columns)) {
    columnName(column, `${at}.columns`);
    columns[column] = text(type, `${at}.columns.${column}`, CQL_TYPE, 'a CQL type such as int, text or map<text, int>');
  }
  const keys = [...partitionKey, ...clusteringKey.map((key) => key.name)];
  for (const key of keys) if (!(key in columns)) throw new SettingsError(at, `has key column ${key}, which its columns do not define`);
  if (new Set(keys).size !== keys.length) throw new SettingsError(at, 'names a column twice in its partitionKey and clusteringKey');
  return { name, partitionKey, clusteringKey, columns };
}

/** Parses and checks `keyspaces:settings` (its JSON text); throws naming the key and the field. */
export function parseKeyspacesSettings(raw: string): KeyspacesSettings {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${SETTINGS_KEY} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isObject(value)) throw new Error(`${SETTINGS_KEY} must be a JSON object { originKeyspace, targetKeyspace, origin, tables }`);
  const keyspaceName = (field: string) => text(value[field], field, CQL_NAME, 'a CQL name: 1-48 letters, digits or underscores, starting with a letter');
  const originKeyspace = keyspaceName('originKeyspace');
  const targetKeyspace = keyspaceName('targetKeyspace');
  const origin = value.origin;
  if (!isObject(origin)) throw new SettingsError('origin', 'must be an object { contactPoints, localDataCenter }');
  const contactPoints = list(origin.contactPoints, 'origin.contactPoints', 1).map((entry, i) =>
    text(entry, `origin.contactPoints[${i}]`, CONTACT_POINT, 'a host name or IP address, optionally with :port'),
  );
  const localDataCenter = text(origin.localDataCenter, 'origin.localDataCenter', /^\S.{0,127}$/, 'the name of the data center the driver treats as local');
  const tables = list(value.tables, 'tables', 1).map(readTable);
  const seen = new Set<string>();
  for (const table of tables) {
    if (seen.has(table.name.toLowerCase())) throw new SettingsError('tables', `lists table ${table.name} twice`);
    seen.add(table.name.toLowerCase());
  }
  const glueJob = value.glueJob === undefined ? undefined : text(value.glueJob, 'glueJob', GLUE_JOB, 'a Glue job name (1-255 letters, digits, _ . -)');
  return { originKeyspace, targetKeyspace, origin: { contactPoints, localDataCenter }, tables, ...(glueJob !== undefined ? { glueJob } : {}) };
}

/** The stack's Keyspaces settings, or undefined when it has none (`keyspaces:settings` absent). */
export function readKeyspacesSettings(config: pulumi.Config = new pulumi.Config('keyspaces')): KeyspacesSettings | undefined {
  const raw = config.get('settings');
  return raw === undefined ? undefined : parseKeyspacesSettings(raw);
}

/** The proxy's phase keys; a value outside their words is an error naming the key. */
export function readProxyPhase(config: pulumi.Config = new pulumi.Config('keyspaces')): ProxyPhase {
  const values = configValues(config);
  return {
    primaryCluster: values.oneOf('primaryCluster', PRIMARY_CLUSTERS, 'ORIGIN'),
    readMode: values.oneOf('readMode', READ_MODES, 'PRIMARY_ONLY'),
    proxy: values.oneOf('proxy', PROXY_PRESENCES, 'present'),
  };
}

/** The `proxyPhase` output: `primary=ORIGIN read=PRIMARY_ONLY`, or `removed`. */
export function phaseWords(phase: ProxyPhase): string {
  return phase.proxy === 'removed' ? 'removed' : `primary=${phase.primaryCluster} read=${phase.readMode}`;
}

export function schemaDefinitionOf(table: KeyspacesTableSettings): TableSchemaDefinition {
  return {
    allColumns: Object.entries(table.columns).map(([name, type]) => ({ name, type })),
    partitionKeys: table.partitionKey.map((name) => ({ name })),
    clusteringKeys: table.clusteringKey.map((key) => ({ ...key })),
  };
}

/** A contact point's host and port (9042 when it names none). */
export function splitContactPoint(contactPoint: string): { host: string; port: number } {
  const match = CONTACT_POINT.exec(contactPoint);
  if (!match) throw new Error(`'${contactPoint}' is not a contact point (host or host:port)`);
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port: match[2] === undefined ? CQL_NATIVE_PORT : Number(match[2]) };
}

/** Amazon Keyspaces' CQL host in a region (the China regions' domain ends in .com.cn). */
export function keyspacesHostOf(region: string): string {
  return `cassandra.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** Keyspaces listens for CQL over TLS on 9142. */
export const KEYSPACES_PORT = 9142;

/**
 * The bulk load's Glue job name when the plan names none: `<prefix>-<instanceId>-keyspaces-bulk-load`. The instance id
 * is in it because the prefix is the project's (namePrefix, default the Pulumi project): two stacks of one project
 * would otherwise claim one job name in one account and region.
 */
export function defaultBulkLoadJobName(prefix: string, instanceId: string): string {
  return `${prefix}-${instanceId}-keyspaces-bulk-load`;
}
