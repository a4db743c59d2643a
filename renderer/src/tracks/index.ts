// The renderer's tracks, one line each (docs/design/track-seam.md §2.7). main.tsx hands the list to the store; the
// core UI reads it from there (seam/use-track.ts) and never imports a track.
import type { TrackUi } from '../seam/track-ui';
import { dmsUi } from './dms/ui';
import { healthUi } from './health/ui';
import { keyspacesUi } from './keyspaces/ui';
import { schedulesUi } from './schedules/ui';
import { trafficUi } from './traffic/ui';

export const TRACK_UIS: readonly TrackUi[] = [dmsUi, healthUi, keyspacesUi, schedulesUi, trafficUi];
