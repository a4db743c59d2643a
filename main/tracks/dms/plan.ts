// The DMS track's plan part: its keys (plan-schema.ts), its runbook actions with their roles, its located checks
// (plan-checks.ts), its fields of the plan view, and what the core asks of a loaded plan about it.
import type { StackView, WaveView } from '../../api/contract/plan';
import type { PlanAction } from '../../plan/grammar';
import type { MigrationPlan } from '../../plan/model';
import type { PlanPart } from '../../seam/plan-part';
import { checkDmsPlan, checkHasTasks } from './plan-checks';
import {
  DMS_STACK_SHAPE,
  DMS_WAVE_SHAPE,
  dmsStackFields,
  dmsWaveFields,
  FreezeCheckAction,
  StopReplicationAction,
  type DmsStackFields,
  type DmsWaveFields,
  type FreezeCheck,
  type StopReplication,
} from './plan-schema';

/** Waits until the writers are blocked (actions.ts): quiesces the source. */
export const FREEZE_CHECK: PlanAction<FreezeCheck> = { type: 'freeze-check', schema: FreezeCheckAction, role: 'quiesce', check: checkHasTasks };

/** Drains and stops the wave's forward tasks (actions.ts). */
export const STOP_REPLICATION: PlanAction<StopReplication> = {
  type: 'stop-replication',
  schema: StopReplicationAction,
  role: 'drain',
  check: checkHasTasks,
};

export const dmsPlan: PlanPart<DmsStackFields, DmsWaveFields> = {
  stackShape: DMS_STACK_SHAPE,
  waveShape: DMS_WAVE_SHAPE,
  actions: [FREEZE_CHECK, STOP_REPLICATION],
  check: checkDmsPlan,
  of: dmsStackFields,
  ofWave: dmsWaveFields,
  view: (stack): Pick<StackView, 'replicationTasks'> => ({
    replicationTasks: dmsStackFields(stack).replicationTasks.map((task) =>
      'taskId' in task ? { kind: 'task-id', taskId: task.taskId } : { kind: 'stack-output', output: task.fromStackOutput },
    ),
  }),
  waveView: (wave): Pick<WaveView, 'gates'> => ({ gates: dmsWaveFields(wave).gates ?? null }),
  // A task named by a stack output is found once the output is known: read from the stack's state at load.
  readsOutputs: (stack) => dmsStackFields(stack).replicationTasks.some((task) => 'fromStackOutput' in task),
  // The data column has been in every plan's readiness matrix since before tracks (a stack without tasks reads
  // green, "no replication tasks"), and operators and the views know the matrix by it: DMS takes part in every plan.
  uses: () => true,
};

/** The fallback reverse task of a stack of the plan, if it has one. */
export function reverseTaskOf(plan: MigrationPlan, stackId: string): string | undefined {
  const stack = plan.stacks.get(stackId);
  return stack && dmsPlan.of(stack).fallback?.reverseTaskId;
}
