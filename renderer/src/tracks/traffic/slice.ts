// The traffic track's slice of the renderer's store: every service's view (its weights as AWS holds them, their
// history, the pending change, each side's health and minutes), each wave's newest shift and the monitor's status,
// kept from the traffic.* events (traffic.services carries every service, so the newest supersedes; traffic.shift
// one wave's shift, which replaces that wave's) and re-read with traffic.snapshot; beside them what the operator
// asked for: the command in flight per wave, the core's refusal, a command the core took that the shift has not
// recorded yet, and the stack the tab was opened on.
import type { ApiError, CockpitEvent, MonitorStatusView } from '../../../../main/api/contract';
import type { ServiceView, ShiftView, TrafficSnapshot } from '../../../../main/tracks/traffic/contract';
import { trackRef } from '../../seam/track-ui';
import { useTrack, useTrackActions } from '../../seam/use-track';
import { isShiftRunning, type ShiftCommand } from './shifts';

export interface TrafficRefusal {
  readonly action: ShiftCommand;
  readonly message: string;
}

/**
 * A command the core took (the shift's control has it) that the shift's record does not show yet: the engine records
 * an operator's action at its next check. Kept until the wave's shift lists more operator actions than the answer
 * did, ends, or is another shift.
 */
export interface TrafficSent {
  readonly action: ShiftCommand;
  /** The shift it went to (its start). */
  readonly startedAt: string;
  /** How many operator actions the shift listed when the core answered. */
  readonly operatorCount: number;
}

export interface TrafficSlice {
  /** The traffic monitor's status (its data clock dates every time of the views), or null before it reports. */
  readonly monitor: MonitorStatusView | null;
  /** Every service the monitor watches, in its order. */
  readonly services: readonly ServiceView[];
  /** wave id -> the wave's newest shift (running or ended). */
  readonly shifts: Readonly<Record<string, ShiftView>>;
  /** wave id -> the command sent and not answered yet (one at a time per wave). */
  readonly pending: Readonly<Record<string, ShiftCommand>>;
  /** wave id -> the core's refusal of the wave's last command, until dismissed or another is sent. */
  readonly refusals: Readonly<Record<string, TrafficRefusal>>;
  /** wave id -> a command taken and not recorded by the shift yet. */
  readonly sent: Readonly<Record<string, TrafficSent>>;
  /** The stack the tab was opened on (from the stack panel), or null. */
  readonly focusStackId: string | null;
}

export const NO_TRAFFIC: TrafficSlice = {
  monitor: null,
  services: [],
  shifts: {},
  pending: {},
  refusals: {},
  sent: {},
  focusStackId: null,
};

export interface TrafficActions {
  /** Holds the wave's running shift at its step (traffic.pause); resolves to the refusal or null. */
  pause(waveId: string): Promise<ApiError | null>;
  resume(waveId: string): Promise<ApiError | null>;
  /** Ends the current step's pause now (traffic.promote); a reason is required while the step has failed measurements. */
  promote(waveId: string, reason?: string): Promise<ApiError | null>;
  /** Aborts the shift (traffic.abort): every service's weights back to the abort target. A reason is required. */
  abort(waveId: string, reason: string): Promise<ApiError | null>;
  /** Dismisses the refusal of a wave's command. */
  dismissRefusal(waveId: string): void;
  /** Shows the Traffic tab, on a stack's service when given one. */
  openTraffic(stackId: string | null): void;
}

export const TRAFFIC = trackRef<TrafficSlice, TrafficActions>('traffic');

export function isTrafficEvent(event: CockpitEvent): boolean {
  return event.type.startsWith('traffic.');
}

/** A batch's traffic.* events in the core's order, each superseding what the slice has. */
export function applyTrafficEvents(slice: TrafficSlice, events: readonly CockpitEvent[]): TrafficSlice {
  let next = slice;
  for (const event of events) {
    if (event.type === 'traffic.services') next = { ...next, services: event.services };
    else if (event.type === 'traffic.shift') next = withShift(next, event.shift);
    else if (event.type === 'traffic.monitor') next = { ...next, monitor: event.monitor };
  }
  return next;
}

/**
 * The slice from a traffic.snapshot answer (each wave's newest shift replacing what the slice had), with the events
 * that arrived while it was in flight folded on top; what the operator asked for stays.
 */
export function trafficFromSnapshot(slice: TrafficSlice, snapshot: TrafficSnapshot, arrived: readonly CockpitEvent[]): TrafficSlice {
  const shifts: Record<string, ShiftView> = {};
  for (const shift of snapshot.shifts) shifts[shift.waveId] = shift;
  // A wave the answer has no shift for has none in the core any more: what was sent to it is gone with it.
  const base = { ...slice, monitor: snapshot.monitor, services: snapshot.services, shifts, sent: sentAfter(slice.sent, shifts, true) };
  return applyTrafficEvents(base, arrived);
}

/** The wave's shift replaced by a newer view of it (or of a newer shift). */
export function withShift(slice: TrafficSlice, shift: ShiftView): TrafficSlice {
  const shifts = { ...slice.shifts, [shift.waveId]: shift };
  return { ...slice, shifts, sent: sentAfter(slice.sent, shifts, false) };
}

/** Whether the shift shows the sent command recorded, or can no longer take it. */
export function sentSettled(sent: TrafficSent, shift: ShiftView): boolean {
  return shift.startedAt !== sent.startedAt || shift.operator.length > sent.operatorCount || !isShiftRunning(shift.state);
}

function sentAfter(sent: TrafficSlice['sent'], shifts: TrafficSlice['shifts'], dropWithoutShift: boolean): TrafficSlice['sent'] {
  const waves = Object.keys(sent);
  if (waves.length === 0) return sent;
  const kept: Record<string, TrafficSent> = {};
  for (const waveId of waves) {
    const shift = shifts[waveId];
    if (shift ? !sentSettled(sent[waveId]!, shift) : !dropWithoutShift) kept[waveId] = sent[waveId]!;
  }
  return Object.keys(kept).length === waves.length ? sent : kept;
}

/** Selects from the traffic slice; the selector must return a stable value (a field, not a new object). */
export function useTraffic<T>(select: (slice: TrafficSlice) => T): T {
  return useTrack(TRAFFIC, select);
}

export function useTrafficActions(): TrafficActions {
  return useTrackActions(TRAFFIC);
}
