// The embedded rehearsal's settings from the environment: its clock's pace and the Cassandra its Keyspaces side uses
// (test/integration/embedded-cassandra.test.ts starts its own node for real).
import { describe, expect, it } from 'vitest';
import { rehearsalCassandra, rehearsalTimeScale } from './embedded';

describe("the embedded rehearsal's settings", () => {
  it('reads the time scale, refusing what is not a pace', () => {
    expect(rehearsalTimeScale({})).toBe(1);
    expect(rehearsalTimeScale({ MIGRATION_COCKPIT_REHEARSAL_TIME_SCALE: '60' })).toBe(60);
    expect(() => rehearsalTimeScale({ MIGRATION_COCKPIT_REHEARSAL_TIME_SCALE: 'fast' })).toThrow(/must be a number above 0/);
  });

  it('names the Cassandra of its Keyspaces side as host:port, its own by default, or none', () => {
    expect(rehearsalCassandra({})).toBe('own');
    expect(rehearsalCassandra({ MIGRATION_COCKPIT_REHEARSAL_CASSANDRA: '' })).toBe('own');
    expect(rehearsalCassandra({ MIGRATION_COCKPIT_REHEARSAL_CASSANDRA: 'off' })).toBe('off');
    expect(rehearsalCassandra({ MIGRATION_COCKPIT_REHEARSAL_CASSANDRA: 'none' })).toBe('off');
    expect(rehearsalCassandra({ MIGRATION_COCKPIT_REHEARSAL_CASSANDRA: '127.0.0.1:9042' })).toEqual({
      contactPoints: ['127.0.0.1:9042'],
      localDataCenter: 'datacenter1',
      username: 'cassandra',
      password: 'cassandra',
    });
    expect(() => rehearsalCassandra({ MIGRATION_COCKPIT_REHEARSAL_CASSANDRA: 'cassandra://x' })).toThrow(
      "MIGRATION_COCKPIT_REHEARSAL_CASSANDRA must be host:port (e.g. 127.0.0.1:9042) or off, not 'cassandra://x'",
    );
  });
});
