// The traffic services of a plan as the monitor, the gate and the shift read them now: each stack's service from the
// plan, its wave's shift settings and its own analysis, where its AWS calls go, and what its stack's output says
// (trafficResources: the records, the load balancer, the target groups). Read at every cycle: outputs arrive as
// stacks deploy.
import type { MigrationPlan, StackModel, WaveModel } from '../../plan/model';
import { placementOf } from '../../seam/track-environment';
import { PERCENT_KEY, trafficPlan } from './plan';
import { analysisFor, waveSettingsOf, type Analysis, type TrafficStack, type TrafficWaveSettings } from './plan-schema';
import { trafficResourcesOf, type TrafficResources } from './resources';

export interface WatchedService {
  readonly stackId: string;
  readonly waveId: string | null;
  /** Where its AWS calls go: its account (by name; '' without accounts) and region. */
  readonly placement: string;
  readonly stack: StackModel;
  readonly traffic: TrafficStack;
  readonly settings: TrafficWaveSettings;
  readonly analysis: Analysis;
  /** The deployed resources, or why they are not known. */
  readonly resources: TrafficResources | { readonly problem: string };
}

export type Outputs = (stackId: string) => Readonly<Record<string, unknown>> | undefined;

export function watchedServices(plan: MigrationPlan, outputs: Outputs): WatchedService[] {
  const watched: WatchedService[] = [];
  for (const stack of plan.stacks.values()) {
    const traffic = trafficPlan.of(stack).traffic;
    if (!traffic) continue;
    const wave: WaveModel | undefined = stack.waveId ? plan.waves.find((candidate) => candidate.id === stack.waveId) : undefined;
    const settings = waveSettingsOf(wave);
    const found = trafficResourcesOf(stack.id, outputs(stack.id));
    watched.push({
      stackId: stack.id,
      waveId: stack.waveId,
      placement: placementOf(stack),
      stack,
      traffic,
      settings,
      analysis: analysisFor(settings, traffic),
      resources: 'resources' in found ? found.resources : found,
    });
  }
  return watched;
}

/** The percent a cutover overlay gives the stack (0 when none). */
export function plannedPercent(overlay: Readonly<Record<string, unknown>> | undefined): number {
  const value = overlay?.[PERCENT_KEY];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100 ? value : 0;
}
