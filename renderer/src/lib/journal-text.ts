// How a journal entry's target and kind read to an operator: names the plan gives (the wave's name) and the words a
// track gives its own targets and kinds (DMS: the task's identifier, never an internal key such as
// `platform-production/app1101#0`). Pure, so it is tested without a DOM.
import type { JournalEntryView } from '../../../main/api/contract';
import { JOURNAL_PHASE_LABELS, kindLabel } from './operations';
import { WAVE_OPERATION_NAMES } from './plan-wave';

export interface JournalNames {
  /** The wave's name in the loaded plan, or undefined when the plan does not have it (any more). */
  waveName(waveId: string): string | undefined;
  /** A target in the words of the track it belongs to (seam/contributions.ts trackJournalTarget), else null. */
  trackTarget?(target: JournalEntryView['target']): string | null;
  /** A kind in the words of the track that declares it (seam/contributions.ts trackJournalKind), else undefined. */
  trackKind?(kind: string): string | undefined;
}

function waveText(waveId: string, names: JournalNames): string {
  const name = names.waveName(waveId);
  return name ? `${name} (${waveId})` : `wave ${waveId}`;
}

/** "platform-production/app1101", "Pilot: internal tools (wave-1)", "Pilot … · step announce", a track's words. */
export function journalTargetText(target: JournalEntryView['target'], names: JournalNames): string {
  switch (target.type) {
    case 'stack':
      return target.stackId;
    case 'wave':
      return waveText(target.waveId, names);
    case 'cutover-step':
      return `${waveText(target.waveId, names)} · step ${target.stepId}`;
    default:
      // A track's target (DMS: a replication task) in the track's words; its stack, should no track name it.
      return names.trackTarget?.(target) ?? target.stackId;
  }
}

/**
 * The kind of a journal entry in words, as the Plan tab names it: the core's `wave-rollback` is "Undo wave deploy"
 * (the wave's stacks back to their previous Pulumi update), so it never reads like the cutover rollback.
 */
/**
 * The phase an entry shows: a snapshot is a record taken during a run, not an outcome, so it reads "recorded" (in a
 * neutral tone) rather than a green "succeeded" beside a failed step.
 */
export function journalPhaseShown(entry: Pick<JournalEntryView, 'kind' | 'phase'>): { phase: string; label: string } {
  // A wave lock's change (taken, asked for, handed over) is a record too: its message says what happened.
  if ((entry.kind === 'cutover-snapshot' || entry.kind === 'team-lock') && entry.phase === 'succeeded') return { phase: 'recorded', label: 'recorded' };
  return { phase: entry.phase, label: JOURNAL_PHASE_LABELS[entry.phase] };
}

export function journalKindText(kind: JournalEntryView['kind'], names?: Pick<JournalNames, 'trackKind'>): string {
  if (kind === 'wave-deploy' || kind === 'wave-rollback') return WAVE_OPERATION_NAMES[kind];
  return names?.trackKind?.(kind) ?? kindLabel(kind);
}
