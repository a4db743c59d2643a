// The DMS replication track, as far as it sits behind the seam so far: its plan part, its readiness gate, its runbook actions
// with their compensations and loss estimate, and its evidence. Its monitor is in monitor/, still run by the
// core's replication service, which hands the runbook its runtime (docs/design/track-seam.md §4).
import type { DmsRunbookRuntime } from './monitor/runbook-runtime';
import type { CoreTrack } from '../../seam/track';
import { DMS_ACTIONS } from './actions';
import { DMS_COMPENSATIONS, dmsLossEstimate } from './compensations';
import { dmsEvidence } from './evidence';
import { dmsPlan } from './plan';
import { dmsReadiness } from './readiness';

export const dmsTrack: CoreTrack<'dms', DmsRunbookRuntime> = {
  id: 'dms',
  title: 'Replication',
  plan: dmsPlan,
  readiness: dmsReadiness(),
  runbook: { actions: DMS_ACTIONS, compensations: DMS_COMPENSATIONS, lossEstimate: dmsLossEstimate },
  evidence: dmsEvidence,
};
