// The scheduled-jobs track's estate in one account: the AWS side (Scheduler + Lambda, aws-estate.ts) and, in the
// source account only, the data center's schedulers (dc-estate.ts), both on the rehearsal clock; the track's faults
// go to the side they belong to.
import type { RehearsalClock } from '../../kernel/clock';
import { AwsError } from '../../kernel/errors';
import { AwsScheduleEstate } from './aws-estate';
import { DcEstate } from './dc-estate';
import type { ScheduleEvaluator } from './expressions';
import type { SchedulesFaultSpec } from './fault-schema';

export interface SchedulesSimulationOptions {
  readonly clock: RehearsalClock;
  readonly seed: number;
  readonly region: string;
  readonly accountId: string;
  readonly evaluator: ScheduleEvaluator;
  /** Whether this account's estate holds the data center (the source account's does). */
  readonly dataCenter: boolean;
}

export class SchedulesSimulation {
  readonly clock: RehearsalClock;
  readonly aws: AwsScheduleEstate;
  readonly dc: DcEstate | undefined;

  constructor(options: SchedulesSimulationOptions) {
    this.clock = options.clock;
    this.aws = new AwsScheduleEstate(options);
    this.dc = options.dataCenter ? new DcEstate(options.clock, options.evaluator) : undefined;
  }

  /** Simulated epoch ms, with both sides advanced to it. */
  now(): number {
    this.sync();
    return this.clock.now();
  }

  sync(): void {
    this.aws.sync();
    this.dc?.sync();
  }

  /** `at` counts from `base` (simulated epoch ms). */
  injectFault(spec: SchedulesFaultSpec, base: number): void {
    this.sync();
    const from = base + spec.at * 1000;
    switch (spec.type) {
      case 'schedules-dc-hang':
        if (!this.dc) throw new AwsError('ValidationException', 'the data center is the source account’s: inject schedules-dc-hang there');
        return this.dc.addHang(spec.job, from, spec.durationSeconds);
      case 'schedules-duplicate-delivery':
        return this.aws.addDuplicate(spec.group, spec.schedule, from);
      case 'schedules-function-fails':
        return this.aws.addFailure(
          spec.function,
          from,
          spec.durationSeconds === undefined ? undefined : from + spec.durationSeconds * 1000,
          spec.invocations,
          spec.message,
        );
      case 'schedules-throttle':
        return this.aws.addThrottle(spec.function, from, from + spec.durationSeconds * 1000);
    }
  }

  clearFaults(): void {
    this.aws.clearFaults();
    this.dc?.clearFaults();
  }

  describeFaults(): Record<string, unknown> {
    return { schedules: [...this.aws.describeFaults(), ...(this.dc?.describeFaults() ?? [])] };
  }
}
