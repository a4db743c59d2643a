// The Keyspaces track's part of a store: its actions (start the bulk load, validate, re-check ranges, cancel a
// validation, open the tab), how a batch of keyspaces.* events changes the slice, and its re-read. Each command marks
// the stack pending until the core answers; a refusal stays on the stack's card in the core's words until dismissed
// or another command is sent. What the command started (a run, a validation) arrives with the monitor's events.
import type { ApiError } from '../../../../main/api/contract';
import type { TrackConnection, TrackStore } from '../../seam/track-ui';
import { without } from '../../store/actions/context';
import { applyKeyspacesEvents, keyspacesFromSnapshot, type KeyspacesActions, type KeyspacesCommandKind, type KeyspacesSlice } from './slice';

type Answer<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function connectKeyspaces(store: TrackStore<KeyspacesSlice>): TrackConnection<KeyspacesSlice, KeyspacesActions> {
  const { api, slice, update, showTab, during } = store;

  /** Sends one command for a stack (none while another of its commands is in flight); the refusal, or null. */
  const send = async <T>(stackId: string, action: KeyspacesCommandKind, command: () => Promise<Answer<T>>, accepted?: (value: T) => void) => {
    if (slice().pending[stackId]) return null;
    update((current) => ({ ...current, pending: { ...current.pending, [stackId]: action }, refusals: without(current.refusals, stackId) }));
    const answer = await command();
    update((current) => ({
      ...current,
      pending: without(current.pending, stackId),
      ...(answer.ok ? {} : { refusals: { ...current.refusals, [stackId]: { action, message: answer.error.message } } }),
    }));
    if (answer.ok) accepted?.(answer.value);
    return answer.ok ? null : answer.error;
  };

  const actions: KeyspacesActions = {
    startBulkLoad: (stackId) =>
      send(
        stackId,
        'bulk-load',
        () => api.commands['keyspaces.bulk-load.start']({ stackId }),
        ({ runId }) => {
          update((current) => ({ ...current, launched: { ...current.launched, [stackId]: { runId, seen: 0 } } }));
        },
      ),
    validate: (stackId) => send(stackId, 'validate', () => api.commands['keyspaces.validate']({ stackId })),
    recheck: (stackId, table, ranges) =>
      send(stackId, 'recheck', () =>
        api.commands['keyspaces.validate']({ stackId, recheck: { table, ranges: ranges.map(({ start, end }) => ({ start, end })) } }),
      ),
    cancelValidation: (stackId) => send(stackId, 'cancel', () => api.commands['keyspaces.validation.cancel']({ stackId })),
    dismissRefusal(stackId) {
      update((current) => (current.refusals[stackId] ? { ...current, refusals: without(current.refusals, stackId) } : current));
    },
    openKeyspaces(stackId) {
      showTab((current) => ({ ...current, focusStackId: stackId }));
    },
  };

  return {
    actions,
    apply: applyKeyspacesEvents,
    async reread() {
      const { answer, arrived } = await during(() => api.commands['keyspaces.snapshot']({}));
      // A refused re-read keeps the slice: the monitor's next cycle sends every moving stack's view again.
      if (answer.ok) update((current) => keyspacesFromSnapshot(current, answer.value, arrived));
    },
  };
}
