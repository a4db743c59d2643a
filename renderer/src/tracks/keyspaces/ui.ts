// The Keyspaces track's renderer part (seam/track-ui.ts): its slice from the keyspaces.* events and
// keyspaces.snapshot, and the words of its journal kinds. The gate matrix's Bulk load, Dual writes and Validation
// columns come from the plan's gate columns already.
import type { TrackStore, TrackUi } from '../../seam/track-ui';
import { applyKeyspacesEvents, isKeyspacesEvent, KEYSPACES, keyspacesFromSnapshot, NO_KEYSPACES, type KeyspacesActions, type KeyspacesSlice } from './slice';

export const keyspacesUi: TrackUi<KeyspacesSlice, KeyspacesActions> = {
  ...KEYSPACES,
  initial: NO_KEYSPACES,
  owns: isKeyspacesEvent,
  connect: (store: TrackStore<KeyspacesSlice>) => ({
    actions: {},
    apply: applyKeyspacesEvents,
    async reread() {
      const { answer, arrived } = await store.during(() => store.api.commands['keyspaces.snapshot']({}));
      // A refused re-read keeps the slice: the monitor's next cycle sends every moving stack's view again.
      if (answer.ok) store.update(() => keyspacesFromSnapshot(answer.value, arrived));
    },
  }),
  journalKinds: { 'keyspaces-bulk-load': 'Bulk load started', 'keyspaces-validate': 'Keyspaces validation' },
  dataClock: (slice) => slice.monitor?.dataClock ?? null,
};
