// The scheduled-jobs track's fault kinds beside the kernel's wire faults (POST /_admin/faults, scenario `faults:`), as
// zod options of the `faults:` union: each has a literal `type` and an `at` counted from when it is injected.
import { z } from 'zod';
import { Duration } from '../../kernel/duration';

/** A Scheduler schedule name (the API's pattern). */
export const ScheduleName = z.string().regex(/^[0-9a-zA-Z-_.]{1,64}$/, { error: 'expected a schedule name: 1-64 letters, digits, "-", "_" or "."' });
/** A Lambda function name. */
export const FunctionName = z.string().regex(/^[a-zA-Z0-9-_]{1,64}$/, { error: 'expected a function name: 1-64 letters, digits, "-" or "_"' });
/** A data-center job (Jenkins job or HTTP cron entry) name. */
export const DcJobName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, {
  error: 'expected a job name: 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit',
});

const PositiveDuration = Duration.refine((seconds) => seconds > 0, { error: 'expected a duration above 0, e.g. 90, "5m"' });

export const SCHEDULES_FAULT_OPTIONS = [
  /** The DC build running at `at` (or else the next one to start) keeps building for `durationSeconds` from then. */
  z.strictObject({
    type: z.literal('schedules-dc-hang'),
    job: DcJobName,
    at: Duration.default(0),
    durationSeconds: PositiveDuration,
  }),
  /** The schedule's next firing at or after `at` is delivered twice (two invocations of the same slot). */
  z.strictObject({
    type: z.literal('schedules-duplicate-delivery'),
    schedule: ScheduleName,
    group: ScheduleName.default('default'),
    at: Duration.default(0),
  }),
  /** The function's invocations fail: the next `invocations` of them, or every one for `durationSeconds` (one is required). */
  z
    .strictObject({
      type: z.literal('schedules-function-fails'),
      function: FunctionName,
      at: Duration.default(0),
      invocations: z
        .number()
        .int({ error: 'expected a whole number of invocations' })
        .min(1, { error: 'expected at least 1 invocation' })
        .max(1_000_000)
        .optional(),
      durationSeconds: PositiveDuration.optional(),
      message: z.string().min(1).max(2000).optional(),
    })
    .refine((spec) => spec.invocations !== undefined || spec.durationSeconds !== undefined, {
      error: 'give invocations (how many fail) or durationSeconds (how long they fail)',
      path: ['invocations'],
    }),
  /** Every invocation of the function (or of every function) is throttled for `durationSeconds`. */
  z.strictObject({
    type: z.literal('schedules-throttle'),
    function: FunctionName.optional(),
    at: Duration.default(0),
    durationSeconds: PositiveDuration,
  }),
] as const;

export type SchedulesFaultSpec = z.output<(typeof SCHEDULES_FAULT_OPTIONS)[number]>;
