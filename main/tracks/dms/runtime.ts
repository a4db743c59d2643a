// The DMS track's runtime (started once by the core, CoreTrack.start): the replication service with its monitor per
// loaded plan, the handlers of the dms.* commands over it, and what the track's runbook actions, compensations and
// evidence snapshot act through (monitor/runbook-runtime.ts). Everything it needs of the core comes in its context.
import type { TrackContext, TrackRuntime } from '../../seam/track';
import { dmsHandlers, type DmsHandlers } from './handlers';
import { dmsRunbookRuntime, reverseTasksToFollow, type DmsRunbookRuntime } from './monitor/runbook-runtime';
import { ReplicationService, type MonitorTuning } from './service';

export interface DmsRuntime extends TrackRuntime, DmsRunbookRuntime {
  readonly handlers: DmsHandlers;
  /** The replication service (tests and benchmarks drive its monitor's refresh cycles). */
  readonly replication: ReplicationService;
}

export function startDmsRuntime(context: TrackContext, tuning?: MonitorTuning): DmsRuntime {
  const replication = new ReplicationService({
    journal: context.journal,
    publish: context.publish,
    log: context.log,
    rehearsalAwsUrl: () => context.rehearsal.awsUrl(),
    rehearsalClock: () => context.rehearsal.clock(),
    ...(context.rehearsal.endpoint ? { awsEndpoint: context.rehearsal.endpoint } : {}),
    ...(tuning ? { tuning } : {}),
    stackOutputs: context.stackOutputs,
    accountSessions: context.accountSessions,
    onAccountRefusal: (account, problem) => context.reportAccount('dms', account, problem),
    reverseTasksToFollow: (plan) => reverseTasksToFollow(context.cutoverRuns(), plan),
  });
  replication.onAlert(context.alert);
  const runbook = dmsRunbookRuntime({
    dmsTasks: () => replication.snapshot().tasks,
    dmsSeries: (taskKey) => replication.series(taskKey, 'recent', 4000).series,
    dmsStop: (taskKey, parentOperationId) => replication.control(taskKey, 'stop', undefined, { parentOperationId }),
    dmsRefresh: async () => replication.current?.refreshNow(),
    reverseTasks: () => replication.current,
    dataClock: () => replication.snapshot().monitor.dataClock,
    ...(context.runbookPollMs !== undefined ? { pollMs: context.runbookPollMs } : {}),
  });
  return {
    ...runbook,
    replication,
    handlers: dmsHandlers(replication, context.wavePhase),
    setPlan: (plan) => replication.setPlan(plan),
    clock: () => replication.dataClock(),
    close: () => replication.close(),
  };
}
