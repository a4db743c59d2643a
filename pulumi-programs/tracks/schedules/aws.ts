// The scheduled-jobs track's AWS part of an application-instance stack: per job, the Lambda function that runs it
// (with its execution role: basic execution, CloudWatch Logs) and the EventBridge Scheduler schedule that fires it
// (with the role Scheduler assumes to invoke it), in the state the cutover gives it. Loading this module loads
// @pulumi/aws.
//
// Config: settings.ts (schedules:settings, schedules:state, schedules:startDate, schedules:functionArns); aws:region.
// Without schedules:settings, or with no jobs in it, this part makes nothing and exports nothing.
//
// Per job `<name>` = `<prefix>-<instanceId>-<jobId>` (at most 64 characters; roles `<name>-run`, `<name>-invoke`):
//   function  `<name>`, the plan's runtime, handler, memory and timeout, deployed with placeholder code: the job's
//             code comes from the application's pipeline, so the program ignores later changes of the code, and of
//             the reserved concurrency too (the rollback's kill switch sets it to 0: a redeploy must not lift it).
//             A job whose plan names `functionArnOutput` gets no function: its schedule targets the ARN of
//             schedules:functionArns.
//   schedule  `<name>` in the default group: the plan's expression and time zone, flexible window (OFF for 0),
//             retry policy, the input naming the job and its slot (settings.ts scheduleInput), State from
//             schedules:state (DISABLED until the handover), StartDate from schedules:startDate.
// Output `schedulesJobs`: job id → ScheduledJobOutput (function name and ARN, schedule name, ARN and group, state,
// start date), the same on the rehearsal target.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { AwsInstanceContext, AwsTrackPart } from '../../seam/program-track';
import {
  descriptionOf,
  jobResourceName,
  jobRoleName,
  partitionOf,
  placeholderFiles,
  readScheduledJobs,
  SCHEDULE_GROUP,
  scheduleInput,
  type ScheduledJob,
  type ScheduledJobOutput,
} from './settings';

export interface SchedulesAwsOutputs {
  /** Job id → its function and schedule, for the monitor and the runbook. */
  readonly schedulesJobs: pulumi.Output<Record<string, ScheduledJobOutput>>;
}

export interface SchedulesAwsSettings {
  readonly jobs: readonly ScheduledJob[];
  readonly region: string;
}

/** Reads and checks the track's config, creating nothing; undefined without jobs. Throws naming the key. */
export function readSchedulesAwsSettings(
  schedules: pulumi.Config = new pulumi.Config('schedules'),
  awsConfig: pulumi.Config = new pulumi.Config('aws'),
  now: number = Date.now(),
): SchedulesAwsSettings | undefined {
  const jobs = readScheduledJobs(schedules, now);
  if (!jobs || jobs.length === 0) return undefined;
  return { jobs, region: awsConfig.require('region') };
}

const assumedBy = (service: string, account?: pulumi.Input<string>) =>
  pulumi.output(account).apply((accountId) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: service },
          Action: 'sts:AssumeRole',
          // Only this account's schedules may use the role (the confused-deputy guard AWS recommends).
          ...(accountId ? { Condition: { StringEquals: { 'aws:SourceAccount': accountId } } } : {}),
        },
      ],
    }),
  );

/** The account an ARN names (arn:<partition>:<service>:<region>:<account>:…). */
const accountOf = (arn: string) => arn.split(':')[4] ?? '';

/** One job's function (unless the stack deploys it otherwise), Scheduler's role and the schedule. */
function deployJob(job: ScheduledJob, region: string, { instanceId, prefix, tags }: AwsInstanceContext): pulumi.Output<ScheduledJobOutput> {
  const name = jobResourceName(prefix, instanceId, job.id);
  const logical = `${instanceId}-schedules-${job.id}`;
  const partition = partitionOf(region);
  const jobTags = { ...tags, 'cockpit:job': job.id };

  let functionArn: pulumi.Output<string>;
  let functionName: pulumi.Output<string>;
  if (job.aws.function) {
    const spec = job.aws.function;
    const role = new aws.iam.Role(`${logical}-function-role`, {
      name: jobRoleName(prefix, instanceId, job.id, 'run'),
      assumeRolePolicy: assumedBy('lambda.amazonaws.com'),
      description: `Runs the scheduled job ${job.id} of ${instanceId}`,
      tags: jobTags,
    });
    const logs = new aws.iam.RolePolicyAttachment(`${logical}-function-logs`, {
      role: role.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`,
    });
    const files = placeholderFiles(spec.runtime, spec.handler);
    const fn = new aws.lambda.Function(
      `${logical}-function`,
      {
        name,
        description: descriptionOf(job, 256),
        role: role.arn,
        runtime: spec.runtime,
        handler: spec.handler,
        memorySize: spec.memoryMb,
        timeout: spec.timeoutSeconds,
        code: new pulumi.asset.AssetArchive(Object.fromEntries(Object.entries(files).map(([file, content]) => [file, new pulumi.asset.StringAsset(content)]))),
        tags: jobTags,
      },
      // The job's code is the application's pipeline's, the reserved concurrency the rollback's kill switch.
      { dependsOn: [logs], ignoreChanges: ['code', 'sourceCodeHash', 'reservedConcurrentExecutions'] },
    );
    functionArn = fn.arn;
    functionName = fn.name;
  } else {
    const arn = job.functionArn!;
    functionArn = pulumi.output(arn);
    functionName = pulumi.output(arn.split(':')[6] ?? arn);
  }

  const invokeRole = new aws.iam.Role(`${logical}-invoke-role`, {
    name: jobRoleName(prefix, instanceId, job.id, 'invoke'),
    assumeRolePolicy: assumedBy('scheduler.amazonaws.com', functionArn.apply(accountOf)),
    description: `EventBridge Scheduler invokes the scheduled job ${job.id} of ${instanceId}`,
    tags: jobTags,
  });
  const invokePolicy = new aws.iam.RolePolicy(`${logical}-invoke`, {
    role: invokeRole.id,
    policy: functionArn.apply((arn) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [arn, `${arn}:*`] }],
      }),
    ),
  });

  const schedule = new aws.scheduler.Schedule(
    `${logical}-schedule`,
    {
      name,
      groupName: SCHEDULE_GROUP,
      description: descriptionOf(job, 512),
      scheduleExpression: job.aws.expression,
      scheduleExpressionTimezone: job.aws.timeZone,
      flexibleTimeWindow: job.aws.flexibleWindowMinutes > 0 ? { mode: 'FLEXIBLE', maximumWindowInMinutes: job.aws.flexibleWindowMinutes } : { mode: 'OFF' },
      target: {
        arn: functionArn,
        roleArn: invokeRole.arn,
        input: scheduleInput(tags['cockpit:stack'] ?? instanceId, job.id),
        retryPolicy: {
          maximumRetryAttempts: job.aws.retry.maximumRetryAttempts,
          maximumEventAgeInSeconds: job.aws.retry.maximumEventAgeSeconds,
        },
      },
      state: job.state,
      ...(job.startDate !== undefined ? { startDate: job.startDate } : {}),
    },
    // The role may invoke before the first slot fires.
    { dependsOn: [invokePolicy] },
  );

  return pulumi.all([functionName, functionArn, schedule.name, schedule.arn]).apply(([fnName, fnArn, scheduleName, scheduleArn]): ScheduledJobOutput => ({
    functionName: fnName,
    functionArn: fnArn,
    functionManaged: job.aws.function !== undefined,
    scheduleName,
    scheduleArn,
    scheduleGroup: SCHEDULE_GROUP,
    state: job.state,
    startDate: job.startDate ?? null,
  }));
}

/** Creates each job's function, roles and schedule. */
export function deploySchedulesAws(prepared: SchedulesAwsSettings, context: AwsInstanceContext): SchedulesAwsOutputs {
  const entries = prepared.jobs.map((job) => deployJob(job, prepared.region, context).apply((output) => [job.id, output] as const));
  return { schedulesJobs: pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs)) };
}

export const schedulesAws: AwsTrackPart<Partial<SchedulesAwsOutputs>> = {
  id: 'schedules',
  prepare: () => {
    const settings = readSchedulesAwsSettings();
    if (!settings) return () => ({});
    return (context) => deploySchedulesAws(settings, context);
  },
};
