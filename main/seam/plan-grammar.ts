// The plan grammar of a list of tracks (the core's schemas with each track's plan part), and what the core asks of
// the tracks about a loaded plan. Whoever reads plans gets the grammar from the tracks it runs: the core
// (startCockpitCore), `migration-cockpit validate`, the rehearsal's demo estate (main/ports/plan-reading.ts), tests.
import { planGrammar, type PlanGrammar } from '../plan/grammar';
import type { MigrationPlan, StackModel } from '../plan/model';
import type { CoreTrack } from './track';

/** Throws when two tracks (or a track and the core) claim one key or action: found at start. */
export function composeGrammar(tracks: readonly CoreTrack[]): PlanGrammar {
  return planGrammar(tracks.flatMap((track) => (track.plan ? [{ owner: `track '${track.id}'`, part: track.plan }] : [])));
}

/** The tracks that take part in a plan: without a plan part, a track takes part in every plan. */
export function tracksIn<T extends CoreTrack>(tracks: readonly T[], plan: MigrationPlan): T[] {
  return tracks.filter((track) => !track.plan || track.plan.uses(plan));
}

/** Whether a track reads the stack's outputs at load (the stack's state is read then, not only after an operation). */
export function readsOutputsAtLoad(tracks: readonly CoreTrack[], stack: StackModel): boolean {
  return tracks.some((track) => track.plan?.readsOutputs?.(stack) === true);
}

/** The Pulumi config every track adds to a stack's (PlanPart.stackConfig); a key claimed twice is a track's bug. */
export function trackStackConfig(tracks: readonly CoreTrack[], stack: StackModel): Record<string, string> {
  const config: Record<string, string> = {};
  for (const track of tracks)
    for (const [key, value] of Object.entries(track.plan?.stackConfig?.(stack) ?? {})) {
      if (!key.startsWith(`${track.id}:`)) throw new Error(`track '${track.id}' writes config key '${key}' outside its namespace '${track.id}:'`);
      config[key] = value;
    }
  return config;
}
