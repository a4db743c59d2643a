// The tracks the cockpit runs, in registration order (their gates show in this order). The composition roots
// (host/compose.ts, electron/main.ts) hand this list to startCockpitCore; the core never imports it.
import type { CoreTrack } from '../seam/track';
import { dmsTrack } from './dms/track';
import { healthTrack } from './health/track';
import { keyspacesTrack } from './keyspaces/track';
import { schedulesTrack } from './schedules/track';
import { trafficTrack } from './traffic/track';

export const CORE_TRACKS: readonly CoreTrack[] = [dmsTrack, healthTrack, keyspacesTrack, schedulesTrack, trafficTrack];
