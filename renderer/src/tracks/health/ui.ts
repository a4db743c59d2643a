// The health track's renderer part (seam/track-ui.ts), the seam's worked example: its slice from the health.* events
// and health.snapshot, and the stack panel's Health section. No tab, no actions: the gate matrix's Health column
// comes from the plan's gate columns already.
import type { TrackStore, TrackUi } from '../../seam/track-ui';
import { HealthSection } from './HealthSection';
import { applyHealthEvents, HEALTH, healthFromSnapshot, isHealthEvent, NO_HEALTH, type HealthActions, type HealthSlice } from './slice';

export const healthUi: TrackUi<HealthSlice, HealthActions> = {
  ...HEALTH,
  initial: NO_HEALTH,
  owns: isHealthEvent,
  connect: (store: TrackStore<HealthSlice>) => ({
    actions: {},
    apply: applyHealthEvents,
    async reread() {
      const { answer, arrived } = await store.during(() => store.api.commands['health.snapshot']({}));
      // A refused re-read keeps the slice: the monitor's next cycle sends every probed stack's view again.
      if (answer.ok) store.update(() => healthFromSnapshot(answer.value, arrived));
    },
  }),
  stackSection: HealthSection,
  dataClock: (slice) => slice.monitor?.dataClock ?? null,
};
