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
    globalSetup: ['test/support/cassandra-global-setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
});
