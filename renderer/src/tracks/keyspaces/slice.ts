// The Keyspaces track's slice of the renderer's store: each moving stack's view, each stack's newest validation
// and the monitor's status, kept from the keyspaces.* events (keyspaces.stacks carries every moving stack, so the
// newest supersedes; keyspaces.validation one stack's validation) and re-read with keyspaces.snapshot; beside them
// what the operator asked for: the commands in flight, the core's refusals, the bulk-load runs the core accepted and
// the monitor has not shown yet, and the stack the tab was opened on.
import type { ApiError, CockpitEvent, MonitorStatusView } from '../../../../main/api/contract';
import type { KeyspacesSnapshot, KeyspacesStackView, ValidationView } from '../../../../main/tracks/keyspaces/contract';
import { trackRef } from '../../seam/track-ui';
import { useTrack, useTrackActions } from '../../seam/use-track';

/** What the operator can ask of a stack (one at a time per stack). */
export type KeyspacesCommandKind = 'bulk-load' | 'validate' | 'recheck' | 'cancel';

export interface KeyspacesRefusal {
  readonly action: KeyspacesCommandKind;
  readonly message: string;
}

/** A bulk-load run the core started: the button waits until the monitor shows it (or has reported twice since). */
export interface LaunchedRun {
  readonly runId: string;
  /** keyspaces.stacks events seen since the core accepted it. */
  readonly seen: number;
}

/** Monitor reports after which a started run the monitor does not show stops holding the button. */
export const LAUNCH_WAIT_REPORTS = 2;

export interface KeyspacesSlice {
  readonly monitor: MonitorStatusView | null;
  /** stack id -> its view: only the stacks whose Cassandra data moves. */
  readonly stacks: Readonly<Record<string, KeyspacesStackView>>;
  /** stack id -> its newest validation. */
  readonly validations: Readonly<Record<string, ValidationView>>;
  /** stack id -> the command sent and not answered yet. */
  readonly pending: Readonly<Record<string, KeyspacesCommandKind>>;
  /** stack id -> the core's refusal of the stack's last command, until dismissed or another is sent. */
  readonly refusals: Readonly<Record<string, KeyspacesRefusal>>;
  /** stack id -> a bulk-load run the core started that the monitor does not show yet. */
  readonly launched: Readonly<Record<string, LaunchedRun>>;
  /** The stack the tab was opened on (from the stack panel), or null. */
  readonly focusStackId: string | null;
}

export const NO_KEYSPACES: KeyspacesSlice = { monitor: null, stacks: {}, validations: {}, pending: {}, refusals: {}, launched: {}, focusStackId: null };

/** A token range as the contract carries it: decimal text (tokens pass 2^53). */
export interface TokenRangeRef {
  readonly start: string;
  readonly end: string;
}

export interface KeyspacesActions {
  /** Starts a run of the stack's bulk-load job (keyspaces.bulk-load.start); resolves to the refusal or null. */
  startBulkLoad(stackId: string): Promise<ApiError | null>;
  /** Validates the stack's tables whole (keyspaces.validate). */
  validate(stackId: string): Promise<ApiError | null>;
  /** Re-checks listed token ranges of one table (keyspaces.validate with `recheck`). */
  recheck(stackId: string, table: string, ranges: readonly TokenRangeRef[]): Promise<ApiError | null>;
  /** Stops the stack's running validation (keyspaces.validation.cancel). */
  cancelValidation(stackId: string): Promise<ApiError | null>;
  dismissRefusal(stackId: string): void;
  /** Shows the Keyspaces tab, on a stack's card when given one. */
  openKeyspaces(stackId: string | null): void;
}

export const KEYSPACES = trackRef<KeyspacesSlice, KeyspacesActions>('keyspaces');

export function isKeyspacesEvent(event: CockpitEvent): boolean {
  return event.type.startsWith('keyspaces.');
}

/** A batch's keyspaces.* events in the core's order. */
export function applyKeyspacesEvents(slice: KeyspacesSlice, events: readonly CockpitEvent[]): KeyspacesSlice {
  let next = slice;
  for (const event of events) {
    if (event.type === 'keyspaces.stacks') {
      const stacks = byStack(event.stacks);
      next = { ...next, stacks, launched: afterReport(next.launched, stacks) };
    } else if (event.type === 'keyspaces.monitor') next = { ...next, monitor: event.monitor };
    else if (event.type === 'keyspaces.validation') next = { ...next, validations: { ...next.validations, [event.validation.stackId]: event.validation } };
  }
  return next;
}

/**
 * The slice from a keyspaces.snapshot answer, with the events that arrived while it was in flight folded on top; what
 * the operator asked for (pending commands, refusals, the focused stack) stays.
 */
export function keyspacesFromSnapshot(slice: KeyspacesSlice, snapshot: KeyspacesSnapshot, arrived: readonly CockpitEvent[]): KeyspacesSlice {
  return applyKeyspacesEvents(
    {
      ...slice,
      monitor: snapshot.monitor,
      stacks: byStack(snapshot.stacks),
      validations: Object.fromEntries(snapshot.validations.map((view) => [view.stackId, view])),
    },
    arrived,
  );
}

/** The launched runs still waiting after a monitor report: not the ones it shows, nor those it has skipped twice. */
function afterReport(launched: KeyspacesSlice['launched'], stacks: KeyspacesSlice['stacks']): KeyspacesSlice['launched'] {
  const ids = Object.keys(launched);
  if (ids.length === 0) return launched;
  const waiting: Record<string, LaunchedRun> = {};
  for (const stackId of ids) {
    const run = launched[stackId]!;
    const view = stacks[stackId];
    if (!view || view.bulkLoad.runId === run.runId || run.seen + 1 >= LAUNCH_WAIT_REPORTS) continue;
    waiting[stackId] = { ...run, seen: run.seen + 1 };
  }
  return waiting;
}

function byStack(views: readonly KeyspacesStackView[]): Readonly<Record<string, KeyspacesStackView>> {
  return Object.fromEntries(views.map((view) => [view.stackId, view]));
}

/** Selects from the Keyspaces slice; the selector must return a stable value (a field, not a new object). */
export function useKeyspaces<T>(select: (slice: KeyspacesSlice) => T): T {
  return useTrack(KEYSPACES, select);
}

export function useKeyspacesActions(): KeyspacesActions {
  return useTrackActions(KEYSPACES);
}
