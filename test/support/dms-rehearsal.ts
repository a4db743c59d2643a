// The DMS side of the cockpit against the AWS-compatible rehearsal server, set up for integration tests: a
// ReplicationMonitor on the real SDK v3 clients driven by a manual clock, or a whole cockpit core on a plan file
// whose monitor reads the rehearsal server. Tests register what they start with `closeAfterEach`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { CockpitEvent, EventBatch } from '../../main/api/contract';
import { startCockpitCore, type CockpitCore, type CockpitCoreOptions } from '../../main/core/cockpit-core';
import { CORE_TRACKS } from '../../main/tracks/index';
import { tunedDmsTrack } from '../../main/tracks/dms/track';
import type { MonitorTuning } from '../../main/tracks/dms/service';
import { sdkReplicationApi } from '../../main/tracks/dms/monitor/clients';
import { ReplicationMonitor, type ControlInfo, type MonitorOptions } from '../../main/tracks/dms/monitor/monitor';
import { testPlan, type TestPlanOptions } from '../../main/tracks/dms/monitor/testing/plans';
import { defineScenario, ManualClock, startAwsRehearsal, type AwsRehearsal, type ScenarioInput } from '../../rehearsal/aws-rehearsal';

const APP_ROOT = path.resolve(import.meta.dirname, '../..');

interface Closable {
  close(): Promise<void>;
}

/**
 * Closes, after each test, everything registered during it (all at once). With `failOnUnhandledRejection`, the
 * test file also fails a test after which any promise rejection went unhandled.
 */
export function closeAfterEach(options: { failOnUnhandledRejection?: boolean } = {}): <T extends Closable>(started: T) => T {
  const unhandled: unknown[] = [];
  if (options.failOnUnhandledRejection) {
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    beforeAll(() => void process.on('unhandledRejection', onUnhandled));
    afterAll(() => void process.off('unhandledRejection', onUnhandled));
  }
  const open: Closable[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((started) => started.close()));
    if (options.failOnUnhandledRejection) expect(unhandled).toEqual([]);
  });
  return (started) => {
    open.push(started);
    return started;
  };
}

export interface MonitorRehearsalOptions {
  readonly scenario: ScenarioInput;
  /** The plan's task ids, one stack each (apps/app0001#0 is the first). */
  readonly tasks: readonly string[];
  readonly gates?: TestPlanOptions['gates'];
  /** The monitor's timing: AWS calls, refresh intervals, connection tests, log reads. */
  readonly tuning: Pick<MonitorOptions, 'call' | 'intervals' | 'connectionTest' | 'logPollMs'>;
}

export interface MonitorRehearsal extends Closable {
  readonly aws: AwsRehearsal;
  readonly clock: ManualClock;
  readonly monitor: ReplicationMonitor;
  readonly events: CockpitEvent[];
  /** Task control as the monitor journaled it. */
  readonly journal: { phase: string; info: ControlInfo; message?: string }[];
  /** Moves simulated time on by `seconds` and runs one refresh cycle. */
  cycle(seconds?: number): Promise<ReturnType<ReplicationMonitor['snapshot']>>;
  task(taskId: string): ReturnType<ReplicationMonitor['snapshot']>['tasks'][number];
  ofType<T extends CockpitEvent['type']>(type: T): Extract<CockpitEvent, { type: T }>[];
}

/** The rehearsal server with a scenario, and a ReplicationMonitor on a test plan of its tasks. */
export async function startMonitorRehearsal(options: MonitorRehearsalOptions): Promise<MonitorRehearsal> {
  const clock = new ManualClock();
  const aws = await startAwsRehearsal({ clock, scenario: defineScenario(options.scenario) });
  const events: CockpitEvent[] = [];
  const journal: MonitorRehearsal['journal'] = [];
  const tasks = options.tasks;
  const monitor = new ReplicationMonitor({
    plan: testPlan({ tasks: tasks.length, taskId: (i) => tasks[i]!, ...(options.gates ? { gates: options.gates } : {}) }),
    api: sdkReplicationApi({ region: 'eu-central-1', endpoint: aws.url, rehearsal: true, label: 'rehearsal' }),
    target: 'rehearsal',
    publish: (event) => events.push(event),
    stackOutputs: () => undefined,
    clock: () => aws.simulation.now(),
    metricPeriodSeconds: 5,
    ...options.tuning,
    journal: {
      started: async (info) => (journal.push({ phase: 'started', info }), 'op'),
      finished: async (_id, info, outcome) => void journal.push({ phase: outcome.ok ? 'succeeded' : 'failed', info, message: outcome.message }),
    },
  });
  return {
    aws,
    clock,
    monitor,
    events,
    journal,
    async cycle(seconds = 5) {
      clock.advance(seconds * 1000);
      await monitor.refreshNow();
      return monitor.snapshot();
    },
    task: (taskId) => monitor.snapshot().tasks.find((task) => task.taskId === taskId)!,
    ofType: <T extends CockpitEvent['type']>(type: T) => events.filter((event): event is Extract<CockpitEvent, { type: T }> => event.type === type),
    async close() {
      await monitor.close();
      await aws.close();
    },
  };
}

export interface CoreRehearsalOptions {
  /** The plan file's text. */
  readonly plan: string;
  /** Prefix of the temporary folder that holds the plan and the data folder. */
  readonly folderPrefix: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Monitor settings on top of the fast ones every test uses (the clock is the rehearsal server's). */
  readonly dmsMonitor?: MonitorTuning;
}

export interface CoreRehearsal extends Closable {
  readonly folder: string;
  readonly core: CockpitCore;
  /** Every event batch the core published since it started. */
  readonly batches: EventBatch[];
  /** Dispatches a command and returns its value; a refusal throws. */
  command<T>(name: string, request: unknown): Promise<T>;
}

export interface CoreOnRehearsal extends CoreRehearsal {
  readonly aws: AwsRehearsal;
  readonly clock: ManualClock;
}

/**
 * A cockpit core on a plan file in a temporary folder. With a scenario, the rehearsal server runs it and the core's
 * DMS monitor reads it on the server's clock; without one, the core has no AWS endpoint.
 */
export async function startCoreRehearsal(options: CoreRehearsalOptions & { readonly scenario: ScenarioInput }): Promise<CoreOnRehearsal>;
export async function startCoreRehearsal(options: CoreRehearsalOptions): Promise<CoreRehearsal>;
export async function startCoreRehearsal(options: CoreRehearsalOptions & { readonly scenario?: ScenarioInput }): Promise<CoreRehearsal> {
  const folder = await mkdtemp(path.join(os.tmpdir(), options.folderPrefix));
  const planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, options.plan);
  const clock = new ManualClock();
  const aws = options.scenario ? await startAwsRehearsal({ clock, scenario: defineScenario(options.scenario) }) : undefined;
  const coreOptions: CockpitCoreOptions = {
    tracks: aws
      ? [
          tunedDmsTrack({
            clock: () => aws.simulation.now(),
            metricPeriodSeconds: 5,
            intervals: { fastMs: 40, normalMs: 40, idleMs: 40, maxBackoffMs: 200 },
            ...options.dmsMonitor,
          }),
        ]
      : CORE_TRACKS,
    dataDir: path.join(folder, 'data'),
    appRoot: APP_ROOT,
    transport: 'web',
    version: 'test',
    watchPlan: false,
    planFile,
    ...(options.env ? { env: options.env } : {}),
    ...(aws ? { eventFlushMs: 5, awsEndpoint: aws.url } : {}),
  };
  let core: CockpitCore;
  try {
    core = await startCockpitCore(coreOptions);
  } catch (error) {
    await aws?.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  const batches: EventBatch[] = [];
  core.subscribe((batch) => batches.push(batch));
  return {
    folder,
    core,
    batches,
    ...(aws ? { aws, clock } : {}),
    async command<T>(name: string, request: unknown): Promise<T> {
      const result = await core.dispatch(name, request);
      if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    async close() {
      await core.close();
      await aws?.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
