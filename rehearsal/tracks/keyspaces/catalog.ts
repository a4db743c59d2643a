// The simulated Amazon Keyspaces control plane's estate: keyspaces and their tables, with ARNs as AWS writes them
// (arn:aws:cassandra:<region>:<account>:/keyspace/<ks>/ and …/keyspace/<ks>/table/<t>), and a table's life on the
// rehearsal clock: CREATING for a few simulated seconds, then ACTIVE; DELETING, then gone. With a data plane the
// table is also created over CQL, and stays CREATING until that is done (simulation.ts starts it).
import { AwsError } from '../../kernel/errors';

/** How long a new table stays CREATING, and a deleted one DELETING (simulated ms). */
export const TABLE_CREATE_MS = 5_000;
export const TABLE_DELETE_MS = 3_000;

export interface ColumnDefinition {
  readonly name: string;
  readonly type: string;
}

export interface TableSchemaDefinition {
  readonly allColumns: readonly ColumnDefinition[];
  readonly partitionKeys: readonly { readonly name: string }[];
  readonly clusteringKeys: readonly { readonly name: string; readonly orderBy: 'ASC' | 'DESC' }[];
  readonly staticColumns: readonly { readonly name: string }[];
}

export interface TableSettings {
  readonly throughputMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readonly readCapacityUnits?: number;
  readonly writeCapacityUnits?: number;
  readonly encryption: { readonly type: 'AWS_OWNED_KMS_KEY' | 'CUSTOMER_MANAGED_KMS_KEY'; readonly kmsKeyIdentifier?: string };
  readonly pointInTimeRecovery: boolean;
  readonly ttlEnabled: boolean;
  readonly defaultTimeToLive: number;
  readonly comment: string;
  readonly clientSideTimestamps: boolean;
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

export type TableStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

export class SimTable {
  readonly keyspace: string;
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly schema: TableSchemaDefinition;
  readonly settings: TableSettings;
  /** The table over CQL: pending while the data plane creates it; its problem when that failed. */
  cql: 'none' | 'pending' | 'created' | { readonly problem: string } = 'none';
  deletingAt: number | undefined;

  constructor(keyspace: string, name: string, arn: string, createdAt: number, schema: TableSchemaDefinition, settings: TableSettings) {
    this.keyspace = keyspace;
    this.name = name;
    this.arn = arn;
    this.createdAt = createdAt;
    this.schema = schema;
    this.settings = settings;
  }

  status(now: number): TableStatus {
    if (this.deletingAt !== undefined) return 'DELETING';
    return now < this.createdAt + TABLE_CREATE_MS || this.cql === 'pending' ? 'CREATING' : 'ACTIVE';
  }

  gone(now: number): boolean {
    return this.deletingAt !== undefined && now >= this.deletingAt + TABLE_DELETE_MS;
  }
}

export interface SimKeyspace {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly replicationStrategy: 'SINGLE_REGION' | 'MULTI_REGION';
  readonly replicationRegions: readonly string[];
  readonly tags: readonly { readonly key: string; readonly value: string }[];
  readonly tables: Map<string, SimTable>;
}

export class KeyspacesCatalog {
  readonly region: string;
  readonly accountId: string;
  readonly #keyspaces = new Map<string, SimKeyspace>();

  constructor(region: string, accountId: string) {
    this.region = region;
    this.accountId = accountId;
  }

  keyspaceArn(name: string): string {
    return `arn:aws:cassandra:${this.region}:${this.accountId}:/keyspace/${name}/`;
  }

  tableArn(keyspace: string, table: string): string {
    return `arn:aws:cassandra:${this.region}:${this.accountId}:/keyspace/${keyspace}/table/${table}`;
  }

  /** Every keyspace, by name. */
  keyspaces(): SimKeyspace[] {
    return [...this.#keyspaces.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  keyspace(name: string): SimKeyspace | undefined {
    return this.#keyspaces.get(name);
  }

  requireKeyspace(name: string): SimKeyspace {
    const keyspace = this.#keyspaces.get(name);
    if (!keyspace) throw this.#notFound(`Keyspace ${name} does not exist in ${this.region} (account ${this.accountId})`);
    return keyspace;
  }

  createKeyspace(input: Omit<SimKeyspace, 'arn' | 'tables'>): SimKeyspace {
    if (this.#keyspaces.has(input.name))
      throw new AwsError('ConflictException', `Keyspace ${input.name} already exists in ${this.region} (account ${this.accountId})`);
    const keyspace: SimKeyspace = { ...input, arn: this.keyspaceArn(input.name), tables: new Map() };
    this.#keyspaces.set(input.name, keyspace);
    return keyspace;
  }

  /** Drops the keyspace and every table in it at once (as DROP KEYSPACE does). */
  deleteKeyspace(name: string): SimKeyspace {
    const keyspace = this.requireKeyspace(name);
    this.#keyspaces.delete(name);
    return keyspace;
  }

  /** Every table of the keyspace still listed (CREATING, ACTIVE or DELETING), by name. */
  tables(keyspace: SimKeyspace): SimTable[] {
    return [...keyspace.tables.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every table of every keyspace. */
  allTables(): SimTable[] {
    return this.keyspaces().flatMap((keyspace) => this.tables(keyspace));
  }

  table(keyspace: string, name: string): SimTable | undefined {
    return this.#keyspaces.get(keyspace)?.tables.get(name);
  }

  requireTable(keyspace: string, name: string): SimTable {
    this.requireKeyspace(keyspace);
    const table = this.table(keyspace, name);
    if (!table) throw this.#notFound(`Table ${keyspace}.${name} does not exist in ${this.region} (account ${this.accountId})`);
    return table;
  }

  createTable(keyspaceName: string, name: string, schema: TableSchemaDefinition, settings: TableSettings, now: number): SimTable {
    const keyspace = this.requireKeyspace(keyspaceName);
    const existing = keyspace.tables.get(name);
    if (existing) {
      throw new AwsError(
        'ConflictException',
        existing.deletingAt !== undefined
          ? `Table ${keyspaceName}.${name} is being deleted; create it again once the deletion is done`
          : `Table ${keyspaceName}.${name} already exists`,
      );
    }
    const table = new SimTable(keyspaceName, name, this.tableArn(keyspaceName, name), now, schema, settings);
    keyspace.tables.set(name, table);
    return table;
  }

  deleteTable(keyspace: string, name: string, now: number): SimTable {
    const table = this.requireTable(keyspace, name);
    const status = table.status(now);
    if (status !== 'ACTIVE') throw new AwsError('ConflictException', `Table ${keyspace}.${name} is ${status}; only an ACTIVE table can be deleted`);
    table.deletingAt = now;
    return table;
  }

  /** Removes the tables whose deletion has finished. */
  advance(now: number): void {
    for (const keyspace of this.#keyspaces.values()) for (const [name, table] of keyspace.tables) if (table.gone(now)) keyspace.tables.delete(name);
  }

  #notFound(message: string): AwsError {
    return new AwsError('ResourceNotFoundException', message);
  }
}
