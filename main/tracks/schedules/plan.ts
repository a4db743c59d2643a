// The scheduled-jobs track's plan part: its keys (plan-schema.ts), its located checks (plan-checks.ts), its runbook
// action (declared here for the grammar; what it does comes with the track's runbook part), and what the core asks of
// a loaded plan about it.
import type { PlanAction } from '../../plan/grammar';
import type { PlanParts } from '../../plan/plan-parts';
import { closestWord } from '../../plan/schema';
import type { PlanPart } from '../../seam/plan-part';
import { checkSchedulesPlan } from './plan-checks';
import {
  HandoverAction,
  SCHEDULES_STACK_SHAPE,
  SCHEDULES_WAVE_SHAPE,
  schedulesOf,
  schedulesOfWave,
  type Handover,
  type JobEntry,
  type SchedulesStackFields,
  type SchedulesWaveFields,
} from './plan-schema';

/**
 * The stack config `schedules:settings` (JSON) the program part reads (pulumi-programs/tracks/schedules): each job's
 * AWS side — the schedule's expression, zone, window and retries, and the function it fires. Never the data-center
 * side or any credential. Its shape is the program's contract: change both together.
 */
export interface SchedulesProgramSettings {
  readonly jobs: readonly {
    readonly id: string;
    readonly description?: string;
    readonly idempotent: boolean;
    readonly aws: JobEntry['aws'];
  }[];
}

/**
 * Hands the wave's jobs over to AWS. Its role is 'move-traffic': it moves work to AWS as a traffic switch moves
 * users, so the generic order check warns when a drain (replication stopped) comes after it — an AWS job must not
 * write to a database the data center still replicates into.
 */
export const HANDOVER: PlanAction<Handover> = {
  type: 'schedules-handover',
  schema: HandoverAction,
  role: 'move-traffic',
  check(action, at, wave, stacks, report) {
    // A step timeout shorter than the handover's own wait cuts it off with a timeout instead of its own words.
    const stepIndex = at[at.length - 2];
    const step = typeof stepIndex === 'number' ? wave.cutover?.runbook[stepIndex] : undefined;
    const wait = schedulesOfWave(wave).schedules?.handoverTimeoutMinutes ?? 30;
    if (step?.timeoutMinutes !== undefined && step.timeoutMinutes < wait)
      report.warning(
        [...at.slice(0, -1), 'timeoutMinutes'],
        `the step times out after ${step.timeoutMinutes} min, before the handover's wait for data-center runs ends (${wait} min, the wave's schedules.handoverTimeoutMinutes): give the step at least ${wait} min plus the first slot's watch, or shorten the wait`,
      );
    const jobs = stacks.flatMap((stack) => (schedulesOf(stack).schedules?.jobs ?? []).map((job) => job.id));
    if (stacks.length > 0 && jobs.length === 0) {
      report.warning([...at, 'type'], `schedules-handover has nothing to hand over: no stack of wave '${wave.id}' has scheduled jobs`);
      return;
    }
    action.jobs?.forEach((id, i) => {
      if (jobs.includes(id)) return;
      const suggestion = closestWord(id, jobs);
      report.error(
        [...at, 'jobs', i],
        `no job '${id}' on the stacks of wave '${wave.id}'; ${suggestion ? `did you mean '${suggestion}'?` : `its jobs: ${jobs.join(', ')}`}`,
      );
    });
  },
};

/**
 * The plan part. The sides' 14-day comparison starts at the plan's first cutover window, or `now()` for a plan without
 * one (tests inject a fixed instant, so the check's warnings do not move with the calendar).
 */
export function schedulesPlanPart(now: () => number = Date.now): PlanPart<SchedulesStackFields, SchedulesWaveFields> {
  return {
    stackShape: SCHEDULES_STACK_SHAPE,
    waveShape: SCHEDULES_WAVE_SHAPE,
    actions: [HANDOVER],
    check: (plan: PlanParts, waves, report) => checkSchedulesPlan(plan, waves, report, now),
    of: schedulesOf,
    ofWave: schedulesOfWave,
    // A job's function may be one the stack deploys otherwise, its ARN a stack output.
    readsOutputs: (stack) => (schedulesOf(stack).schedules?.jobs ?? []).some((job) => job.aws.functionArnOutput !== undefined),
    uses: (plan) => [...plan.stacks.values()].some((stack) => schedulesOf(stack).schedules !== undefined),
    // The schedulers' API tokens (user names are not secret).
    secretVariables: (stack) =>
      (schedulesOf(stack).schedules?.schedulers ?? []).flatMap((scheduler) => {
        const auth = scheduler.jenkins?.auth ?? scheduler.cron?.auth;
        return auth ? [auth.tokenEnv] : [];
      }),
    stackConfig: (stack): Record<string, string> => {
      const schedules = schedulesOf(stack).schedules;
      if (!schedules) return {};
      const settings: SchedulesProgramSettings = {
        jobs: schedules.jobs.map((job) => ({
          id: job.id,
          ...(job.description === undefined ? {} : { description: job.description }),
          idempotent: job.idempotent,
          aws: job.aws,
        })),
      };
      return { 'schedules:settings': JSON.stringify(settings) };
    },
  };
}

export const schedulesPlan = schedulesPlanPart();
