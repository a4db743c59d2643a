// The rehearsal parts of the migration tracks an application-instance stack carries, in the order their resources
// are made; tracks/aws.ts lists their AWS parts. A new track adds one line to each list (and its outputs type);
// the program itself does not change. This module never loads @pulumi/aws.
import type { RehearsalTrackPart } from '../seam/program-track';
import { dmsRehearsal, type DmsRehearsalOutputs } from './dms/rehearsal';
import { keyspacesRehearsal, type KeyspacesRehearsalOutputs } from './keyspaces/rehearsal';
import { schedulesRehearsal, type SchedulesRehearsalOutputs } from './schedules/rehearsal';
import { trafficRehearsal, type TrafficRehearsalOutputs } from './traffic/rehearsal';

export const REHEARSAL_TRACKS: readonly RehearsalTrackPart[] = [dmsRehearsal, keyspacesRehearsal, schedulesRehearsal, trafficRehearsal];

/** What the tracks may add to the rehearsal target's outputs. */
export type TrackRehearsalOutputs = Partial<DmsRehearsalOutputs> &
  Partial<KeyspacesRehearsalOutputs> &
  Partial<SchedulesRehearsalOutputs> &
  Partial<TrafficRehearsalOutputs>;
