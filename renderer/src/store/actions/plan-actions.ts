// Store actions on the plan: its re-read (asked again when events arrived meanwhile), reload, open and choose.
import type { PlanSnapshot } from '../../../../main/api/contract';
import type { CockpitActions, CockpitState } from '../cockpit-state';
import { NO_FILTERS } from '../filters';
import type { StoreContext } from './context';

const MAX_RESYNC_ATTEMPTS = 3;

type PlanActions = Pick<CockpitActions, 'reload' | 'openPlan' | 'choosePlan'>;

/** State changes that come with a new snapshot: drop a selection or filters that no longer apply. */
export function withSnapshot(state: CockpitState, snapshot: PlanSnapshot | null): Partial<CockpitState> {
  const changes: { -readonly [K in keyof CockpitState]?: CockpitState[K] } = { snapshot };
  const previousFile = state.snapshot && state.snapshot.status !== 'none' ? state.snapshot.file : null;
  const file = snapshot && snapshot.status !== 'none' ? snapshot.file : null;
  if (previousFile !== null && file !== previousFile) changes.filters = NO_FILTERS;
  const selected = state.selectedStackId;
  if (selected !== null && !(snapshot?.status === 'loaded' && snapshot.plan.stacks.some((s) => s.id === selected))) changes.selectedStackId = null;
  return changes;
}

export function planActions({
  api,
  get,
  set,
  pushError,
  setBusy,
  actions,
}: StoreContext): PlanActions & { resyncPlan(): Promise<void>; eventsArrived(): void } {
  // A plan.get answer is only trusted if no event arrived while it was in flight (the answer could be older than
  // that event); otherwise it is asked again, a bounded number of times.
  let resyncing = false;
  let resyncAgain = false;
  let eventsSinceRequest = false;

  return {
    eventsArrived() {
      eventsSinceRequest = true;
    },

    async resyncPlan() {
      if (resyncing) {
        resyncAgain = true;
        return;
      }
      resyncing = true;
      try {
        for (let attempt = 1; ; attempt += 1) {
          resyncAgain = false;
          eventsSinceRequest = false;
          const result = await api.commands['plan.get']({});
          if (!result.ok) return pushError(result.error);
          if ((eventsSinceRequest || resyncAgain) && attempt < MAX_RESYNC_ATTEMPTS) {
            // Nothing shown yet (the start, where the socket's first connect asks again): show this answer now, the
            // next one replaces it. A large plan then appears one plan.get earlier.
            if (get().snapshot === null) set((state) => withSnapshot(state, result.value));
            continue;
          }
          set((state) => withSnapshot(state, result.value));
          return;
        }
      } finally {
        resyncing = false;
      }
    },

    async reload() {
      setBusy('reload', true);
      const result = await api.commands['plan.reload']({});
      setBusy('reload', false);
      if (result.ok) set((state) => withSnapshot(state, result.value));
      else pushError(result.error);
    },

    async openPlan(file) {
      setBusy('open', true);
      const result = await api.commands['plan.open']({ file });
      setBusy('open', false);
      if (!result.ok) return result.error;
      set((state) => ({ ...withSnapshot(state, result.value), openDialogVisible: false }));
      void actions().refreshInfo();
      return null;
    },

    async choosePlan() {
      setBusy('open', true);
      const result = await api.commands['plan.choose']({});
      setBusy('open', false);
      if (!result.ok) return result.error;
      // Cancelled in the dialog: nothing changes, the Open plan dialog stays.
      if (!result.value.chosen) return null;
      set((state) => ({ ...withSnapshot(state, result.value.snapshot), openDialogVisible: false }));
      void actions().refreshInfo();
      return null;
    },
  };
}
