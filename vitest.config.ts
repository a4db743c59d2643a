import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'common/**/*.test.ts',
      'main/**/*.test.ts',
      'host/**/*.test.ts',
      'renderer/**/*.test.ts',
      'electron/**/*.test.ts',
      'rehearsal/**/*.test.ts',
      'pulumi-programs/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    globalSetup: ['test/support/servers-global-setup.ts'],
    // A cockpit a test starts on the embedded rehearsal starts no Cassandra of its own (a JVM each, for the demo
    // plan's Keyspaces wave): the tests that want one say so (test/integration/embedded-cassandra.test.ts), the
    // others share the run's node (test/support/cassandra.ts).
    env: { MIGRATION_COCKPIT_REHEARSAL_CASSANDRA: process.env.MIGRATION_COCKPIT_REHEARSAL_CASSANDRA ?? 'off' },
    pool: 'forks',
    testTimeout: 20_000,
  },
});
