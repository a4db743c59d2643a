// The AWS parts of the migration tracks an application-instance stack carries, in the order their resources are
// made (tracks/index.ts lists their rehearsal parts). Importing this module loads @pulumi/aws: only the AWS
// target's module (app-instance/aws.ts) imports it.
import type { AwsTrackPart } from '../seam/program-track';
import { dmsAws, type DmsAwsOutputs } from './dms/aws';
import { keyspacesAws, type KeyspacesAwsOutputs } from './keyspaces/aws';
import { schedulesAws, type SchedulesAwsOutputs } from './schedules/aws';
import { trafficAws, type TrafficAwsOutputs } from './traffic/aws';

export const AWS_TRACKS: readonly AwsTrackPart[] = [dmsAws, keyspacesAws, schedulesAws, trafficAws];

/** What the tracks add to the AWS target's outputs. */
export type TrackAwsOutputs = DmsAwsOutputs & Partial<KeyspacesAwsOutputs> & Partial<SchedulesAwsOutputs> & Partial<TrafficAwsOutputs>;
