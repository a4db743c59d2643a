// A run's status beside the wave's phase, what a step card says (each fact once), a compensation's status.
import type { CompensationView, CutoverRunView, CutoverStepView, WavePhase } from '../../../../main/api/contract';
import { formatClock, formatUtcSeconds } from '../format';
import { phaseTone, type PhaseTone } from '../wave-phase';
import { RUN_STATUS_LABELS } from './controls';

export interface RunStatusWords {
  readonly label: string;
  /** The phase's tone when the words are the run's history (it was rolled back), else null: the status's own colour. */
  readonly tone: PhaseTone | null;
  readonly title: string;
}

const ROLLBACK_PHASES: Partial<Record<WavePhase, string>> = {
  'rolling-back': 'rolling back now',
  'rolled-back': 'then rolled back',
  'rollback-failed': 'its rollback failed',
};

/**
 * The run's status for the runbook header, never contradicting the wave's phase (the core's one lifecycle): once the
 * wave is rolled back (or rolling back), the run's own end is history — "Run succeeded at 05:34:30 UTC, then rolled
 * back" in the phase's tone, not a green "Succeeded". `phase` is the published phase; without one, the run's
 * rollback stands in for it.
 */
export function runStatusWords(run: CutoverRunView, phase: WavePhase | undefined): RunStatusWords {
  const fromRollback: WavePhase | undefined = run.rollback
    ? run.rollback.status === 'running'
      ? 'rolling-back'
      : run.rollback.status === 'failed'
        ? 'rollback-failed'
        : 'rolled-back'
    : undefined;
  const rollbackPhase = phase !== undefined && ROLLBACK_PHASES[phase] ? phase : phase === undefined ? fromRollback : undefined;
  if (rollbackPhase !== undefined && run.runId !== null) {
    const ended = run.finishedAt ? ` at ${formatClock(run.finishedAt)} UTC` : '';
    const status = RUN_STATUS_LABELS[run.status].toLowerCase();
    return {
      label: `Run ${status}${ended}, ${ROLLBACK_PHASES[rollbackPhase]!}`,
      tone: phaseTone(rollbackPhase),
      title: `How this run of the runbook ended${run.finishedAt ? ` (${formatUtcSeconds(run.finishedAt)})` : ''}; the wave's phase beside it is where the wave is now`,
    };
  }
  return { label: RUN_STATUS_LABELS[run.status], tone: null, title: "The state of this run of the runbook; the wave's phase is beside it" };
}

// -------------------------------------------------------------------------------------------------------
// A step card: each fact once
// -------------------------------------------------------------------------------------------------------

export interface StepFacts {
  /** The step's message when it says something the card does not say elsewhere, else null. */
  readonly message: string | null;
  /** The note typed with a manual step's confirmation, or null. */
  readonly note: string | null;
}

/**
 * What a step card says besides its description: the core's message unless the card says it already — a
 * confirmation's "confirmed by X: note" (the card says who and when, with the note), or a summary of the per-stack
 * lines listed under it (a succeeded step whose stacks all succeeded, or a message made of their own messages).
 */
export function stepFacts(step: CutoverStepView): StepFacts {
  const message = step.message?.trim() || null;
  if (message === null) return { message: null, note: null };
  if (step.confirmedBy !== null) {
    const prefix = `confirmed by ${step.confirmedBy}`;
    if (message === prefix) return { message: null, note: null };
    if (message.startsWith(`${prefix}: `)) return { message: null, note: message.slice(prefix.length + 2).trim() || null };
    return { message, note: null };
  }
  return { message: coveredByTargets(message, step) ? null : message, note: null };
}

function coveredByTargets(message: string, step: CutoverStepView): boolean {
  const targets = step.targets;
  if (targets.length === 0) return false;
  if (step.status === 'succeeded' && targets.every((target) => target.status === 'succeeded' || target.status === 'skipped')) return true;
  const texts = targets.flatMap((target) => (target.message ? [target.message.trim()] : [])).filter(Boolean);
  if (texts.length === 0) return false;
  return message.split('; ').every((part) => texts.some((text) => part.trim().endsWith(text)));
}

// -------------------------------------------------------------------------------------------------------
// A rollback's compensations
// -------------------------------------------------------------------------------------------------------

/** How a compensation's status reads: its words, and the `data-status` its colour follows. */
export interface CompensationStatusWords {
  readonly label: string;
  readonly tone: 'nothing-to-do' | CompensationView['status'];
}

/**
 * A skipped compensation found nothing to undo (the task was stopped already, or an earlier rollback did it): that
 * is no warning, so it reads "nothing to do" in a neutral colour, as the evidence pack says it.
 */
export function compensationStatusWords(status: CompensationView['status']): CompensationStatusWords {
  return status === 'skipped' ? { label: 'nothing to do', tone: 'nothing-to-do' } : { label: status, tone: status };
}
