import { describe, expect, it } from 'vitest';
import { KeyspacesStackSchema } from '../plan-schema';
import { validationConnections } from './connections';

const keyspaces = (extra: object = {}) =>
  KeyspacesStackSchema.parse({
    origin: {
      contactPoints: ['10.0.0.1', '10.0.0.2:9043'],
      localDataCenter: 'dc1',
      keyspace: 'orders',
      credentials: { usernameEnv: 'ORIGIN_USER', passwordEnv: 'ORIGIN_PASSWORD' },
    },
    tables: [{ name: 'orders', partitionKey: ['id'], columns: { id: 'uuid' } }],
    ...extra,
  });

describe('where a validation connects', () => {
  it('takes the origin from the plan and the target from the stack output, credentials from the environment', () => {
    const env = { ORIGIN_USER: 'reader', ORIGIN_PASSWORD: 'canary-origin-secret', TARGET_USER: 'svc', TARGET_PASSWORD: 'canary-target-secret' };
    const connections = validationConnections(
      keyspaces({ target: { credentials: { usernameEnv: 'TARGET_USER', passwordEnv: 'TARGET_PASSWORD' } } }),
      { text: 'cassandra.eu-central-1.amazonaws.com:9142' },
      env,
    );
    expect(connections).toEqual({
      origin: {
        contactPoints: ['10.0.0.1:9042', '10.0.0.2:9043'],
        localDataCenter: 'dc1',
        credentials: { username: 'reader', password: 'canary-origin-secret' },
      },
      target: {
        contactPoints: ['cassandra.eu-central-1.amazonaws.com:9142'],
        localDataCenter: 'eu-central-1',
        tls: true,
        credentials: { username: 'svc', password: 'canary-target-secret' },
      },
    });
  });

  it('says what is missing, naming variables and never their values', () => {
    const missing = validationConnections(keyspaces(), { text: '127.0.0.1:9042' }, { ORIGIN_USER: 'reader' });
    expect(missing).toEqual({ problem: "the origin's CQL credentials are not set: environment variable ORIGIN_PASSWORD is empty" });
    expect(validationConnections(keyspaces(), { problem: "the stack has no output 'keyspacesEndpoint' yet: deploy it first" })).toEqual({
      problem: "the Keyspaces endpoint is not known: the stack has no output 'keyspacesEndpoint' yet: deploy it first",
    });
    const sigv4 = validationConnections(
      keyspaces(),
      { text: 'cassandra.eu-central-1.amazonaws.com:9142' },
      { ORIGIN_USER: 'u', ORIGIN_PASSWORD: 'canary-secret' },
    );
    expect(sigv4).toEqual({ problem: expect.stringMatching(/service-specific credentials .*SigV4 sign-in over CQL is not supported yet/) });
    expect(JSON.stringify(sigv4)).not.toContain('canary-secret');
  });
});
