// The scheduled-jobs track's rehearsal part: what the AWS part makes (aws.ts), stood up for real in the rehearsal
// environment through dynamic resources (rehearsal-resources.ts): per job its Lambda function in the rehearsal's Lambda
// and its schedule in the rehearsal's EventBridge Scheduler, which fires it on the rehearsal clock. Names, the
// schedule's input and the outputs are the AWS part's, so the cockpit's monitor and runbook read both targets alike.
// The rehearsal has no IAM: the roles the AWS part makes are only ARNs here, with the AWS part's names.
//
// Config: settings.ts (schedules:settings — without it, or with no jobs, this part makes nothing —, schedules:state,
// schedules:startDate, schedules:functionArns); cockpit:rehearsalAwsEndpoint, which the core writes for the rehearsal;
// project namespace: namePrefix (the names, as on AWS).
import * as pulumi from '@pulumi/pulumi';
import type { RehearsalInstanceContext, RehearsalTrackPart } from '../../seam/program-track';
import { RehearsalFunction, RehearsalSchedule } from './rehearsal-resources';
import {
  descriptionOf,
  jobResourceName,
  jobRoleName,
  placeholderFiles,
  readScheduledJobs,
  SCHEDULE_GROUP,
  scheduleInput,
  type ScheduledJobOutput,
} from './settings';

export interface SchedulesRehearsalOutputs {
  /** Job id → its function and schedule, for the monitor and the runbook (as on AWS). */
  readonly schedulesJobs: pulumi.Output<Record<string, ScheduledJobOutput>>;
}

export function deploySchedulesRehearsal(
  { cockpit, config, instanceId }: RehearsalInstanceContext,
  schedulesConfig: pulumi.Config = new pulumi.Config('schedules'),
  now: number = Date.now(),
): SchedulesRehearsalOutputs | undefined {
  const jobs = readScheduledJobs(schedulesConfig, now);
  if (!jobs || jobs.length === 0) return undefined;
  const endpoint = cockpit.rehearsalAwsEndpoint;
  if (!endpoint)
    throw new Error(
      'cockpit:rehearsalAwsEndpoint is not set: the rehearsal environment has no AWS endpoint to create the scheduled jobs’ functions and schedules in',
    );
  const prefix = config.get('namePrefix') ?? pulumi.getProject();
  const place = { endpoint, region: cockpit.region, ...(cockpit.accountGuard ? { account: cockpit.accountGuard } : {}) };

  const entries = jobs.map((job) => {
    const name = jobResourceName(prefix, instanceId, job.id);
    const spec = job.aws.function;
    const fn = spec
      ? new RehearsalFunction(`schedules-function-${job.id}`, {
          ...place,
          functionName: name,
          roleName: jobRoleName(prefix, instanceId, job.id, 'run'),
          runtime: spec.runtime,
          handler: spec.handler,
          memoryMb: spec.memoryMb,
          timeoutSeconds: spec.timeoutSeconds,
          description: descriptionOf(job, 256),
          files: placeholderFiles(spec.runtime, spec.handler),
        })
      : undefined;
    const functionArn = fn ? fn.functionArn : pulumi.output(job.functionArn!);
    const functionName = fn ? fn.functionName : pulumi.output(job.functionArn!.split(':')[6] ?? job.functionArn!);
    // Its target is the function's ARN: the engine makes the function first and deletes the schedule first.
    const schedule = new RehearsalSchedule(
      `schedules-schedule-${job.id}`,
      {
        ...place,
        scheduleName: name,
        groupName: SCHEDULE_GROUP,
        expression: job.aws.expression,
        timeZone: job.aws.timeZone,
        flexibleWindowMinutes: job.aws.flexibleWindowMinutes,
        targetArn: functionArn,
        roleName: jobRoleName(prefix, instanceId, job.id, 'invoke'),
        input: scheduleInput(cockpit.stackId, job.id),
        maximumRetryAttempts: job.aws.retry.maximumRetryAttempts,
        maximumEventAgeSeconds: job.aws.retry.maximumEventAgeSeconds,
        state: job.state,
        ...(job.startDate !== undefined ? { startDate: job.startDate } : {}),
        description: descriptionOf(job, 512),
      },
      { dependsOn: fn ? [fn] : [] },
    );
    return pulumi.all([functionName, functionArn, schedule.scheduleName, schedule.scheduleArn]).apply(
      ([fnName, fnArn, scheduleName, scheduleArn]) =>
        [
          job.id,
          {
            functionName: fnName,
            functionArn: fnArn,
            functionManaged: spec !== undefined,
            scheduleName,
            scheduleArn,
            scheduleGroup: SCHEDULE_GROUP,
            state: job.state,
            startDate: job.startDate ?? null,
          } satisfies ScheduledJobOutput,
        ] as const,
    );
  });
  return { schedulesJobs: pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs)) };
}

export const schedulesRehearsal: RehearsalTrackPart<SchedulesRehearsalOutputs> = { id: 'schedules', deploy: (context) => deploySchedulesRehearsal(context) };
