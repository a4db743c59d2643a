// The clock the migration's data is on (green-since, hold ends, readiness times), as a track's monitor reports it:
// a rehearsal's runs ahead of UTC. Null while no track reports one (the wall clock then).
import type { DataClockView } from '../../../main/api/contract';
import { dataClockOf } from '../seam/contributions';
import { useTrackUis } from '../seam/use-track';
import { useCockpit } from '../store/context';

export function useDataClock(): DataClockView | null {
  const tracks = useTrackUis();
  return useCockpit((state) => dataClockOf(tracks, state.tracks));
}
