// The readiness a run's snapshot records (runbook.ts), and how the evidence pack reads it back. The gates decide only
// whether a run may start (the Plan and Cutover views say "gates not judged" in every phase a run holds the wave, or
// after it cut over: renderer/src/lib/wave-phase.ts gatesDecide). So only the start's snapshot holds a verdict; every
// later one holds the phase the run put the wave in, and the pack says "not judged (cut over)" there, never a
// "NOT ready" caused by the runbook's own stop of replication.
import type { WavePhase } from '../api/contract';
import { WAVE_PHASE_WORDS } from '../../common/states';

/** The moments of a run at which it journals a snapshot. */
export type SnapshotMoment = 'start' | 'failed' | 'resume' | 'retry' | 'end' | 'aborted';

/** What a snapshot's `details.readiness` holds: the verdict at the start, else the phase that left the gates unjudged. */
export type SnapshotReadiness = { readonly ready: boolean; readonly reasons: readonly string[] } | { readonly judged: false; readonly phase: WavePhase };

/** The phase the run holds the wave in at each moment after its start (wave-phase.ts derives the same). */
export const PHASE_AT_MOMENT: Readonly<Record<Exclude<SnapshotMoment, 'start'>, WavePhase>> = {
  failed: 'cutover-stopped',
  resume: 'cutover-in-progress',
  retry: 'cutover-in-progress',
  end: 'cut-over',
  aborted: 'cutover-stopped',
};

/** A gate-history row's readiness and reasons, in the pack's words. */
export interface GateHistoryWords {
  readonly readiness: string;
  readonly reasons: string;
}

/**
 * Reads a snapshot's readiness for the gate history, or null when it recorded none. Journals written before the
 * run's later snapshots recorded their phase may hold a verdict taken while the run held the wave: that one was not
 * the gates' to give, so it reads as not judged too, with what was recorded kept beside it.
 */
export function gateHistoryWords(moment: unknown, recorded: unknown): GateHistoryWords | null {
  if (!recorded || typeof recorded !== 'object') return null;
  const readiness = recorded as { ready?: unknown; reasons?: unknown; judged?: unknown; phase?: unknown };
  const held = typeof moment === 'string' && moment in PHASE_AT_MOMENT ? PHASE_AT_MOMENT[moment as keyof typeof PHASE_AT_MOMENT] : undefined;
  const phase =
    readiness.judged === false && typeof readiness.phase === 'string' && readiness.phase in WAVE_PHASE_WORDS ? (readiness.phase as WavePhase) : held;
  const reasons = Array.isArray(readiness.reasons) ? readiness.reasons.map(String) : [];
  if (phase !== undefined) {
    const why = 'the gates decide only whether a run may start; the run holds the wave (its runbook stops replication on purpose)';
    const then =
      typeof readiness.ready === 'boolean' ? `; recorded then as ${readiness.ready ? 'ready' : `not ready: ${reasons.join('; ') || 'no reason given'}`}` : '';
    return { readiness: `not judged (${WAVE_PHASE_WORDS[phase].toLowerCase()})`, reasons: `${why}${then}` };
  }
  if (typeof readiness.ready !== 'boolean') return null;
  return { readiness: readiness.ready ? 'ready' : 'NOT ready', reasons: reasons.join('; ') || '—' };
}

/** What a snapshot entry's message says: the moment it was taken (the journal shows it beside the entry). */
export const SNAPSHOT_MESSAGES: Readonly<Record<SnapshotMoment, string>> = {
  start: 'gates and replication recorded as the run started',
  failed: 'replication recorded as a step failed',
  resume: 'replication recorded as the run resumed',
  retry: 'replication recorded as a failed step was retried',
  end: 'replication recorded as the run ended',
  aborted: 'replication recorded as the run was aborted',
};
