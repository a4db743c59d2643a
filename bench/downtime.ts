// The downtime benchmark (npm run bench:downtime): the downtime the cockpit adds to a cutover. A wave of 10
// application stacks (the app-instance program on the rehearsal target, real Pulumi CLI, rehearsal registry, one
// DMS task each in the rehearsal's AWS-compatible server) is deployed and replicating; its runbook runs through the
// cockpit core with the product's defaults (monitor pace, action polling); the benchmark confirms manual steps as
// soon as they wait. Each step's duration is compared with its floor: what the AWS side took or needed (DMS's stop,
// the quiet period as CloudWatch's datapoints show it, read back from the rehearsal's records) or what the same
// Pulumi updates take run directly with the CLI at the wave's parallelism right after. Rewrites its section of
// docs/BENCHMARKS.md; asserts nothing, but fails loudly when the run itself fails.
//
//   node --import tsx bench/downtime.ts [--stacks=10] [--max-parallel=4] [--time-scale=10] [--quiet-seconds=60] [--no-doc] [--doc=<file>]
//
// The parts: the plan and scenario (bench/lib/downtime-plan.ts), the AWS-side floors (downtime-floors.ts), the direct
// CLI and health floors (downtime-direct.ts), CPU sampling (downtime-cpu.ts), the CLI calls per step and operation
// (downtime-cli-calls.ts) and the report (downtime-report.ts).
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CutoverRunView, EventBatch, OperationView, WaveOperationView, WaveReadinessView } from '../main/api/contract';
import { startCockpitCore, type CockpitCore } from '../main/core/cockpit-core';
import { CORE_TRACKS } from '../main/tracks/index';
import { dmsTrack } from '../main/tracks/dms/track';
import { registrationUrn } from '../main/pulumi/stack-operations';
import { pulumiEnvironment, type PulumiCliLocation } from '../main/pulumi/toolchain';
import { workspaceDir } from '../main/pulumi/workspace';
import { startAwsRehearsal, type AwsRehearsal } from '../rehearsal/aws-rehearsal';
import { startRegistryService, type RegistryService } from '../rehearsal/registry/index';
import { instrumentCliCalls } from './lib/cockpit';
import { fmt, log, makeTempDir, REPO, removeTempDirs, requirePulumiCli, run, until } from './lib/common';
import { removeTempDirsOnInterrupt, writeDocSection } from './lib/doc-section';
import { operationTimes, summarizeCalls } from './lib/downtime-cli-calls';
import { cpuTimeline } from './lib/downtime-cpu';
import { directHealthChecks, directPool } from './lib/downtime-direct';
import { drainedAt, quietProvenAt, simOf, stopDuration, wallSecondsOf, type ClockMap } from './lib/downtime-floors';
import {
  BLOCK_WRITERS_STEP,
  downtimePlanText,
  downtimeScenario,
  PASSPHRASE,
  PASSPHRASE_ENV,
  PROJECT,
  REGISTRY_ID,
  REGISTRY_TOKEN_ENV,
  stackNames,
  taskIdOf,
  WAVE_ID,
  type DowntimePlanOptions,
} from './lib/downtime-plan';
import {
  downtimeSection,
  END_MARKER,
  START_MARKER,
  summaryTable,
  type DirectPool,
  type DirectRun,
  type DowntimeResult,
  type StepMeasure,
} from './lib/downtime-report';

const ACTOR = 'Downtime benchmark';
const TRAFFIC_KEY = `${PROJECT}:trafficTarget`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stacks: { type: 'string', default: '10' },
      'max-parallel': { type: 'string', default: '4' },
      'time-scale': { type: 'string', default: '10' },
      'quiet-seconds': { type: 'string', default: '60' },
      'direct-runs': { type: 'string', default: '2' },
      'no-doc': { type: 'boolean', default: false },
      doc: { type: 'string' },
    },
  });
  const options: BenchOptions = {
    stacks: Number(values.stacks),
    maxParallel: Number(values['max-parallel']),
    quietSeconds: Number(values['quiet-seconds']),
    // The rehearsal's CDC target latency is 0.9-1.7 s with nothing waiting (source latency plus the apply batch).
    maxLatencySeconds: 2,
    timeScale: Number(values['time-scale']),
    directRuns: Number(values['direct-runs']),
  };
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} must be a number above 0, not ${value}`);
  }
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const cli = await requirePulumiCli();
  log(
    `downtime benchmark: ${options.stacks} stacks, maxParallel ${options.maxParallel}, rehearsal at ${options.timeScale}× real time; Pulumi CLI v${cli.version}, Node.js ${process.version}, ${os.cpus().length} cores, load ${loadAtStart.map((value) => value.toFixed(2)).join(' ')}`,
  );

  const result = await measure(cli, options);
  const full: DowntimeResult = {
    ...result,
    machine: { loadAtStart, loadAtEnd: os.loadavg(), durationSeconds: (performance.now() - started) / 1000, pulumi: cli.version },
  };
  log(`\n${summaryTable(full)}`);
  if (values['no-doc']) {
    log('\n(--no-doc: docs/BENCHMARKS.md not rewritten)');
    return;
  }
  const doc = path.resolve(values.doc ?? path.join(REPO, 'docs', 'BENCHMARKS.md'));
  await writeDocSection(doc, { start: START_MARKER, end: END_MARKER }, downtimeSection(full));
  log(`\nwrote the cutover downtime section of ${path.relative(process.cwd(), doc)} (${fmt.s(full.machine.durationSeconds)} in all)`);
}

type BenchOptions = DowntimePlanOptions & { readonly timeScale: number; readonly directRuns: number };

async function measure(cli: PulumiCliLocation, options: BenchOptions): Promise<Omit<DowntimeResult, 'machine'>> {
  const dir = await makeTempDir('mc-bench-downtime-');
  const names = stackNames(options.stacks);
  const taskIds = names.map(taskIdOf);
  const cliCalls = instrumentCliCalls();
  let aws: AwsRehearsal | undefined;
  let registry: RegistryService | undefined;
  let core: CockpitCore | undefined;
  try {
    aws = await startAwsRehearsal({ timeScale: options.timeScale, scenario: downtimeScenario(options) });
    const simulation = aws.simulation;
    const clock: ClockMap = { wallAt: Date.now(), simAt: simulation.clock.now(), rate: options.timeScale };
    const planFile = path.join(dir, 'migration.yaml');
    await writeFile(planFile, downtimePlanText(options));
    const dataDir = path.join(dir, 'data');
    let registryToken = '';
    const awsUrl = aws.url;
    core = await startCockpitCore({
      tracks: CORE_TRACKS,
      dataDir,
      appRoot: REPO,
      transport: 'web',
      version: 'bench',
      planFile,
      watchPlan: false,
      env: { ...process.env, [PASSPHRASE_ENV]: PASSPHRASE },
      // As the embedded rehearsal: the monitor reads on the simulated clock at its rate. Every other setting
      // (monitor pace, the actions' polling, event flushing) is the product's default.
      startRehearsal: async ({ registryToken: token }) => {
        registryToken = token;
        registry = await startRegistryService({ token });
        return { registryUrl: registry.url, awsUrl, now: () => simulation.now(), timeScale: options.timeScale, close: async () => {} };
      },
    });
    const cockpit = core;
    const command = async <T>(name: string, request: unknown): Promise<T> => {
      const answer = await cockpit.dispatch(name, request);
      if (!answer.ok) throw new Error(`${name}: ${answer.error.code}: ${answer.error.message}`);
      return answer.value as T;
    };

    // 1. The wave deployed (it adopts the running tasks and registers) and ready for cutover.
    let phase = performance.now();
    const deploy = await command<WaveOperationView>('wave.deploy', { waveId: WAVE_ID });
    const deployed = await until(
      'the wave deploy',
      () => command<WaveOperationView[]>('waves.list', {}),
      (list) => list.some((op) => op.operationId === deploy.operationId && op.status !== 'running'),
      600_000,
    );
    const deployView = deployed.find((op) => op.operationId === deploy.operationId)!;
    if (deployView.status !== 'succeeded') throw new Error(`the wave deploy ${deployView.status}: ${JSON.stringify(deployView).slice(0, 2000)}`);
    log(`  wave deployed in ${fmt.s((performance.now() - phase) / 1000)}`);
    phase = performance.now();
    await until(
      'the wave ready for cutover',
      () => command<WaveReadinessView[]>('cutover.readiness', { waveId: WAVE_ID }),
      ([view]) => view?.ready === true,
      300_000,
      ([view]) => view?.blockingReasons.join('; ') ?? 'no readiness',
    );
    log(`  wave ready ${fmt.s((performance.now() - phase) / 1000)} later`);

    // 2. The runbook. Manual steps are confirmed as soon as the cockpit says they wait; "block writers" blocks the
    //    writers at the source first (the rehearsal's admin switch), as the operator would.
    const confirmed = new Set<string>();
    let confirmFailure: Error | undefined;
    let writersBlockedAt: number | undefined;
    const unsubscribe = cockpit.subscribe((batch: EventBatch) => {
      for (const event of batch.events) {
        if (event.type !== 'cutover.updated' || event.run.waveId !== WAVE_ID) continue;
        const waiting = event.run.steps.find((step) => step.status === 'waiting');
        if (!waiting || confirmed.has(`${event.run.runId}/${waiting.id}`)) continue;
        confirmed.add(`${event.run.runId}/${waiting.id}`);
        if (waiting.id === BLOCK_WRITERS_STEP) {
          simulation.setWritersBlocked(true, taskIds);
          writersBlockedAt = Date.now();
        }
        void cockpit.dispatch('cutover.confirmStep', { waveId: WAVE_ID, stepId: waiting.id, by: ACTOR }).then((answer) => {
          if (!answer.ok) confirmFailure ??= new Error(`confirming ${waiting.id}: ${answer.error.message}`);
        });
      }
    });
    cliCalls.start();
    const cpu = cpuTimeline();
    phase = performance.now();
    // Readiness is judged a few times a second: a gate that flickered between our look and the start refuses it.
    await until(
      'the cutover to start',
      () => cockpit.dispatch('cutover.start', { waveId: WAVE_ID, by: ACTOR }),
      (answer) => answer.ok || !/is not ready for cutover/.test(answer.error.message),
      60_000,
    ).then((answer) => {
      if (!answer.ok) throw new Error(`cutover.start: ${answer.error.code}: ${answer.error.message}`);
    });
    const runView = await until(
      'the runbook',
      () => command<CutoverRunView[]>('cutover.state', { waveId: WAVE_ID }).then(([view]) => view!),
      (view) => !!confirmFailure || !['running', 'pausing'].includes(view.status),
      1_200_000,
    );
    unsubscribe();
    cpu.stop();
    const calls = cliCalls.stop();
    if (confirmFailure) throw confirmFailure;
    if (runView.status !== 'succeeded' || runView.steps.some((step) => step.status !== 'succeeded')) {
      throw new Error(
        `the runbook ended ${runView.status}: ${runView.steps.map((step) => `${step.id} ${step.status}${step.message ? ` (${step.message})` : ''}`).join('; ')}`,
      );
    }
    log(`  runbook done in ${fmt.s((performance.now() - phase) / 1000)}`);

    // 3. Floors: the AWS side from the rehearsal's records, http-check by asking the same URLs directly now.
    const stepOf = (id: string) => runView.steps.find((step) => step.id === id)!;
    const windowOf = (id: string) => ({ from: Date.parse(stepOf(id).startedAt!), to: Date.parse(stepOf(id).finishedAt!) });
    const tasks = taskIds.map((id) => {
      const task = simulation.task(id);
      if (!task) throw new Error(`the rehearsal has no task ${id}`);
      return task;
    });
    const quiet = windowOf('source-quiet');
    const quietFrom = simOf(clock, quiet.from);
    const proven = tasks.map((task) => quietProvenAt(task, quietFrom, simOf(clock, quiet.to) + 600_000, options.quietSeconds, 0));
    if (proven.some((at) => at === null)) throw new Error(`the rehearsal's data never shows ${options.quietSeconds} s of quiet on every task`);
    const quietFloorSim = Math.max(0, Math.max(...(proven as number[])) - quietFrom);

    const stop = windowOf('stop-replication');
    const stopFrom = simOf(clock, stop.from);
    const drained = drainedAt(tasks, stopFrom, simOf(clock, stop.to), options.maxLatencySeconds);
    if (drained === null) throw new Error("the rehearsal's data never shows every task drained during stop-replication");
    const stops = tasks.map((task) => stopDuration(simulation, task, stopFrom));
    if (stops.some((entry) => entry === null)) throw new Error('a task was not stopped by stop-replication');
    const stopTimes = stops as { calledAt: number; stoppedAt: number }[];
    const stopSims = stopTimes.map((entry) => entry.stoppedAt - entry.calledAt);
    const stopsSentOverSim = Math.max(...stopTimes.map((entry) => entry.calledAt)) - Math.min(...stopTimes.map((entry) => entry.calledAt));
    const drainSim = Math.max(0, drained - stopFrom);
    const stopFloorSim = drainSim + Math.max(...stopSims);

    const operations = await command<OperationView[]>('operations.list', {});
    const healthUrls = names.map((name) => {
      const url = cockpit.stackOutputs(`${PROJECT}/${name}`)?.healthUrl;
      if (typeof url !== 'string') throw new Error(`${name} has no healthUrl output`);
      return url;
    });
    const healthFloor = await directHealthChecks(healthUrls);
    const monitorIntervalSeconds = cockpit.runtimeOf(dmsTrack)!.replication.snapshot().monitor.intervalSeconds;

    await cockpit.close();
    core = undefined;

    // 4. The same Pulumi updates run directly: the register step's targeted update, then the switch's update
    //    (mirrored: traffic back to the data center, the same one-key config change and one changed output).
    const env = {
      ...pulumiEnvironment(cli.binDir, { ...process.env, [REGISTRY_TOKEN_ENV]: registryToken }, { pulumiHome: path.join(dataDir, 'pulumi-home') }),
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    };
    const pulumi = (name: string, args: string[]) =>
      run(cli.pulumiPath, ['up', '--yes', '--skip-preview', '--stack', name, '--message', 'downtime benchmark: direct', ...args], {
        cwd: workspaceDir(dataDir, { project: PROJECT, name }),
        env,
      });
    // Each pool runs `directRuns` times and the floor is their mean: other work on a shared machine slows single runs
    // a lot, and the cockpit's step is one run too. The switch goes back and forth (aws → datacenter → aws ...).
    const repeat = async (what: string, work: (run: number) => (name: string) => Promise<unknown>): Promise<DirectPool> => {
      const runs: DirectRun[] = [];
      for (let index = 0; index < options.directRuns; index++) {
        runs.push(await directPool(names, options.maxParallel, work(index)));
        log(`  direct CLI, ${what} ${index + 1}/${options.directRuns}: ${fmt.s(runs.at(-1)!.wallSeconds)}`);
      }
      return { wallSeconds: runs.reduce((sum, entry) => sum + entry.wallSeconds, 0) / runs.length, runs };
    };
    const registerDirect = await repeat(
      'targeted registration updates',
      () => (name) => pulumi(name, ['--target', registrationUrn({ name, project: PROJECT }, REGISTRY_ID)]),
    );
    const switchDirect = await repeat(
      'traffic switch updates',
      (index) => (name) => pulumi(name, ['--config', `${TRAFFIC_KEY}=${index % 2 === 0 ? 'datacenter' : 'aws'}`]),
    );

    const steps: StepMeasure[] = runView.steps.map((step) => {
      const from = Date.parse(step.startedAt!);
      const to = Date.parse(step.finishedAt!);
      const floor = (): { seconds: number; basis: string } => {
        switch (step.type) {
          case 'manual':
            return { seconds: 0, basis: 'confirmed by the benchmark as soon as it waits' };
          case 'freeze-check':
            return {
              seconds: wallSecondsOf(clock, quietFloorSim),
              basis: `${fmt.s(quietFloorSim / 1000)} simulated until the rehearsal's 60 s datapoints show ${options.quietSeconds} s of quiet on every task`,
            };
          case 'stop-replication':
            return {
              seconds: wallSecondsOf(clock, stopFloorSim),
              basis: `drained at the start${drainSim > 0 ? ` + ${fmt.s(drainSim / 1000)} simulated to drain` : ''}; DMS's slowest stop ${fmt.s(Math.max(...stopSims) / 1000)} simulated`,
            };
          case 'pulumi-up':
            return {
              seconds: switchDirect.wallSeconds,
              basis: `the same ${names.length} updates by \`pulumi up\` directly, ${options.maxParallel} at a time (mean of ${options.directRuns} runs)`,
            };
          case 'register':
            return {
              seconds: registerDirect.wallSeconds,
              basis: `the same ${names.length} targeted updates by \`pulumi up --target\` directly, ${options.maxParallel} at a time (mean of ${options.directRuns} runs)`,
            };
          case 'http-check':
            return { seconds: healthFloor, basis: `the ${names.length} health URLs asked directly, all at once` };
          default:
            // A track's step (Keyspaces' proxy phases, its validation): the benchmark's plan has none.
            return { seconds: 0, basis: `no floor measured for ${step.type}` };
        }
      };
      const { seconds, basis } = floor();
      const stepCalls = calls.filter((call) => call.startedAtMs >= from && call.startedAtMs <= to);
      return {
        id: step.id,
        name: step.name,
        type: step.type,
        inDowntime: from >= Date.parse(runView.clock.downtimeStartedAt!),
        actualSeconds: (to - from) / 1000,
        floorSeconds: seconds,
        floorBasis: basis,
        cliCalls: summarizeCalls(stepCalls),
        cpu: cpu.between(from, to),
        ...(step.type === 'pulumi-up' || step.type === 'register' ? { operations: operationTimes(step.targets, operations, calls, dataDir) } : {}),
      };
    });
    return {
      options,
      steps,
      downtimeSeconds: (Date.parse(runView.clock.downtimeEndedAt!) - Date.parse(runView.clock.downtimeStartedAt!)) / 1000,
      dms: {
        stopSimSeconds: stopSims.map((ms) => ms / 1000),
        stopsSentOverSeconds: wallSecondsOf(clock, stopsSentOverSim),
        drainSimSeconds: drainSim / 1000,
        quietFloorSimSeconds: quietFloorSim / 1000,
        writersBlockedBeforeQuietSeconds: writersBlockedAt === undefined ? null : (quiet.from - writersBlockedAt) / 1000,
        monitorIntervalSeconds,
      },
      direct: { register: registerDirect, pulumiUp: switchDirect },
    };
  } finally {
    await core?.close().catch(() => undefined);
    await aws?.close().catch(() => undefined);
    await registry?.close().catch(() => undefined);
    await removeTempDirs();
  }
}

removeTempDirsOnInterrupt();

main().catch(async (error: unknown) => {
  process.stderr.write(`downtime benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await removeTempDirs();
  process.exitCode = 1;
});
