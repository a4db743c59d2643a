// The traffic track's part of a store: its actions (pause, resume, promote, abort a wave's running shift; open the
// tab), how a batch of traffic.* events changes the slice, and its re-read. A command marks the wave pending until the
// core answers (one at a time per wave); a refusal stays by the wave's controls in the core's words until dismissed
// or another is sent. A command the cockpit can tell is short of its reason (an abort without one, a promotion over
// failed measurements without one) is refused here in the core's words, before anything is sent. A command the core
// took is shown as sent until the shift records it (the engine takes it at its next check): what it did arrives with
// the traffic.shift events.
import type { ApiError } from '../../../../main/api/contract';
import type { ShiftView } from '../../../../main/tracks/traffic/contract';
import type { TrackConnection, TrackStore } from '../../seam/track-ui';
import { without } from '../../store/actions/context';
import { MAX_SHIFT_REASON, MIN_SHIFT_REASON, promoteNeedsReason, type ShiftCommand } from './shifts';
import { applyTrafficEvents, trafficFromSnapshot, type TrafficActions, type TrafficSlice } from './slice';

type Answer = { ok: true; value: { shift: ShiftView } } | { ok: false; error: ApiError };

/** The core's words for an abort without a reason (main/tracks/traffic/contract.ts). */
export const ABORT_REASON_MISSING = `say why the shift is aborted (${MIN_SHIFT_REASON} characters at least)`;

/** Why the cockpit will not send the command with this reason, or null. */
export function reasonRefusal(command: ShiftCommand, reason: string | undefined, shift: ShiftView | undefined): string | null {
  const length = reason?.trim().length ?? 0;
  if (length > MAX_SHIFT_REASON) return `the reason is ${length} characters long: ${MAX_SHIFT_REASON} at most`;
  if (command === 'abort' && length < MIN_SHIFT_REASON) return ABORT_REASON_MISSING;
  if (command === 'promote' && length < MIN_SHIFT_REASON && shift && promoteNeedsReason(shift))
    return `step ${shift.stepRecords[shift.stepRecords.length - 1]!.step} of wave '${shift.waveId}' has failed measurements: say why it is promoted anyway (${MIN_SHIFT_REASON} characters at least)`;
  return null;
}

export function connectTraffic(store: TrackStore<TrafficSlice>): TrackConnection<TrafficSlice, TrafficActions> {
  const { api, slice, update, showTab, during } = store;

  const refuse = (waveId: string, action: ShiftCommand, message: string) =>
    update((current) => ({ ...current, refusals: { ...current.refusals, [waveId]: { action, message } } }));

  /** Sends one command for a wave (none while another of its commands is in flight); the refusal, or null. */
  const send = async (waveId: string, action: ShiftCommand, reason: string | undefined): Promise<ApiError | null> => {
    if (slice().pending[waveId]) return null;
    const trimmed = reason?.trim() || undefined;
    const local = reasonRefusal(action, trimmed, slice().shifts[waveId]);
    if (local !== null) {
      refuse(waveId, action, local);
      return { code: 'bad-request', message: local };
    }
    update((current) => ({
      ...current,
      pending: { ...current.pending, [waveId]: action },
      refusals: without(current.refusals, waveId),
      sent: without(current.sent, waveId),
    }));
    const request = trimmed ? { waveId, reason: trimmed } : { waveId };
    const answer: Answer =
      action === 'abort' ? await api.commands['traffic.abort']({ waveId, reason: trimmed ?? '' }) : await api.commands[`traffic.${action}`](request);
    update((current) => {
      const pending = without(current.pending, waveId);
      if (!answer.ok) return { ...current, pending, refusals: { ...current.refusals, [waveId]: { action, message: answer.error.message } } };
      const answered = answer.value.shift;
      const shown = current.shifts[waveId];
      // The answer's view is the shift as the core had it when it took the command; a shift the slice does not have
      // yet (or an older one) is replaced by it, a newer view of the same shift is kept.
      const newer = !shown || Date.parse(answered.startedAt) > Date.parse(shown.startedAt);
      const recorded = !newer && shown.startedAt === answered.startedAt && shown.operator.length > answered.operator.length;
      return {
        ...current,
        pending,
        ...(newer ? { shifts: { ...current.shifts, [waveId]: answered } } : {}),
        ...(recorded ? {} : { sent: { ...current.sent, [waveId]: { action, startedAt: answered.startedAt, operatorCount: answered.operator.length } } }),
      };
    });
    return answer.ok ? null : answer.error;
  };

  const actions: TrafficActions = {
    pause: (waveId) => send(waveId, 'pause', undefined),
    resume: (waveId) => send(waveId, 'resume', undefined),
    promote: (waveId, reason) => send(waveId, 'promote', reason),
    abort: (waveId, reason) => send(waveId, 'abort', reason),
    dismissRefusal(waveId) {
      update((current) => (current.refusals[waveId] ? { ...current, refusals: without(current.refusals, waveId) } : current));
    },
    openTraffic(stackId) {
      showTab((current) => ({ ...current, focusStackId: stackId }));
    },
  };

  return {
    actions,
    apply: applyTrafficEvents,
    async reread() {
      const { answer, arrived } = await during(() => api.commands['traffic.snapshot']({}));
      // A refused re-read keeps the slice: the monitor's next cycle sends every service's view again.
      if (answer.ok) update((current) => trafficFromSnapshot(current, answer.value, arrived));
    },
  };
}
