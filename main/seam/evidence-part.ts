// What a track adds to a wave's evidence pack (main/cutover/evidence.ts): the snapshot journaled at each moment of a
// run (under its track id in the `cutover-snapshot` entry's details), the sections it renders from the journal, and
// its rows and columns in the plan excerpt. The pack is built from the plan and the journal only.
import type { JournalEntry } from '../journal/entry';
import type { MigrationPlan, StackModel, WaveModel } from '../plan/model';

export type EvidenceBlock =
  { kind: 'p'; text: string } | { kind: 'kv'; rows: [string, string][] } | { kind: 'table'; head: string[]; rows: string[][] } | { kind: 'pre'; text: string };

export interface EvidenceSection {
  readonly title: string;
  readonly level: 2 | 3;
  readonly blocks: EvidenceBlock[];
}

export interface EvidenceJournal {
  /** The journal's entries about the wave (its stacks, its runs, their steps). */
  readonly related: readonly JournalEntry[];
  /** The cutover step or compensating step an entry ran for, in words, else "operator". */
  partOf(entry: JournalEntry): string;
}

export interface EvidencePart<R = unknown> {
  /** What to journal at a moment of a run (start, failed, end, …) as `details[track.id]`; may throw. */
  snapshot(waveId: string, plan: MigrationPlan, runtime: R): unknown;
  /** Sections after a run's own (the run's `cutover-snapshot` entries, oldest first). */
  runSections?(snapshots: readonly JournalEntry[]): EvidenceSection[];
  /** Sections after the Pulumi updates. */
  sections?(journal: EvidenceJournal): EvidenceSection[];
  /** The track's rows about the wave in the plan excerpt (after its cutover window), as [name, value]. */
  waveRows?(wave: WaveModel): [string, string][];
  /** The track's columns in the plan excerpt's stack table. */
  readonly stackColumns?: { readonly head: readonly string[]; cells(stack: StackModel): string[] };
}
