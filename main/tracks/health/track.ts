// The health track: a read-only worked example of the seam (docs/ARCHITECTURE.md "Adding a track"). It probes each
// stack's health URL (a stack output) and gives the readiness matrix a Health column; no runbook or evidence part.
import type { CoreTrack } from '../../seam/track';
import { healthPlan } from './plan';
import { healthReadiness } from './readiness';
import { startHealthRuntime, type HealthRuntime, type HealthTuning } from './runtime';

export const healthTrack: CoreTrack<'health', HealthRuntime> = {
  id: 'health',
  title: 'Health',
  plan: healthPlan,
  readiness: healthReadiness,
  start: (context) => startHealthRuntime(context),
};

/** The track with its monitor tuned (tests: a fast pace, a manual clock). */
export function tunedHealthTrack(tuning: HealthTuning): CoreTrack<'health', HealthRuntime> {
  return { ...healthTrack, start: (context) => startHealthRuntime(context, tuning) };
}
