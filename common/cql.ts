// common/ — CQL's vocabulary shared by the Keyspaces track's plan schema and the rehearsal's Keyspaces control plane.

/** The native CQL types Keyspaces stores (the plan's schemas and the rehearsal's control plane check against them). */
export const CQL_NATIVE_TYPES = [
  'ascii',
  'bigint',
  'blob',
  'boolean',
  'counter',
  'date',
  'decimal',
  'double',
  'duration',
  'float',
  'inet',
  'int',
  'smallint',
  'text',
  'time',
  'timestamp',
  'timeuuid',
  'tinyint',
  'uuid',
  'varchar',
  'varint',
] as const;
