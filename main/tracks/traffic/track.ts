// The traffic track: a stack's users moving from the data center to AWS progressively (docs/design/traffic.md) — its
// plan keys and checks, the monitor of each service's split, health and requests, the gate `traffic.ready`, the
// shift action with its analysis and its compensation, and its evidence part.
import type { CoreTrack } from '../../seam/track';
import { TRAFFIC_ACTIONS, TRAFFIC_COMPENSATIONS } from './actions';
import { trafficEvidence } from './evidence';
import { trafficPlan } from './plan';
import { trafficReadiness } from './readiness';
import { startTrafficRuntime, type TrafficRuntime, type TrafficTuning } from './runtime';

export const trafficTrack: CoreTrack<'traffic', TrafficRuntime> = {
  id: 'traffic',
  title: 'Traffic',
  plan: trafficPlan,
  readiness: trafficReadiness,
  runbook: { actions: TRAFFIC_ACTIONS, compensations: TRAFFIC_COMPENSATIONS },
  evidence: trafficEvidence,
  start: (context) => startTrafficRuntime(context),
};

/** The track with its runtime tuned (tests: a fast pace, a manual clock). */
export function tunedTrafficTrack(tuning: TrafficTuning): CoreTrack<'traffic', TrafficRuntime> {
  return { ...trafficTrack, start: (context) => startTrafficRuntime(context, tuning) };
}
