// The scheduled-jobs track's part of a store: its actions (a job's test invocation, acknowledging alerts, opening the
// tab), how a batch of schedules.* events changes the slice, and its re-read. A test invocation marks the job pending
// until the core answers; its answer shows at once (the monitor's view carries it from its next cycle), a refusal
// stays on the job's card in the core's words until dismissed or another is sent. An acknowledged alert reads as
// acknowledged from the core's answer until the monitor's list shows it so.
import type { TrackConnection, TrackStore } from '../../seam/track-ui';
import { without } from '../../store/actions/context';
import { applySchedulesEvents, jobKey, schedulesFromSnapshot, type Acknowledging, type SchedulesActions, type SchedulesSlice } from './slice';

/** The most ids one schedules.alerts.ack takes (its request schema). */
export const ACK_BATCH = 1000;

export function connectSchedules(store: TrackStore<SchedulesSlice>): TrackConnection<SchedulesSlice, SchedulesActions> {
  const { api, slice, update, showTab, during } = store;

  const actions: SchedulesActions = {
    async testInvoke(stackId, jobId) {
      const key = jobKey({ stackId, jobId });
      if (slice().pending[key]) return null;
      update((current) => ({ ...current, pending: { ...current.pending, [key]: 'test-invoke' }, refusals: without(current.refusals, key) }));
      const answer = await api.commands['schedules.test-invoke']({ stackId, jobId });
      update((current) => ({
        ...current,
        pending: without(current.pending, key),
        ...(answer.ok
          ? { tests: { ...current.tests, [key]: answer.value } }
          : { refusals: { ...current.refusals, [key]: { action: 'test-invoke', message: answer.error.message } } }),
      }));
      return answer.ok ? null : answer.error;
    },

    async acknowledge(ids) {
      const sending = [...new Set(ids)].filter((id) => !slice().acknowledging[id]);
      if (sending.length === 0) return null;
      update((current) => ({ ...current, ackRefusal: null, acknowledging: marked(current.acknowledging, sending, 'sending') }));
      for (let from = 0; from < sending.length; from += ACK_BATCH) {
        const batch = sending.slice(from, from + ACK_BATCH);
        const answer = await api.commands['schedules.alerts.ack']({ ids: batch });
        if (!answer.ok) {
          const unsent = sending.slice(from);
          update((current) => ({ ...current, ackRefusal: answer.error.message, acknowledging: unmarked(current.acknowledging, unsent) }));
          return answer.error;
        }
        update((current) => ({ ...current, acknowledging: marked(current.acknowledging, batch, 'sent') }));
      }
      return null;
    },

    dismissRefusal(key) {
      update((current) => (current.refusals[key] ? { ...current, refusals: without(current.refusals, key) } : current));
    },

    dismissAckRefusal() {
      update((current) => (current.ackRefusal === null ? current : { ...current, ackRefusal: null }));
    },

    openSchedules(stackId) {
      showTab((current) => ({ ...current, focusStackId: stackId }));
    },
  };

  return {
    actions,
    apply: applySchedulesEvents,
    async reread() {
      const { answer, arrived } = await during(() => api.commands['schedules.snapshot']({}));
      // A refused re-read keeps the slice: the monitor's next cycle sends every job's view and the alerts again.
      if (answer.ok) update((current) => schedulesFromSnapshot(current, answer.value, arrived));
    },
  };
}

function marked(acknowledging: SchedulesSlice['acknowledging'], ids: readonly string[], state: Acknowledging): SchedulesSlice['acknowledging'] {
  const next = { ...acknowledging };
  for (const id of ids) next[id] = state;
  return next;
}

function unmarked(acknowledging: SchedulesSlice['acknowledging'], ids: readonly string[]): SchedulesSlice['acknowledging'] {
  let next = acknowledging;
  for (const id of ids) next = without(next, id);
  return next;
}
