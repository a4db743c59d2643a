// Cutover run views for the renderer's unit tests.
import type { CutoverRunView, CutoverStepView } from '../../../main/api/contract';

export function step(id: string, extra: Partial<CutoverStepView> = {}): CutoverStepView {
  return {
    id,
    name: `Step ${id}`,
    type: 'manual',
    description: `checklist of ${id}`,
    mustSucceed: true,
    timeoutMinutes: 15,
    status: 'pending',
    attempt: 0,
    startedAt: null,
    finishedAt: null,
    message: null,
    confirmedBy: null,
    confirmedAt: null,
    targets: [],
    ...extra,
  };
}

export function run(waveId: string, extra: Partial<CutoverRunView> = {}, clock: Partial<CutoverRunView['clock']> = {}): CutoverRunView {
  return {
    waveId,
    runId: null,
    status: 'not-started',
    startedAt: null,
    finishedAt: null,
    startedBy: null,
    readinessAtStart: null,
    override: null,
    clock: {
      windowStart: '2026-12-05T01:00:00.000Z',
      windowEnd: '2026-12-05T05:00:00.000Z',
      downtimeBudgetMinutes: 45,
      downtimeStartedAt: null,
      downtimeEndedAt: null,
      asOf: '2026-12-05T00:00:00.000Z',
      ...clock,
    },
    currentStepId: null,
    message: null,
    steps: [step('announce'), step('switch', { type: 'pulumi-up', description: 'deploys' })],
    rollback: null,
    finalized: null,
    rollbackImpact: [],
    timeline: [],
    rollbackPlan: [],
    planChanges: [],
    ...extra,
  };
}
