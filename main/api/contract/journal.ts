// The API contract — the journal as the API shows it (main/journal/entry.ts owns the schema).
import type { z } from 'zod';
import { JournalEntrySchema } from '../../journal/entry';

/** Journal entries cross the API as the journal writes them (main/journal/entry.ts): one schema for both. */
export const JournalEntryViewSchema = JournalEntrySchema;
export type JournalEntryView = z.infer<typeof JournalEntryViewSchema>;
