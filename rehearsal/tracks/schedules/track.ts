// The scheduled-jobs track's simulator: EventBridge Scheduler firing Lambda functions on the rehearsal clock (the AWS
// side, per account), the data center's Jenkins-compatible scheduler and HTTP cron endpoint (the source account's),
// the AWS/Scheduler and AWS/Lambda metrics registered with the kernel's CloudWatch, its admin routes and fault kinds.
// Scheduler and Lambda speak restJson1: they are declared as `restServices`, routed by the kernel's server by method
// and path; the DC schedulers are its `http` routes under /_dc/ (the source account's estate only).
import type { RestServiceDecl, SimulatorFactory, TrackSimulator } from '../../seam/track-simulator';
import { schedulesAdmin } from './admin-api';
import { DEFAULT_DC_CREDENTIALS, dcHttp, type DcCredentials, type DcHttp } from './dc-api';
import type { DcJobSeed } from './demo-estate';
import { schedulesEvaluator, type ScheduleEvaluator } from './expressions';
import { SCHEDULES_FAULT_OPTIONS, type SchedulesFaultSpec } from './fault-schema';
import { lambdaService } from './lambda-api';
import { LAMBDA_NAMESPACE, lambdaMetricSource, SCHEDULER_NAMESPACE, schedulerMetricSource } from './metrics';
import { schedulerService } from './scheduler-api';
import { SchedulesSimulation } from './simulation';

export interface SchedulesSimulatorOptions {
  /** Where the ARNs say the resources are. */
  readonly region: string;
  readonly accountId: string;
  /** Whether this estate holds the data center's schedulers (the source account's; default true). */
  readonly dataCenter?: boolean;
  /** The Jenkins user and API token, the HTTP cron endpoint's token (default DEFAULT_DC_CREDENTIALS). */
  readonly dcCredentials?: DcCredentials;
  /** The expression evaluator (default: common/schedules, as the cockpit's plan checks compute slots). */
  readonly evaluator?: ScheduleEvaluator;
  /** The data center's jobs at the start (e.g. a plan's, demo-estate.ts); ignored outside the data center's estate. */
  readonly dataCenterJobs?: readonly DcJobSeed[];
}

export interface SchedulesTrackSimulator extends TrackSimulator {
  readonly simulation: SchedulesSimulation;
  /** EventBridge Scheduler and Lambda (restJson1), routed by method and path. */
  readonly restServices: readonly RestServiceDecl[];
  /** The DC schedulers under /_dc/ (none outside the source account). */
  readonly http?: DcHttp;
}

export function schedulesSimulator(options: SchedulesSimulatorOptions): SimulatorFactory<SchedulesTrackSimulator> {
  return (kernel) => {
    const evaluator = options.evaluator ?? schedulesEvaluator;
    const simulation = new SchedulesSimulation({
      clock: kernel.clock,
      seed: kernel.seed,
      region: options.region,
      accountId: options.accountId,
      evaluator,
      dataCenter: options.dataCenter ?? true,
    });
    for (const { ranForSeconds, ...job } of simulation.dc ? (options.dataCenterJobs ?? []) : [])
      simulation.dc!.putJob(job, ranForSeconds === undefined ? {} : { ranForSeconds });
    kernel.metrics.register(SCHEDULER_NAMESPACE, schedulerMetricSource(simulation.aws));
    kernel.metrics.register(LAMBDA_NAMESPACE, lambdaMetricSource(simulation.aws));
    return {
      id: 'schedules',
      simulation,
      services: [],
      restServices: [schedulerService(simulation.aws), lambdaService(simulation.aws)],
      ...(simulation.dc ? { http: dcHttp(simulation.dc, options.dcCredentials ?? DEFAULT_DC_CREDENTIALS, evaluator) } : {}),
      sync: () => simulation.sync(),
      admin: schedulesAdmin(simulation),
      faults: {
        options: SCHEDULES_FAULT_OPTIONS,
        inject: (spec, base) => simulation.injectFault(spec as SchedulesFaultSpec, base),
        clear: () => simulation.clearFaults(),
        describe: () => simulation.describeFaults(),
      },
    };
  };
}
