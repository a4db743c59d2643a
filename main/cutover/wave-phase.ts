// Where a wave is in its migration, derived in one place from what the core knows: the latest run of its cutover
// runbook (and that run's rollback), its readiness, and for a wave without a runbook its stacks' deployment. Pure;
// the readiness service calls it on every evaluation and publishes the result with the wave's readiness, so the
// plan view, the Cutover tab, the runbook header and the evidence pack all say the same.
//
// A wave with a runbook (in the spirit of AWS MGN's lifecycle):
//   not-deployed → not-ready ⇄ ready → cutover-in-progress → cut-over → finalized
//                         ↘ cutover-stopped (failed or aborted, not rolled back)
//                       cutover-in-progress | cutover-stopped | cut-over → rolling-back → rolled-back | rollback-failed
// A rolled-back wave stays rolled back until a new run starts (its readiness is judged again meanwhile).
// A wave without a runbook (infrastructure, e.g. the network foundation) has nothing to cut over:
//   not-deployed → deployed.
import type { CutoverRunView, WavePhase } from '../api/contract';
import { deployingWords, WAVE_PHASE_WORDS } from '../../common/states';

export { WAVE_PHASE_WORDS };

/** The parts of a wave's latest run the phase depends on. */
export type PhaseRun = Pick<CutoverRunView, 'status' | 'startedAt' | 'finishedAt' | 'message' | 'finalized'> & {
  readonly rollback: Pick<NonNullable<CutoverRunView['rollback']>, 'status' | 'startedAt' | 'finishedAt'> | null;
  /** The step the run is at (running, waiting or failed), by name. */
  readonly currentStepName: string | null;
  /** When the step the run is at failed (a failed run stopped then, not when it started), or null. */
  readonly currentStepFailedAt?: string | null;
  /** Stacks whose latest health check (http-check step) in this run failed, unless the run was rolled back since. */
  readonly failedHealthChecks?: Readonly<Record<string, FailedHealthCheck>>;
};

/** A stack's failed health check in a cutover run: what it got, in which step, when (ISO, core clock). */
export interface FailedHealthCheck {
  readonly what: string;
  readonly stepName: string;
  readonly at: string | null;
}

export interface PhaseInput {
  readonly hasRunbook: boolean;
  readonly stackCount: number;
  /** Stacks whose infrastructure exists (see STACK_EXISTS). */
  readonly deployedCount: number;
  readonly ready: boolean;
  readonly readySince: string | null;
  readonly blockingCount: number;
  /** The wave's latest run, or null when none started. */
  readonly run: PhaseRun | null;
  /** A wave deploy of the wave is running (the core's wave runner). */
  readonly deploying?: boolean;
}

export interface WavePhaseView {
  readonly phase: WavePhase;
  /** When the wave entered the phase, when known (ISO, core clock). */
  readonly since: string | null;
  /** The phase in a sentence: what it rests on and what comes next. */
  readonly detail: string;
  /** While a wave deploy runs in a phase it may change (no run holds the wave): its stacks deployed so far. */
  readonly deploying?: { readonly deployed: number; readonly total: number };
}

/** Phases a wave deploy moves on from (no cutover run holds the wave): while one runs, the phase says so. */
const DEPLOYABLE: ReadonlySet<WavePhase> = new Set(['not-deployed', 'deployed', 'not-ready', 'ready', 'rolled-back']);

/** The wave's phase, said as "deploying" while a wave deploy runs, so "Not deployed" never shows over a running deploy. */
export function wavePhase(input: PhaseInput): WavePhaseView {
  const view = settledPhase(input);
  if (!input.deploying || !DEPLOYABLE.has(view.phase)) return view;
  const deploying = { deployed: input.deployedCount, total: input.stackCount };
  return { ...view, detail: deployingWords(deploying.deployed, deploying.total), deploying };
}

/** The phases' names, the same in the UI (renderer/src/lib/wave-phase.ts, checked by its test), journal and evidence. */
/** The parts of a run view the phase depends on. */
export function toPhaseRun(run: CutoverRunView): PhaseRun {
  const current = run.steps.find((step) => step.id === run.currentStepId);
  return {
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    message: run.message,
    finalized: run.finalized,
    rollback: run.rollback ? { status: run.rollback.status, startedAt: run.rollback.startedAt, finishedAt: run.rollback.finishedAt } : null,
    currentStepName: current?.name ?? null,
    currentStepFailedAt: current?.status === 'failed' ? current.finishedAt : null,
    failedHealthChecks: failedHealthChecks(run),
  };
}

/**
 * Each stack's latest decided health check in the run (steps in runbook order; a later check that passes clears an
 * earlier failure); none once the run was rolled back, which took the traffic back to where it was healthy.
 */
function failedHealthChecks(run: CutoverRunView): Readonly<Record<string, FailedHealthCheck>> | undefined {
  if (run.rollback?.status === 'succeeded') return undefined;
  const failed = new Map<string, FailedHealthCheck>();
  for (const step of run.steps) {
    if (step.type !== 'http-check') continue;
    for (const target of step.targets) {
      if (target.status === 'succeeded') failed.delete(target.stackId);
      else if (target.status === 'failed') {
        // "HTTP 503 from <url>, expected 200 after 3 attempt(s)" reads "HTTP 503"; anything else as it came.
        const message = target.message ?? 'failed';
        failed.set(target.stackId, { what: /^HTTP \d{3}/.exec(message)?.[0] ?? message, stepName: step.name, at: step.finishedAt });
      }
    }
  }
  return failed.size > 0 ? Object.fromEntries(failed) : undefined;
}

/** Phases in which the wave's migration has taken effect for the waves that depend on it (readiness.ts waveDone). */
export const DONE_PHASES: ReadonlySet<WavePhase> = new Set(['cut-over', 'finalized', 'deployed']);

function settledPhase(input: PhaseInput): WavePhaseView {
  if (!input.hasRunbook) {
    if (input.stackCount > 0 && input.deployedCount === input.stackCount) {
      return { phase: 'deployed', since: null, detail: `all ${input.stackCount} stacks deployed; the wave has no cutover runbook (nothing to cut over)` };
    }
    return { phase: 'not-deployed', since: null, detail: `${input.deployedCount} of ${input.stackCount} stacks deployed; the wave has no cutover runbook` };
  }
  const run = input.run;
  if (!run || run.status === 'not-started') {
    // Before any of its stacks exists a wave is not deployed, with or without a runbook: its gates would only say so.
    if (input.stackCount > 0 && input.deployedCount === 0) {
      return { phase: 'not-deployed', since: null, detail: `none of its ${input.stackCount} stacks is deployed yet; its gates are judged once they are` };
    }
    return judged(input);
  }
  const rollback = run.rollback;
  if (rollback) {
    if (rollback.status === 'running') return { phase: 'rolling-back', since: rollback.startedAt, detail: 'the rollback across systems is running' };
    if (rollback.status === 'failed')
      return {
        phase: 'rollback-failed',
        since: rollback.finishedAt,
        detail: 'the rollback stopped at a failed step: the wave is partly rolled back. Fix the cause and roll back again',
      };
    const again = input.ready ? 'ready for another cutover' : `${input.blockingCount} gate(s) blocking another cutover`;
    return { phase: 'rolled-back', since: rollback.finishedAt, detail: `rolled back; ${again}` };
  }
  switch (run.status) {
    case 'running':
      return {
        phase: 'cutover-in-progress',
        since: run.startedAt,
        detail: run.currentStepName ? `at step '${run.currentStepName}'` : 'the runbook is running',
      };
    case 'pausing':
    case 'paused':
      return {
        phase: 'cutover-in-progress',
        since: run.startedAt,
        detail: `${run.status}${run.currentStepName ? ` at step '${run.currentStepName}'` : ''}: resume, abort or roll back`,
      };
    case 'failed':
      return {
        phase: 'cutover-stopped',
        since: run.currentStepFailedAt ?? run.finishedAt ?? run.startedAt,
        detail: run.message ?? 'a step failed: retry it, abort the run, or roll the wave back',
      };
    case 'aborted':
      return {
        phase: 'cutover-stopped',
        since: run.finishedAt,
        detail: `${run.message ?? 'aborted'}: the wave may be partly cut over; roll it back or start again`,
      };
    case 'succeeded':
      if (run.finalized)
        return { phase: 'finalized', since: run.finalized.at, detail: `finalized by ${run.finalized.by}: the cutover is final, rollback is closed` };
      return { phase: 'cut-over', since: run.finishedAt, detail: 'the runbook succeeded; roll back if needed, or finalize when the wave is accepted' };
  }
}

function judged(input: PhaseInput): WavePhaseView {
  // Ready-since is on the replication data's clock (an accelerated rehearsal runs ahead): the gate matrix shows it
  // labelled with that clock; the phase's own "since" is on the core's clock only, so it is left out here.
  if (input.ready) return { phase: 'ready', since: null, detail: 'every gate of every stack is green' };
  return { phase: 'not-ready', since: null, detail: `${input.blockingCount} gate(s) blocking` };
}
