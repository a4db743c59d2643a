// The runbook on the wall: the current step and its time left, each step's status in words, who drives the wave
// (team mode) and the approvals that wait. Pure, from the run view and the team view.
import type { CutoverRunView, CutoverStepView, TeamView } from '../../../../main/api/contract';
import { stepTimeLeft } from '../../lib/cutover';
import { formatClock } from '../../lib/format';
import { approvalSubject, approvalText, PURPOSE_WORDS } from '../../lib/team';
import { formatUnits } from './units';

export interface CurrentStep {
  readonly index: number;
  readonly step: CutoverStepView;
}

/** The step the run is on (the core's currentStepId), else the one that stopped it (failed, aborted); null when none. */
export function currentStep(run: CutoverRunView): CurrentStep | null {
  const byId = run.currentStepId === null ? -1 : run.steps.findIndex((step) => step.id === run.currentStepId);
  const index = byId >= 0 ? byId : run.steps.findIndex((step) => step.status === 'running' || step.status === 'waiting' || step.status === 'failed');
  const step = run.steps[index];
  return step ? { index, step } : null;
}

/** A step's status for the wall: what the room needs to know, in words. */
export function stepStatusWords(step: CutoverStepView): string {
  switch (step.status) {
    case 'pending':
      return 'to do';
    case 'running':
      return step.attempt > 1 ? `running (attempt ${step.attempt})` : 'running';
    case 'waiting':
      return step.pointOfNoReturn ? 'waits for the wave id' : 'waits for confirmation';
    case 'succeeded':
      return 'done';
    case 'warning':
      return 'failed, optional: went on';
    case 'failed':
      return 'failed';
    case 'aborted':
      return 'aborted';
  }
}

/** The running or waiting step's time against its timeout ("4 min 10 s left of 15 min"); null without one. */
export function stepTimerText(step: CutoverStepView, coreNow: number): { text: string; over: boolean } | null {
  const left = stepTimeLeft(step, coreNow);
  if (left === null || step.timeoutMinutes === null) return null;
  const timeout = formatUnits(step.timeoutMinutes * 60_000);
  return left < 0
    ? { text: `over its ${timeout} timeout by ${formatUnits(-left)}`, over: true }
    : { text: `${formatUnits(left)} left of its ${timeout} timeout`, over: false };
}

/** Who drives the wave (team mode): the lock's holder by name (never "you": the wall is nobody's), or null alone. */
export function driverText(team: TeamView | null, waveId: string): string | null {
  if (!team || team.mode !== 'team') return null;
  const lock = team.locks.find((candidate) => candidate.waveId === waveId);
  if (!lock) return 'Nobody holds this wave now';
  if (lock.expired) return `Nobody drives this wave: ${lock.holder}'s lease lapsed at ${formatClock(lock.expiresAt)} UTC`;
  const asked = lock.request ? `; ${lock.request.by} asks for control since ${formatClock(lock.request.at)} UTC` : '';
  return `${lock.holder} drives this wave (${PURPOSE_WORDS[lock.purpose]}, since ${formatClock(lock.since)} UTC)${asked}`;
}

/** The wave's approval requests still waiting for approvers, in words. */
export function waitingApprovals(team: TeamView | null, waveId: string): string[] {
  if (!team || team.mode !== 'team') return [];
  return team.approvals
    .filter((request) => request.waveId === waveId && request.status === 'pending')
    .map((request) => `Approval for ${approvalSubject(request)}: ${approvalText(request)}`);
}

export interface RunbookWindow {
  /** The steps before the shown ones, in words ("Steps 1–3 done"); null when every step is shown from the first. */
  readonly earlier: string | null;
  readonly shown: readonly CurrentStep[];
}

/**
 * The part of the runbook the wall shows: from the step before the current one on, so the current step is near the
 * top however long the runbook (a wall screen does not scroll); the steps above it are summed up in one line.
 */
export function runbookWindow(run: CutoverRunView, context = 1): RunbookWindow {
  const current = currentStep(run);
  const from = current ? Math.max(0, current.index - context) : 0;
  const shown = run.steps.slice(from).map((step, offset) => ({ index: from + offset, step }));
  if (from === 0) return { earlier: null, shown };
  const above = run.steps.slice(0, from);
  const optionalFailed = above.filter((step) => step.status === 'warning').length;
  const range = from === 1 ? 'Step 1' : `Steps 1–${from}`;
  const done = above.every((step) => step.status === 'succeeded' || step.status === 'warning');
  const tail = optionalFailed > 0 ? ` (${optionalFailed} optional ${optionalFailed === 1 ? 'step' : 'steps'} failed)` : '';
  return { earlier: done ? `${range} done${tail}` : `${range}: ${above.map((step) => stepStatusWords(step)).join(', ')}`, shown };
}
