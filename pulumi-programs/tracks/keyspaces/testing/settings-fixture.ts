// Test support: the keyspaces:settings the core writes for a stack moving two Cassandra tables (as
// main/tracks/keyspaces/plan.ts writes KeyspacesProgramSettings), for the track's program tests.
export const ORDERS_SETTINGS = {
  originKeyspace: 'orders',
  targetKeyspace: 'orders_aws',
  origin: { contactPoints: ['10.20.0.11:9042', 'cass-2.dc.example.internal'], localDataCenter: 'dc1' },
  tables: [
    {
      name: 'orders',
      partitionKey: ['customer_id'],
      clusteringKey: ['created_at DESC', 'order_id'],
      columns: { customer_id: 'uuid', created_at: 'timestamp', order_id: 'timeuuid', total: 'decimal', items: 'map<text, int>' },
    },
    { name: 'customers', partitionKey: ['customer_id', 'region'], clusteringKey: [], columns: { customer_id: 'uuid', region: 'text', name: 'text' } },
  ],
};
