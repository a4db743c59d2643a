// Test support: the schedules:settings the core writes for a stack with two scheduled jobs, exactly as
// main/tracks/schedules/plan.ts writes SchedulesProgramSettings for main/tracks/schedules/plan.test.ts's example plan
// (its `invoices` and `cleanup` jobs, the plan schema's defaults applied). pulumi-programs/ may not import main/, so the
// shape is mirrored (settings.ts): when the plan part's test changes its expected config, change this with it.
export const JOBS_SETTINGS = {
  jobs: [
    {
      id: 'invoices',
      description: 'Nightly invoices',
      idempotent: true,
      aws: {
        expression: 'cron(0 2 * * ? *)',
        timeZone: 'Europe/Berlin',
        flexibleWindowMinutes: 0,
        retry: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 86_400 },
        function: { runtime: 'nodejs22.x', handler: 'index.handler', memoryMb: 512, timeoutSeconds: 300 },
      },
    },
    {
      id: 'cleanup',
      idempotent: false,
      aws: {
        expression: 'cron(30 4 ? * MON-FRI *)',
        timeZone: 'Europe/Berlin',
        flexibleWindowMinutes: 0,
        retry: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 86_400 },
        functionArnOutput: 'cleanupFunctionArn',
      },
    },
  ],
};

/** The ARN schedules:functionArns gives the `cleanup` job (its function deployed otherwise). */
export const CLEANUP_ARN = 'arn:aws:lambda:eu-central-1:111122223333:function:billing-cleanup';

/** A third job with a window and retries, for the properties the example leaves at their defaults. */
export const REPORTS_JOB = {
  id: 'reports',
  idempotent: true,
  aws: {
    expression: 'rate(15 minutes)',
    timeZone: 'UTC',
    flexibleWindowMinutes: 10,
    retry: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 },
    function: { runtime: 'python3.13', handler: 'jobs/reports.run', memoryMb: 1024, timeoutSeconds: 120 },
  },
};
