// What a migration track adds to the renderer (docs/design/track-seam.md §2.4): its slice of the store, kept from the
// events it owns and re-read with the core's re-reads, its actions, and what it contributes to the core UI (a tab, an
// item in the header, an overlay, a section of the stack panel, a wave's gate and link, words). The core UI names no
// track: it reads these declarations, and main.tsx hands the store the list (renderer/src/tracks/index.ts).
import type { ComponentType } from 'react';
import type { CockpitApi, CockpitEvent, DataClockView, JournalEntryView, PlanView, StackView, WaveView } from '../../../main/api/contract';

/** A track's slice and actions as its own views reach them (seam/use-track.ts): its id, carrying their types. */
export interface TrackRef<S, A> {
  /** The track's id (`dms`): its slice's key in the store. */
  readonly id: string;
  /** Types only; never set. */
  readonly types?: { readonly slice: S; readonly actions: A };
}

export function trackRef<S, A>(id: string): TrackRef<S, A> {
  return { id };
}

/** What the store gives a track: the transport, and its slice to read and change. */
export interface TrackStore<S> {
  readonly api: CockpitApi;
  /** The slice as the store holds it now. */
  slice(): S;
  /** One store update of the slice. */
  update(change: (slice: S) => S): void;
  /** Shows the track's tab, with a change of its slice in the same store update. */
  showTab(change?: (slice: S) => S): void;
  /** An error banner. */
  pushError(message: string): void;
  /**
   * Runs a re-read and gives its answer with the track's events that arrived while it was in flight, oldest first:
   * the re-read folds them on top of its answer, which may be older than they are (the store's rule, arrivals.ts).
   */
  during<T>(read: () => Promise<T>): Promise<{ readonly answer: T; readonly arrived: readonly CockpitEvent[] }>;
}

/** A track's part of one store: its actions, what a batch of its events does to its slice, and its re-read. */
export interface TrackConnection<S, A> {
  readonly actions: A;
  /** The batch's events the track owns, in the core's order; applied within the store's one update per batch. */
  apply(slice: S, events: readonly CockpitEvent[]): S;
  /** The track's re-read (on start, after a missed batch, on reconnect), through `TrackStore.during`. */
  reread(): Promise<void>;
}

/** A tab of the main area; the core lists each track's tab after its own, before Journal. */
export interface TrackTab {
  /** The view's id (DMS: `replication`, as before the seam; its tab's element id is `view-tab-<view>`). */
  readonly view: string;
  readonly label: string;
  readonly help: string;
  readonly View: ComponentType<{ plan: PlanView | null }>;
}

/**
 * A track's renderer part. `S` is its slice of the store, `A` its actions. Every contribution is optional: a track
 * without a tab or words leaves the core UI as it is. Every track in the list is active; the renderer learns which
 * tracks a plan uses with the plan part (design step 10).
 */
export interface TrackUi<S = unknown, A = unknown> extends TrackRef<S, A> {
  /** The slice before anything arrived. */
  readonly initial: S;
  /** Whether an event is the track's (DMS: `dms.*`). */
  owns(event: CockpitEvent): boolean;
  /** Its part of a new store (once per store). */
  connect(store: TrackStore<S>): TrackConnection<S, A>;

  readonly tab?: TrackTab;
  /** Beside the header's global actions (DMS: the alerts button). */
  readonly headerItem?: ComponentType;
  /** Over the page, after the footer (DMS: the alerts panel and the live announcement of critical alerts). */
  readonly overlay?: ComponentType;
  /** A section of the stack detail panel, after its registries. */
  readonly stackSection?: ComponentType<{ plan: PlanView; stack: StackView }>;
  /** A wave's gate on the Plan tab, under its facts. */
  readonly waveGate?: ComponentType<{ wave: WaveView }>;
  /** A link among a wave's actions on the Plan tab (DMS: to the wave's replication). */
  readonly waveLink?: ComponentType<{ wave: WaveView }>;
  /** A wave's live charts on the read-only war-room screen (DMS: CDC latency and throughput per task): no controls. */
  readonly wallCharts?: ComponentType<{ plan: PlanView; wave: WaveView }>;
  /** A fact on a stack's card ("2 replication tasks"); null for none. */
  stackFacts?(stack: StackView): string | null;
  /** What the stack search also matches: `names` for its tooltip ('replication task'), `terms` per stack. */
  readonly search?: { readonly names: string; terms(stack: StackView): readonly string[] };
  /** Words of the runbook step types the track declares (`freeze-check`: 'Automated: freeze check'). */
  readonly stepLabels?: Readonly<Record<string, string>>;
  /** Words of the journal kinds the track declares (`dms-start`: 'Start task'). */
  readonly journalKinds?: Readonly<Record<string, string>>;
  /** A journal target of the track's in words; null when the target is not the track's. */
  journalTarget?(target: JournalEntryView['target']): string | null;
  /** What the runbook stops on purpose when a wave cuts over ('replication'): said where its gates read red then. */
  readonly stoppedAtCutover?: string;
  /** The data clock the track's monitor reports (the time its data is on), or null while it has none. */
  dataClock?(slice: S): DataClockView | null;
}
