// Where a stack's validation connects, and as whom: the origin's contact points and credentials from the plan (the
// credentials read from the environment variables it names), the target from the stack's `keyspacesEndpoint` output
// (Keyspaces' regional endpoint on the AWS target, the rehearsal's Cassandra on the rehearsal target) with the
// service-specific credentials the plan names. Secrets stay in this module's answer: messages name the variables,
// never their values.
import type { KeyspacesStack } from '../plan-schema';
import type { SideConnection } from './cql-side';

/** Keyspaces speaks CQL over TLS on this port. */
const KEYSPACES_TLS_PORT = 9142;

export interface ValidationConnections {
  readonly origin: SideConnection;
  readonly target: SideConnection;
}

export function validationConnections(
  keyspaces: KeyspacesStack,
  endpoint: { text: string } | { problem: string },
  env: NodeJS.ProcessEnv = process.env,
): ValidationConnections | { problem: string } {
  if ('problem' in endpoint) return { problem: `the Keyspaces endpoint is not known: ${endpoint.problem}` };
  const origin = credentialsOf(keyspaces.origin.credentials, 'origin', env);
  if (origin && 'problem' in origin) return origin;
  const target = credentialsOf(keyspaces.target.credentials, 'target', env);
  if (target && 'problem' in target) return target;
  const tls = /:(\d+)$/.exec(endpoint.text)?.[1] === String(KEYSPACES_TLS_PORT);
  if (!target && tls)
    return {
      problem:
        'validation needs service-specific credentials for Keyspaces (keyspaces.target.credentials: { usernameEnv, passwordEnv }); SigV4 sign-in over CQL is not supported yet',
    };
  return {
    origin: {
      contactPoints: keyspaces.origin.contactPoints.map(withPort),
      localDataCenter: keyspaces.origin.localDataCenter,
      ...(origin ? { credentials: origin } : {}),
    },
    target: {
      contactPoints: [endpoint.text],
      // Keyspaces answers any local data center name: its region's.
      localDataCenter: tls ? regionOf(endpoint.text) : 'datacenter1',
      tls,
      ...(target ? { credentials: target } : {}),
    },
  };
}

const withPort = (point: string) => (/:\d+$/.test(point) && !point.endsWith(']') ? point : `${point}:9042`);
const regionOf = (host: string) => /cassandra\.([a-z0-9-]+)\.amazonaws/.exec(host)?.[1] ?? 'datacenter1';

function credentialsOf(
  names: { usernameEnv: string; passwordEnv: string } | undefined,
  side: 'origin' | 'target',
  env: NodeJS.ProcessEnv,
): { username: string; password: string } | { problem: string } | undefined {
  if (!names) return undefined;
  const username = env[names.usernameEnv];
  const password = env[names.passwordEnv];
  const missing = [!username && names.usernameEnv, !password && names.passwordEnv].filter(Boolean);
  if (missing.length > 0)
    return { problem: `the ${side}'s CQL credentials are not set: environment variable ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} empty` };
  return { username: username!, password: password! };
}
