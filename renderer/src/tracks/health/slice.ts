// The health track's slice of the renderer's store: every probed stack's view and the monitor's status, kept from the
// health.* events (each health.probes carries the whole list of probed stacks, so the newest supersedes) and
// re-read with health.snapshot. The track is read-only: it has no actions.
import type { CockpitEvent, MonitorStatusView } from '../../../../main/api/contract';
import type { HealthProbeView, HealthSnapshot } from '../../../../main/tracks/health/contract';
import { trackRef } from '../../seam/track-ui';
import { useTrack } from '../../seam/use-track';

export interface HealthSlice {
  /** The health monitor's status (its interval and data clock date the probes), or null before it reports. */
  readonly monitor: MonitorStatusView | null;
  /** stack id -> its probe view: only the stacks the plan probes. */
  readonly probes: Readonly<Record<string, HealthProbeView>>;
}

export const NO_HEALTH: HealthSlice = { monitor: null, probes: {} };

/** A read-only track: nothing to ask the core beyond its re-read. */
export type HealthActions = Readonly<Record<string, never>>;

export const HEALTH = trackRef<HealthSlice, HealthActions>('health');

export function isHealthEvent(event: CockpitEvent): boolean {
  return event.type.startsWith('health.');
}

/** A batch's health.* events in the core's order, each superseding what the slice has. */
export function applyHealthEvents(slice: HealthSlice, events: readonly CockpitEvent[]): HealthSlice {
  let next = slice;
  for (const event of events) {
    if (event.type === 'health.probes') next = { ...next, probes: byStack(event.probes) };
    else if (event.type === 'health.monitor') next = { ...next, monitor: event.monitor };
  }
  return next;
}

/** The slice from a health.snapshot answer, with the events that arrived while it was in flight folded on top. */
export function healthFromSnapshot(snapshot: HealthSnapshot, arrived: readonly CockpitEvent[]): HealthSlice {
  return applyHealthEvents({ monitor: snapshot.monitor, probes: byStack(snapshot.probes) }, arrived);
}

function byStack(probes: readonly HealthProbeView[]): Readonly<Record<string, HealthProbeView>> {
  return Object.fromEntries(probes.map((probe) => [probe.stackId, probe]));
}

/** Selects from the health slice; the selector must return a stable value (a field, not a new object). */
export function useHealth<T>(select: (slice: HealthSlice) => T): T {
  return useTrack(HEALTH, select);
}
