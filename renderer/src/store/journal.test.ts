import type { CockpitEvent } from '../../../main/api/contract';
import { describe, expect, it } from 'vitest';
import { applyJournalEvents, MAX_JOURNAL_ENTRIES, NO_JOURNAL, replaceJournal } from './journal';
import { journalEntry } from './test-fixtures';

const appended = (seq: number): CockpitEvent => ({ type: 'journal.appended', entry: journalEntry(seq, 'apps/app1') });

describe('the journal in the store', () => {
  it('appends new entries once each and keeps the newest 2,000', () => {
    let state = applyJournalEvents(NO_JOURNAL, [appended(1), appended(2), appended(2)]);
    expect(state.entries.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(applyJournalEvents(state, [appended(1)])).toBe(state);
    state = applyJournalEvents(
      state,
      Array.from({ length: 2_500 }, (_, index) => appended(index + 3)),
    );
    expect(state.entries).toHaveLength(MAX_JOURNAL_ENTRIES);
    expect(state.entries[0]!.seq).toBe(503);
    expect(state.entries.at(-1)!.seq).toBe(2_502);
  });

  it('replaces the entries with the core’s list, keeping newer entries that arrived meanwhile', () => {
    const stale = applyJournalEvents(NO_JOURNAL, [appended(90), appended(91)]);
    expect(stale.loaded).toBe(false);
    const state = replaceJournal({ entries: [journalEntry(2, 'a/b'), journalEntry(1, 'a/b')], damagedLines: 1 }, [
      journalEntry(2, 'a/b'),
      journalEntry(3, 'a/b'),
    ]);
    expect(state.entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(state.damagedLines).toBe(1);
    expect(state.loaded).toBe(true);
  });
});
