// The scheduled jobs of a plan as the monitor, the gate and the handover read them now: each job's two sides from the
// plan, its wave and the wave's handover settings, where its AWS calls go, and what its stack's outputs say (its
// function's and schedule's names, `schedulesJobs`). Read at every cycle: outputs arrive as stacks deploy.
import { parseAwsSchedule, parseDcCron, type Schedule } from '../../../common/schedules/index';
import type { MigrationPlan, StackModel } from '../../plan/model';
import { placementOf } from '../../seam/track-environment';
import { schedulesPlan } from './plan';
import type { JobEntry, SchedulerEntry, SchedulesWaveSettings } from './plan-schema';

/** The output the program parts give: job id → its function and schedule. */
export const JOBS_OUTPUT = 'schedulesJobs';

export interface JobResources {
  readonly functionName: string;
  readonly scheduleName: string;
  readonly scheduleGroup: string;
}

export interface WatchedJob {
  /** `<stackId>#<jobId>`. */
  readonly key: string;
  readonly stackId: string;
  readonly jobId: string;
  readonly waveId: string | null;
  /** Where its AWS calls go: its account (by name; '' without accounts) and region. */
  readonly placement: string;
  readonly stack: StackModel;
  readonly job: JobEntry;
  readonly scheduler: SchedulerEntry | undefined;
  readonly settings: SchedulesWaveSettings;
  /** The AWS side's schedule (its slots are the job's), null when it does not parse (the plan check said so). */
  readonly awsSchedule: Schedule | null;
  /** The DC side's schedule, null when the plan gives none (a Jenkins job may leave it out) or it does not parse. */
  readonly dcSchedule: Schedule | null;
  readonly dcZone: string;
  /** The deployed function and schedule, or why they are not known. */
  readonly resources: JobResources | { readonly problem: string };
}

export const DEFAULT_WAVE_SETTINGS: SchedulesWaveSettings = { handoverTimeoutMinutes: 30, watchFirstSlot: true, maxDoubleRuns: 0, killSwitchOnRollback: true };

export const jobKey = (stackId: string, jobId: string) => `${stackId}#${jobId}`;

export type Outputs = (stackId: string) => Readonly<Record<string, unknown>> | undefined;

export function watchedJobs(plan: MigrationPlan, outputs: Outputs): WatchedJob[] {
  const watched: WatchedJob[] = [];
  for (const stack of plan.stacks.values()) {
    const schedules = schedulesPlan.of(stack).schedules;
    if (!schedules) continue;
    const wave = stack.waveId ? plan.waves.find((candidate) => candidate.id === stack.waveId) : undefined;
    const settings = (wave && schedulesPlan.ofWave(wave).schedules) ?? DEFAULT_WAVE_SETTINGS;
    const deployed = outputs(stack.id)?.[JOBS_OUTPUT];
    for (const job of schedules.jobs) {
      const schedulerId = job.dc.jenkins ?? job.dc.cron;
      const scheduler = schedules.schedulers.find((candidate) => candidate.id === schedulerId);
      const dcZone = job.dc.timeZone ?? scheduler?.jenkins?.timeZone ?? scheduler?.cron?.timeZone ?? 'UTC';
      const aws = parseAwsSchedule(job.aws.expression);
      const dc =
        job.dc.expression === undefined
          ? null
          : parseDcCron(job.dc.expression, { dialect: job.dc.jenkins ? 'jenkins' : 'vixie', ...(job.dc.job ? { jobFullName: job.dc.job } : {}) });
      watched.push({
        key: jobKey(stack.id, job.id),
        stackId: stack.id,
        jobId: job.id,
        waveId: stack.waveId,
        placement: placementOf(stack),
        stack,
        job,
        scheduler,
        settings,
        awsSchedule: aws.ok ? aws.schedule : null,
        dcSchedule: dc?.ok ? dc.schedule : null,
        dcZone,
        resources: resourcesOf(deployed, job.id),
      });
    }
  }
  return watched;
}

function resourcesOf(deployed: unknown, jobId: string): JobResources | { problem: string } {
  if (deployed === undefined) return { problem: `the stack has no output '${JOBS_OUTPUT}' yet: deploy it first` };
  const entry = typeof deployed === 'object' && deployed !== null ? (deployed as Record<string, unknown>)[jobId] : undefined;
  if (typeof entry !== 'object' || entry === null) return { problem: `the stack's output '${JOBS_OUTPUT}' has no job '${jobId}': deploy the stack again` };
  const { functionName, scheduleName, scheduleGroup } = entry as Record<string, unknown>;
  if (typeof functionName !== 'string' || typeof scheduleName !== 'string' || typeof scheduleGroup !== 'string')
    return { problem: `the stack's output '${JOBS_OUTPUT}.${jobId}' lacks its function or schedule name` };
  return { functionName, scheduleName, scheduleGroup };
}
