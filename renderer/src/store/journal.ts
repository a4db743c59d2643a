// The journal (the operator's audit trail) as the renderer keeps it: the newest MAX_JOURNAL_ENTRIES entries,
// oldest first, by the journal's own sequence numbers. Pure functions returning the same object when unchanged.
import type { CockpitEvent, JournalEntryView } from '../../../main/api/contract';

export const MAX_JOURNAL_ENTRIES = 2_000;

export interface JournalState {
  /** Oldest first; sequence numbers strictly increase. */
  readonly entries: readonly JournalEntryView[];
  /** Lines of the journal file the core could not read (e.g. a torn last line after a crash). */
  readonly damagedLines: number;
  /** Whether the core's list has been read at least once. */
  readonly loaded: boolean;
}

export const NO_JOURNAL: JournalState = { entries: [], damagedLines: 0, loaded: false };

export function applyJournalEvents(state: JournalState, events: readonly CockpitEvent[]): JournalState {
  let lastSeq = state.entries.at(-1)?.seq ?? 0;
  const fresh: JournalEntryView[] = [];
  for (const event of events) {
    if (event.type !== 'journal.appended' || event.entry.seq <= lastSeq) continue;
    lastSeq = event.entry.seq;
    fresh.push(event.entry);
  }
  if (fresh.length === 0) return state;
  return { ...state, entries: bounded([...state.entries, ...fresh]) };
}

/**
 * Replaces the entries with the core's list (after connecting or a missed batch). Entries that arrived as events
 * while the list was being fetched are kept when they are newer than the list's newest.
 */
export function replaceJournal(
  list: { entries: readonly JournalEntryView[]; damagedLines: number },
  arrivedSinceRequest: readonly JournalEntryView[] = [],
): JournalState {
  const sorted = [...list.entries].sort((a, b) => a.seq - b.seq);
  let newest = sorted.at(-1)?.seq ?? 0;
  for (const entry of [...arrivedSinceRequest].sort((a, b) => a.seq - b.seq)) {
    if (entry.seq <= newest) continue;
    sorted.push(entry);
    newest = entry.seq;
  }
  return { entries: bounded(sorted), damagedLines: list.damagedLines, loaded: true };
}

function bounded(entries: JournalEntryView[]): JournalEntryView[] {
  return entries.length > MAX_JOURNAL_ENTRIES ? entries.slice(entries.length - MAX_JOURNAL_ENTRIES) : entries;
}
