// How a journal entry's target reads to an operator: names the plan gives (the wave's name, the task's DMS
// identifier), never an internal key such as `platform-production/app1101#0`. Pure, so it is tested without a DOM.
import type { JournalEntryView } from '../../../main/api/contract';
import { JOURNAL_PHASE_LABELS, kindLabel } from './operations';
import { WAVE_OPERATION_NAMES } from './plan-wave';
import { taskName } from '../tracks/dms/lib/replication';

export interface JournalNames {
  /** The wave's name in the loaded plan, or undefined when the plan does not have it (any more). */
  waveName(waveId: string): string | undefined;
}

function waveText(waveId: string, names: JournalNames): string {
  const name = names.waveName(waveId);
  return name ? `${name} (${waveId})` : `wave ${waveId}`;
}

/** "platform-production/app1101", "Pilot: internal tools (wave-1)", "app1101-mysql-full-load-cdc (platform-production/app1101)", "Pilot … · step announce". */
export function journalTargetText(target: JournalEntryView['target'], names: JournalNames): string {
  switch (target.type) {
    case 'stack':
      return target.stackId;
    case 'wave':
      return waveText(target.waveId, names);
    case 'replication-task':
      return `${taskName({ key: target.taskKey, stackId: target.stackId, taskId: target.taskId })} (${target.stackId})`;
    case 'cutover-step':
      return `${waveText(target.waveId, names)} · step ${target.stepId}`;
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
  if (entry.kind === 'cutover-snapshot' && entry.phase === 'succeeded') return { phase: 'recorded', label: 'recorded' };
  return { phase: entry.phase, label: JOURNAL_PHASE_LABELS[entry.phase] };
}

export function journalKindText(kind: JournalEntryView['kind']): string {
  return kind === 'wave-deploy' || kind === 'wave-rollback' ? WAVE_OPERATION_NAMES[kind] : kindLabel(kind);
}
