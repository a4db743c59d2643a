// The DMS replication track: its plan part (plan.ts), its readiness gate, its runbook actions with their
// compensations and loss estimate, its evidence, and its runtime (runtime.ts: the replication service with its
// monitor, and the dms.* handlers).
import type { CoreTrack } from '../../seam/track';
import { DMS_ACTIONS } from './actions';
import { DMS_COMPENSATIONS, dmsLossEstimate } from './compensations';
import { dmsEvidence } from './evidence';
import { dmsPlan } from './plan';
import { dmsReadiness } from './readiness';
import { startDmsRuntime, type DmsRuntime } from './runtime';
import type { MonitorTuning } from './service';

export const dmsTrack: CoreTrack<'dms', DmsRuntime> = {
  id: 'dms',
  title: 'Replication',
  plan: dmsPlan,
  readiness: dmsReadiness(),
  runbook: { actions: DMS_ACTIONS, compensations: DMS_COMPENSATIONS, lossEstimate: dmsLossEstimate },
  evidence: dmsEvidence,
  start: (context) => startDmsRuntime(context),
};

/** The track with its monitor tuned: fast intervals or a simulated clock (tests and benchmarks). */
export function tunedDmsTrack(tuning: MonitorTuning): CoreTrack<'dms', DmsRuntime> {
  return { ...dmsTrack, start: (context) => startDmsRuntime(context, tuning) };
}
