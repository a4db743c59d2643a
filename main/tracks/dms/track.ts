// The DMS replication track, as far as it sits behind the seam so far: its readiness gate. Its monitor, runbook
// actions, compensations and evidence still live in main/dms and main/cutover (docs/design/track-seam.md §4).
import type { CoreTrack } from '../../seam/track';
import { dmsReadiness } from './readiness';

export const dmsTrack: CoreTrack<'dms'> = { id: 'dms', title: 'Replication', readiness: dmsReadiness() };
