// A journal entry on its way to the team store: everything but the seq, which the store gives it (the total order),
// with the writer's own id so a retry finds the row an earlier attempt wrote.
import { z } from 'zod';
import { JournalEntrySchema } from '../journal/entry';

export const PendingEntrySchema = JournalEntrySchema.omit({ seq: true }).extend({ entryId: z.uuid() });
export type PendingEntry = z.infer<typeof PendingEntrySchema>;
