// The Amazon Keyspaces side of one application instance's Cassandra data: the target keyspace and one table per
// migrated table, with the origin's schema (columns with their CQL types, partition key, clustering columns and their
// order), point-in-time recovery on and on-demand capacity (no capacity planning before the bulk load's peak).
//
// Keyspaces and tables have fixed names (the application's CQL names them), so AWS cannot hold an old and a new one
// at once: a change only a replacement applies goes delete-before-replace.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { schemaDefinitionOf, type KeyspacesTableSettings } from './settings';

export const KEYSPACES_TARGET_TYPE = 'cockpit:migration:KeyspacesTarget';

export interface KeyspacesTargetArgs {
  readonly keyspace: string;
  readonly tables: readonly KeyspacesTableSettings[];
  readonly tags?: Readonly<Record<string, string>>;
}

export class KeyspacesTarget extends pulumi.ComponentResource {
  readonly keyspace: aws.keyspaces.Keyspace;
  readonly tables: readonly aws.keyspaces.Table[];

  constructor(name: string, args: KeyspacesTargetArgs, opts?: pulumi.ComponentResourceOptions) {
    super(KEYSPACES_TARGET_TYPE, name, {}, opts);
    const tags = { ...args.tags };
    this.keyspace = new aws.keyspaces.Keyspace(`${name}-keyspace`, { name: args.keyspace, tags }, { parent: this, deleteBeforeReplace: true });
    this.tables = args.tables.map((table) => {
      const schema = schemaDefinitionOf(table);
      return new aws.keyspaces.Table(
        `${name}-${table.name}`,
        {
          keyspaceName: this.keyspace.name,
          tableName: table.name,
          // The provider's `columns` is the API's `allColumns`.
          schemaDefinition: {
            columns: schema.allColumns.map((column) => ({ ...column })),
            partitionKeys: schema.partitionKeys.map((key) => ({ ...key })),
            ...(schema.clusteringKeys.length > 0 ? { clusteringKeys: schema.clusteringKeys.map((key) => ({ ...key })) } : {}),
          },
          capacitySpecification: { throughputMode: 'PAY_PER_REQUEST' },
          pointInTimeRecovery: { status: 'ENABLED' },
          tags,
        },
        { parent: this, deleteBeforeReplace: true },
      );
    });
    this.registerOutputs({ keyspace: this.keyspace.name, tables: this.tables.map((table) => table.tableName) });
  }
}
