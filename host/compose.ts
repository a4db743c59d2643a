// What every composition root hands the core (host/cli/serve.ts, electron/main.ts): the tracks it runs. main/core
// imports no track; this is where they are chosen.
import type { CoreTrack } from '../main/seam/track';
import { CORE_TRACKS } from '../main/tracks/index';

export const COCKPIT_TRACKS: readonly CoreTrack[] = CORE_TRACKS;
