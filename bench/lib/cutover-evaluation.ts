// The cutover readiness benchmark, part 1 (bench/cutover.ts): the readiness service's evaluation cost per refresh.
// The simulated clock advances one CloudWatch period at a time, the monitor runs one refresh cycle (every task view
// changes: new latency samples, holds counting down; some tasks get latency spikes and restarts), and the readiness
// service judges every wave; the wall time of that judgement is the cost.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCockpitCore, type CockpitCore } from '../../main/core/cockpit-core';
import { dmsTrack, tunedDmsTrack } from '../../main/tracks/dms/track';
import { ManualClock, startAwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { log, makeTempDir, REPO } from './common';
import { benchPlan, benchScenario, PERIOD_SECONDS, stackName, TASKS_PER_STACK } from './cutover-plan';

export interface EvalResult {
  readonly stacks: number;
  readonly tasks: number;
  readonly cycles: number;
  readonly ms: readonly number[];
  /** CPU time (user + system) of this process during each evaluation: what the work costs without preemption. */
  readonly cpuMs: readonly number[];
  readonly changedTaskViews: number;
  readonly wavesPublished: number;
  readonly publishedBytes: number;
  readonly readyCycles: number;
  readonly dataGreenAtEnd: number;
}

export async function evaluationBench(stackCount: number, cycles: number): Promise<EvalResult> {
  const dir = await makeTempDir('mc-bench-cutover-');
  const clock = new ManualClock(Date.UTC(2026, 11, 5, 0, 0, 0));
  const aws = await startAwsRehearsal({ clock, scenario: benchScenario(stackCount) });
  let core: CockpitCore | undefined;
  try {
    aws.simulation.advance(3_600_000); // an hour in: full loads done, tasks in CDC, latency history for the holds
    const planFile = path.join(dir, 'migration.yaml');
    await writeFile(planFile, benchPlan(aws, stackCount));
    let publishedBytes = 0;
    let changedTaskViews = 0;
    core = await startCockpitCore({
      // The benchmark drives every refresh cycle itself, on the simulated clock.
      tracks: [
        tunedDmsTrack({
          clock: () => clock.now(),
          intervals: { fastMs: 3_600_000, normalMs: 3_600_000, idleMs: 3_600_000, maxBackoffMs: 3_600_000 },
          metricPeriodSeconds: PERIOD_SECONDS,
        }),
      ],
      dataDir: path.join(dir, 'data'),
      appRoot: REPO,
      transport: 'web',
      version: 'bench',
      planFile,
      watchPlan: false,
      awsEndpoint: aws.url,
    });
    core.subscribe((batch) => {
      for (const event of batch.events) {
        if (event.type === 'cutover.readiness') publishedBytes += JSON.stringify(event).length;
        else if (event.type === 'dms.tasks') changedTaskViews += event.tasks.length;
      }
    });
    const stackIds = Array.from({ length: stackCount }, (_, s) => `apps/${stackName(s)}`);
    for (const id of stackIds) core.setLifecycle(id, 'registered', 'bench');
    core.setLifecycle('infra/network', 'cut-over', 'bench');
    const monitor = core.runtimeOf(dmsTrack)!.replication.current!;
    await monitor.refreshNow(); // first cycle: tasks found by identifier, instances and endpoints described
    core.readiness.evaluateNow();

    const tasks = aws.simulation.tasks();
    let random = 7;
    const next = () => (random = (random * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const ms: number[] = [];
    const cpuMs: number[] = [];
    let readyCycles = 0;
    let wavesChanged = 0;
    const WARM_UP = 20;
    for (let cycle = -WARM_UP; cycle < cycles; cycle++) {
      if (cycle === 0) {
        changedTaskViews = 0;
        publishedBytes = 0;
      }
      // Live trouble: a few latency spikes (flapping around the gate) and an occasional task restart.
      for (let i = 0; i < 3; i++) {
        const task = tasks[Math.floor(next() * tasks.length)]!;
        aws.simulation.injectFault({ type: 'latency-spike', task: task.identity.id, at: 0, for: 60 + Math.floor(next() * 60), applyFactor: 0.05 });
      }
      if (cycle % 10 === 5) {
        const task = tasks[Math.floor(next() * tasks.length)]!;
        try {
          aws.simulation.stopTask(task.identity.arn);
        } catch {
          // not in a stoppable state right now
        }
      }
      if (cycle % 10 === 7) {
        for (const task of tasks) {
          if (task.status === 'stopped') {
            try {
              aws.simulation.startTask(task.identity.arn, 'resume-processing');
            } catch {
              // not startable right now
            }
          }
        }
      }
      aws.simulation.advance(PERIOD_SECONDS * 1000);
      await monitor.refreshNow();
      // The refresh published its task views; the readiness service has a recompute scheduled: run it now, timed.
      const cpuBefore = process.cpuUsage();
      const began = performance.now();
      const changed = core.readiness.evaluateNow();
      const elapsed = performance.now() - began;
      const cpu = process.cpuUsage(cpuBefore);
      if (cycle < 0) continue; // warm-up refreshes (JIT), untimed
      ms.push(elapsed);
      cpuMs.push((cpu.user + cpu.system) / 1000);
      if (core.readiness.current('wave-2')?.ready) readyCycles++;
      wavesChanged += changed.length;
    }
    const last = core.readiness.current('wave-2');
    const dataGreenAtEnd = last ? last.stacks.filter((stack) => stack.gates.find((gate) => gate.gate === 'data')?.status === 'green').length : 0;
    if (process.env.MC_BENCH_VERBOSE)
      for (const stack of last?.stacks.slice(0, 3) ?? [])
        log(`  ${stack.stackId}: ${JSON.stringify(stack.gates.map((gate) => [gate.status, gate.reasons[0]]))}`);
    return {
      stacks: stackCount,
      tasks: stackCount * TASKS_PER_STACK,
      cycles,
      ms,
      cpuMs,
      changedTaskViews,
      wavesPublished: wavesChanged,
      publishedBytes,
      readyCycles,
      dataGreenAtEnd,
    };
  } finally {
    await core?.close();
    await aws.close();
  }
}
