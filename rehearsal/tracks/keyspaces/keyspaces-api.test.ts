// The Keyspaces control plane: through handle() (shapes, ARNs, a table's CREATING → ACTIVE → DELETING → gone on the
// clock, AWS's errors and paging), and through the real @aws-sdk/client-keyspaces against the rehearsal's endpoint.
import {
  ConflictException,
  CreateKeyspaceCommand,
  CreateTableCommand,
  DeleteTableCommand,
  GetKeyspaceCommand,
  GetTableCommand,
  ListKeyspacesCommand,
  ListTablesCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-keyspaces';
import { describe, expect, it } from 'vitest';
import { errorOf, ORDERS_SCHEMA, standaloneTrack, T0, useKeyspacesRehearsal } from './test-harness';

describe('Keyspaces through handle()', () => {
  it('creates a keyspace and a table with the ARNs AWS writes, CREATING for 5 simulated seconds, then ACTIVE', () => {
    const { keyspaces, clock } = standaloneTrack();
    expect(keyspaces('CreateKeyspace', { keyspaceName: 'shop_aws' })).toEqual({
      resourceArn: 'arn:aws:cassandra:eu-central-1:123456789012:/keyspace/shop_aws/',
    });
    expect(keyspaces('GetKeyspace', { keyspaceName: 'shop_aws' })).toEqual({
      keyspaceName: 'shop_aws',
      resourceArn: 'arn:aws:cassandra:eu-central-1:123456789012:/keyspace/shop_aws/',
      replicationStrategy: 'SINGLE_REGION',
    });
    expect(keyspaces('CreateTable', { keyspaceName: 'shop_aws', tableName: 'orders', schemaDefinition: ORDERS_SCHEMA })).toEqual({
      resourceArn: 'arn:aws:cassandra:eu-central-1:123456789012:/keyspace/shop_aws/table/orders',
    });
    const table = keyspaces('GetTable', { keyspaceName: 'shop_aws', tableName: 'orders' });
    expect(table).toMatchObject({
      keyspaceName: 'shop_aws',
      tableName: 'orders',
      status: 'CREATING',
      creationTimestamp: T0 / 1000,
      schemaDefinition: { ...ORDERS_SCHEMA, staticColumns: [] },
      capacitySpecification: { throughputMode: 'PAY_PER_REQUEST' },
      encryptionSpecification: { type: 'AWS_OWNED_KMS_KEY' },
      pointInTimeRecovery: { status: 'DISABLED' },
      defaultTimeToLive: 0,
    });
    clock.advance(4_999);
    expect(keyspaces('GetTable', { keyspaceName: 'shop_aws', tableName: 'orders' }).status).toBe('CREATING');
    clock.advance(1);
    expect(keyspaces('GetTable', { keyspaceName: 'shop_aws', tableName: 'orders' }).status).toBe('ACTIVE');

    expect(keyspaces('DeleteTable', { keyspaceName: 'shop_aws', tableName: 'orders' })).toEqual({});
    expect(keyspaces('GetTable', { keyspaceName: 'shop_aws', tableName: 'orders' }).status).toBe('DELETING');
    expect(errorOf(() => keyspaces('CreateTable', { keyspaceName: 'shop_aws', tableName: 'orders', schemaDefinition: ORDERS_SCHEMA }))).toMatchObject({
      code: 'ConflictException',
      message: expect.stringContaining('being deleted'),
    });
    clock.advance(3_000);
    expect(errorOf(() => keyspaces('GetTable', { keyspaceName: 'shop_aws', tableName: 'orders' }))).toEqual({
      code: 'ResourceNotFoundException',
      message: 'Table shop_aws.orders does not exist in eu-central-1 (account 123456789012)',
    });
  });

  it('answers AWS errors: a keyspace twice, unknown ones, invalid names and schemas', () => {
    const { keyspaces } = standaloneTrack();
    keyspaces('CreateKeyspace', { keyspaceName: 'shop_aws' });
    expect(errorOf(() => keyspaces('CreateKeyspace', { keyspaceName: 'shop_aws' })).code).toBe('ConflictException');
    expect(errorOf(() => keyspaces('GetKeyspace', { keyspaceName: 'nope' })).code).toBe('ResourceNotFoundException');
    expect(errorOf(() => keyspaces('ListTables', { keyspaceName: 'nope' })).code).toBe('ResourceNotFoundException');
    expect(errorOf(() => keyspaces('CreateKeyspace', { keyspaceName: '_bad-name' }))).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value '_bad-name' at 'keyspaceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9][a-zA-Z0-9_]{0,47}",
    });
    expect(errorOf(() => keyspaces('CreateKeyspace', {})).message).toContain("at 'keyspaceName' failed to satisfy constraint: Member must not be null");
    const table = (schemaDefinition: unknown) => () => keyspaces('CreateTable', { keyspaceName: 'shop_aws', tableName: 't', schemaDefinition });
    expect(errorOf(table({ ...ORDERS_SCHEMA, partitionKeys: [{ name: 'missing' }] }))).toEqual({
      code: 'ValidationException',
      message: 'partitionKeys names column missing, which allColumns does not define',
    });
    expect(errorOf(table({ ...ORDERS_SCHEMA, allColumns: [...ORDERS_SCHEMA.allColumns, { name: 'x', type: 'map<text>' }] })).message).toBe(
      "Column x has type 'map<text>', which is not a CQL type Amazon Keyspaces stores",
    );
    expect(errorOf(table({ ...ORDERS_SCHEMA, clusteringKeys: [], staticColumns: [{ name: 'note' }] })).message).toBe(
      'Static columns are only allowed in tables with clustering columns',
    );
    expect(errorOf(table({ ...ORDERS_SCHEMA, partitionKeys: [] })).code).toBe('ValidationException');
    expect(
      errorOf(() =>
        keyspaces('CreateTable', {
          keyspaceName: 'shop_aws',
          tableName: 't',
          schemaDefinition: ORDERS_SCHEMA,
          capacitySpecification: { throughputMode: 'PROVISIONED' },
        }),
      ).message,
    ).toContain('requires readCapacityUnits and writeCapacityUnits');
    expect(errorOf(() => keyspaces('DropEverything', {}))).toMatchObject({
      code: 'UnknownOperationException',
      message: expect.stringContaining('CreateKeyspace, GetKeyspace'),
    });
  });

  it('pages ListKeyspaces and ListTables with nextToken, in name order', () => {
    const { keyspaces, clock } = standaloneTrack();
    for (const name of ['ks_c', 'ks_a', 'ks_b']) keyspaces('CreateKeyspace', { keyspaceName: name });
    const first = keyspaces('ListKeyspaces', { maxResults: 2 }) as { keyspaces: Array<{ keyspaceName: string }>; nextToken: string };
    expect(first.keyspaces.map((keyspace) => keyspace.keyspaceName)).toEqual(['ks_a', 'ks_b']);
    const rest = keyspaces('ListKeyspaces', { maxResults: 2, nextToken: first.nextToken }) as {
      keyspaces: Array<{ keyspaceName: string }>;
      nextToken?: string;
    };
    expect(rest.keyspaces.map((keyspace) => keyspace.keyspaceName)).toEqual(['ks_c']);
    expect(rest.nextToken).toBeUndefined();
    expect(errorOf(() => keyspaces('ListKeyspaces', { maxResults: 0 })).code).toBe('ValidationException');
    expect(errorOf(() => keyspaces('ListKeyspaces', { nextToken: 'garbage' })).code).toBe('ValidationException');

    for (const name of ['t3', 't1', 't2']) keyspaces('CreateTable', { keyspaceName: 'ks_a', tableName: name, schemaDefinition: ORDERS_SCHEMA });
    clock.advance(10_000);
    const tables = keyspaces('ListTables', { keyspaceName: 'ks_a', maxResults: 2 }) as {
      tables: Array<{ tableName: string; resourceArn: string }>;
      nextToken: string;
    };
    expect(tables.tables).toEqual([
      { keyspaceName: 'ks_a', tableName: 't1', resourceArn: 'arn:aws:cassandra:eu-central-1:123456789012:/keyspace/ks_a/table/t1' },
      { keyspaceName: 'ks_a', tableName: 't2', resourceArn: 'arn:aws:cassandra:eu-central-1:123456789012:/keyspace/ks_a/table/t2' },
    ]);
    expect((keyspaces('ListTables', { keyspaceName: 'ks_a', nextToken: tables.nextToken }) as { tables: unknown[] }).tables).toHaveLength(1);
    keyspaces('DeleteKeyspace', { keyspaceName: 'ks_a' });
    expect(errorOf(() => keyspaces('GetTable', { keyspaceName: 'ks_a', tableName: 't1' })).code).toBe('ResourceNotFoundException');
  });
});

describe('Keyspaces through the real SDK client', () => {
  const start = useKeyspacesRehearsal();

  it('speaks awsJson1_0: keyspaces and tables created, read, listed and deleted; errors as the SDK types them', async () => {
    const { keyspaces, advance } = await start();
    const created = await keyspaces.send(new CreateKeyspaceCommand({ keyspaceName: 'shop_aws', tags: [{ key: 'stack', value: 'app1234' }] }));
    expect(created.resourceArn).toBe('arn:aws:cassandra:eu-central-1:123456789012:/keyspace/shop_aws/');
    expect((await keyspaces.send(new GetKeyspaceCommand({ keyspaceName: 'shop_aws' }))).replicationStrategy).toBe('SINGLE_REGION');
    await keyspaces.send(
      new CreateTableCommand({
        keyspaceName: 'shop_aws',
        tableName: 'orders',
        schemaDefinition: { ...ORDERS_SCHEMA, clusteringKeys: [{ name: 'placed_at', orderBy: 'DESC' }] },
        pointInTimeRecovery: { status: 'ENABLED' },
        capacitySpecification: { throughputMode: 'PROVISIONED', readCapacityUnits: 100, writeCapacityUnits: 400 },
      }),
    );
    const creating = await keyspaces.send(new GetTableCommand({ keyspaceName: 'shop_aws', tableName: 'orders' }));
    expect(creating.status).toBe('CREATING');
    expect(creating.creationTimestamp).toEqual(new Date(T0));
    expect(creating.capacitySpecification).toEqual({ throughputMode: 'PROVISIONED', readCapacityUnits: 100, writeCapacityUnits: 400 });
    expect(creating.pointInTimeRecovery).toEqual({ status: 'ENABLED', earliestRestorableTimestamp: new Date(T0) });
    expect(creating.schemaDefinition?.clusteringKeys).toEqual([{ name: 'placed_at', orderBy: 'DESC' }]);
    advance(5);
    expect((await keyspaces.send(new GetTableCommand({ keyspaceName: 'shop_aws', tableName: 'orders' }))).status).toBe('ACTIVE');
    expect((await keyspaces.send(new ListKeyspacesCommand({}))).keyspaces?.map((keyspace) => keyspace.keyspaceName)).toEqual(['shop_aws']);
    expect((await keyspaces.send(new ListTablesCommand({ keyspaceName: 'shop_aws' }))).tables).toEqual([
      { keyspaceName: 'shop_aws', tableName: 'orders', resourceArn: 'arn:aws:cassandra:eu-central-1:123456789012:/keyspace/shop_aws/table/orders' },
    ]);

    await expect(keyspaces.send(new CreateKeyspaceCommand({ keyspaceName: 'shop_aws' }))).rejects.toBeInstanceOf(ConflictException);
    const missing = keyspaces.send(new GetTableCommand({ keyspaceName: 'shop_aws', tableName: 'nope' }));
    await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(missing).rejects.toMatchObject({
      message: 'Table shop_aws.nope does not exist in eu-central-1 (account 123456789012)',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      keyspaces.send(new CreateTableCommand({ keyspaceName: 'shop_aws', tableName: 't', schemaDefinition: { allColumns: [], partitionKeys: [] } })),
    ).rejects.toBeInstanceOf(ValidationException);
    await keyspaces.send(new DeleteTableCommand({ keyspaceName: 'shop_aws', tableName: 'orders' }));
    expect((await keyspaces.send(new GetTableCommand({ keyspaceName: 'shop_aws', tableName: 'orders' }))).status).toBe('DELETING');
  });
});
