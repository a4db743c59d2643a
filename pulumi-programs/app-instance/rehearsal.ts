// The rehearsal side of an application-instance stack: what each migration track makes in the rehearsal
// environment (tracks/index.ts: the DMS track's replication, created through the real DMS SDK client), and the
// instance itself as the rehearsal environment's stand-in: `healthUrl` is its health endpoint there, and carries
// the deployed trafficTarget, so a cutover's health check sees what the last deploy set.
//
// Stack config (project namespace), as on the AWS target: trafficTarget (datacenter | aws, default datacenter:
// which side serves the instance's users); each track's keys are in its own module.
import * as pulumi from '@pulumi/pulumi';
import type { CockpitConfig } from '../lib/cockpit-config';
import { REHEARSAL_TRACKS, type TrackRehearsalOutputs } from '../tracks/index';

export type RehearsalAppInstanceOutputs = { readonly healthUrl?: string } & TrackRehearsalOutputs;

const TRAFFIC_TARGETS = ['datacenter', 'aws'] as const;

export function deployRehearsal(cockpit: CockpitConfig, config: pulumi.Config = new pulumi.Config()): RehearsalAppInstanceOutputs | undefined {
  const instanceId = cockpit.stackId.slice(cockpit.stackId.lastIndexOf('/') + 1);
  const trafficTarget = config.get('trafficTarget') ?? 'datacenter';
  if (!(TRAFFIC_TARGETS as readonly string[]).includes(trafficTarget)) {
    throw new Error(`${config.name}:trafficTarget must be one of ${TRAFFIC_TARGETS.join(', ')} (got '${trafficTarget}')`);
  }
  const endpoint = cockpit.rehearsalAwsEndpoint;
  const health = endpoint ? { healthUrl: `${endpoint}/_apps/${instanceId}/healthz?traffic=${trafficTarget}` } : {};
  const made = REHEARSAL_TRACKS.flatMap((track) => track.deploy({ cockpit, config, instanceId }) ?? []);
  if (!endpoint && made.length === 0) return undefined;
  return Object.assign({ ...health }, ...made) as RehearsalAppInstanceOutputs;
}
