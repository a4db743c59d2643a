// Shared by the Keyspaces track's tests: a rehearsal on a manual clock (rehearsal/test-support.ts) with the real SDK
// clients of Glue, Keyspaces and CloudWatch against its endpoint, the admin routes as JSON calls, and a track
// simulator on its own kernel for tests that drive the services through handle().
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GlueClient } from '@aws-sdk/client-glue';
import { KeyspacesClient } from '@aws-sdk/client-keyspaces';
import { afterEach } from 'vitest';
import type { AwsRehearsalOptions } from '../../aws-rehearsal';
import { ManualClock } from '../../kernel/clock';
import { createKernel } from '../../kernel/kernel';
import type { RehearsalKernel } from '../../seam/track-simulator';
import { minuteValues, REGION, useRehearsal, type Harness } from '../../test-support';
import { keyspacesSimulator, type KeyspacesSimulatorOptions, type KeyspacesTrackSimulator } from './track';

export { REGION };
export const ACCOUNT = '123456789012';
/** The manual clock's start: 2026-12-05T00:00:00Z, minute-aligned. */
export const T0 = Date.UTC(2026, 11, 5, 0, 0, 0);

const CREDENTIALS = { accessKeyId: 'AKIAREHEARSAL0000000', secretAccessKey: 'rehearsal-secret-not-checked' };

export interface KeyspacesHarness extends Harness {
  readonly glue: GlueClient;
  readonly keyspaces: KeyspacesClient;
  /** An admin call with a JSON body (or none); the status and the parsed JSON (or text) answer. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string; contentType: string }>;
  /** Sum per minute of one metric from `start` to `end` (simulated ms) through the real CloudWatch client. */
  minuteSums(namespace: string, metricName: string, dimensions: Record<string, string>, start: number, end: number, stat?: string): Promise<number[]>;
}

/** Starts rehearsals (closed after each test) with the Glue, Keyspaces and CloudWatch clients. */
export function useKeyspacesRehearsal(): (options?: Partial<AwsRehearsalOptions>) => Promise<KeyspacesHarness> {
  const start = useRehearsal();
  const clients: Array<{ destroy(): void }> = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  return async (options = {}) => {
    const harness = await start({ name: 'keyspaces' }, options);
    const config = { endpoint: harness.aws.url, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
    const glue = new GlueClient(config);
    const keyspaces = new KeyspacesClient(config);
    const cloudwatch = new CloudWatchClient(config);
    clients.push(glue, keyspaces, cloudwatch);
    return {
      ...harness,
      glue,
      keyspaces,
      advance: (seconds) => harness.clock.advance(seconds * 1000),
      async admin(method, path, body) {
        const response = await fetch(`${harness.aws.url}/_admin/${path}`, {
          method,
          ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        });
        const text = await response.text();
        const contentType = response.headers.get('content-type') ?? '';
        return {
          status: response.status,
          text,
          contentType,
          json: contentType.startsWith('application/json') && text ? (JSON.parse(text) as unknown) : undefined,
        };
      },
      minuteSums: (namespace, metricName, dimensions, from, to, stat = 'Sum') =>
        minuteValues(cloudwatch, { namespace, metricName, dimensions, from, to, stat }),
    };
  };
}

/** The track's simulator on a kernel of its own (ManualClock at T0), for tests through handle(). */
export function standaloneTrack(options: Partial<KeyspacesSimulatorOptions> = {}): {
  track: KeyspacesTrackSimulator;
  kernel: RehearsalKernel;
  clock: ManualClock;
  keyspaces: (operation: string, input: unknown) => Record<string, unknown>;
  glue: (operation: string, input: unknown) => Record<string, unknown>;
} {
  const clock = new ManualClock(T0);
  const kernel = createKernel({ clock, seed: 7 });
  const track = keyspacesSimulator({ region: REGION, accountId: ACCOUNT, ...options })(kernel);
  const service = (name: string) => track.services.find((candidate) => candidate.name === name)!;
  return {
    track,
    kernel,
    clock,
    keyspaces: (operation, input) => service('keyspaces').handle(operation, input) as Record<string, unknown>,
    glue: (operation, input) => service('glue').handle(operation, input) as Record<string, unknown>,
  };
}

/** The AwsError a call throws (its code and message). */
export function errorOf(call: () => unknown): { code: string; message: string } {
  try {
    call();
  } catch (error) {
    return { code: (error as { code?: string }).code ?? (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the call to fail');
}

/** A table definition for CreateTable: `id text` key and a few regular columns. */
export const ORDERS_SCHEMA = {
  allColumns: [
    { name: 'id', type: 'text' },
    { name: 'placed_at', type: 'timestamp' },
    { name: 'total', type: 'decimal' },
    { name: 'note', type: 'text' },
  ],
  partitionKeys: [{ name: 'id' }],
  clusteringKeys: [{ name: 'placed_at', orderBy: 'DESC' as const }],
};
