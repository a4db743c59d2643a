// What the core UI reads of the tracks' declarations, each over the whole list (in its order). Pure, so the core's
// words are tested with and without tracks.
import type { DataClockView, JournalEntryView, StackView } from '../../../main/api/contract';
import type { TrackUi } from './track-ui';

/** What a stack search also matches beyond the core's names: every track's terms for the stack. */
export function searchTermsOf(tracks: readonly TrackUi[]): (stack: StackView) => readonly string[] {
  const searching = tracks.flatMap((track) => (track.search ? [track.search] : []));
  return (stack) => searching.flatMap((search) => search.terms(stack));
}

/** The names the tracks add to the search's tooltip ('replication task'). */
export function searchNamesOf(tracks: readonly TrackUi[]): readonly string[] {
  return tracks.flatMap((track) => (track.search ? [track.search.names] : []));
}

/** A step type's words from the track that declares it, or undefined. */
export function trackStepLabel(tracks: readonly TrackUi[], type: string): string | undefined {
  for (const track of tracks) if (track.stepLabels && Object.hasOwn(track.stepLabels, type)) return track.stepLabels[type];
  return undefined;
}

/** A journal kind's words from the track that declares it, or undefined. */
export function trackJournalKind(tracks: readonly TrackUi[], kind: string): string | undefined {
  for (const track of tracks) if (track.journalKinds && Object.hasOwn(track.journalKinds, kind)) return track.journalKinds[kind];
  return undefined;
}

/** A journal target in the words of the track it belongs to, or null. */
export function trackJournalTarget(tracks: readonly TrackUi[], target: JournalEntryView['target']): string | null {
  for (const track of tracks) {
    const text = track.journalTarget?.(target) ?? null;
    if (text !== null) return text;
  }
  return null;
}

/** What the runbook stops on purpose at cutover, joined ('replication'); null when no track says. */
export function stoppedAtCutoverOf(tracks: readonly TrackUi[]): string | null {
  const stopped = tracks.flatMap((track) => (track.stoppedAtCutover ? [track.stoppedAtCutover] : []));
  return stopped.length > 0 ? stopped.join(' and ') : null;
}

/** The first data clock a track's monitor reports, from the store's slices; null while none does. */
export function dataClockOf(tracks: readonly TrackUi[], slices: Readonly<Record<string, unknown>>): DataClockView | null {
  for (const track of tracks) {
    const clock = track.dataClock?.(slices[track.id]) ?? null;
    if (clock !== null) return clock;
  }
  return null;
}
