// The Keyspaces track's slice of the renderer's store: each moving stack's view, each stack's newest validation
// and the monitor's status, kept from the keyspaces.* events (keyspaces.stacks carries every moving stack, so the
// newest supersedes; keyspaces.validation one stack's validation) and re-read with keyspaces.snapshot.
import type { CockpitEvent, MonitorStatusView } from '../../../../main/api/contract';
import type { KeyspacesSnapshot, KeyspacesStackView, ValidationView } from '../../../../main/tracks/keyspaces/contract';
import { trackRef } from '../../seam/track-ui';
import { useTrack } from '../../seam/use-track';

export interface KeyspacesSlice {
  readonly monitor: MonitorStatusView | null;
  /** stack id -> its view: only the stacks whose Cassandra data moves. */
  readonly stacks: Readonly<Record<string, KeyspacesStackView>>;
  /** stack id -> its newest validation. */
  readonly validations: Readonly<Record<string, ValidationView>>;
}

export const NO_KEYSPACES: KeyspacesSlice = { monitor: null, stacks: {}, validations: {} };

export type KeyspacesActions = Readonly<Record<string, never>>;

export const KEYSPACES = trackRef<KeyspacesSlice, KeyspacesActions>('keyspaces');

export function isKeyspacesEvent(event: CockpitEvent): boolean {
  return event.type.startsWith('keyspaces.');
}

/** A batch's keyspaces.* events in the core's order. */
export function applyKeyspacesEvents(slice: KeyspacesSlice, events: readonly CockpitEvent[]): KeyspacesSlice {
  let next = slice;
  for (const event of events) {
    if (event.type === 'keyspaces.stacks') next = { ...next, stacks: Object.fromEntries(event.stacks.map((view) => [view.stackId, view])) };
    else if (event.type === 'keyspaces.monitor') next = { ...next, monitor: event.monitor };
    else if (event.type === 'keyspaces.validation') next = { ...next, validations: { ...next.validations, [event.validation.stackId]: event.validation } };
  }
  return next;
}

/** The slice from a keyspaces.snapshot answer, with the events that arrived while it was in flight folded on top. */
export function keyspacesFromSnapshot(snapshot: KeyspacesSnapshot, arrived: readonly CockpitEvent[]): KeyspacesSlice {
  return applyKeyspacesEvents(
    {
      monitor: snapshot.monitor,
      stacks: Object.fromEntries(snapshot.stacks.map((view) => [view.stackId, view])),
      validations: Object.fromEntries(snapshot.validations.map((view) => [view.stackId, view])),
    },
    arrived,
  );
}

/** Selects from the Keyspaces slice; the selector must return a stable value (a field, not a new object). */
export function useKeyspaces<T>(select: (slice: KeyspacesSlice) => T): T {
  return useTrack(KEYSPACES, select);
}
