// The scale benchmark's estates (bench/scale.ts): per estate, the rehearsal's AWS server in this process on a manual
// clock, the plan naming its tasks, the deployed state on disk, and the cockpit core in a child process
// (bench/lib/scale-core.ts, --expose-gc) that runs one refresh cycle per request. This process owns the clock: it
// advances simulated time (with a few latency spikes per cycle: live trouble for the gates), then asks for a cycle.
import { fork, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock, startAwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { REPO } from './common';
import type { CoreInit, CoreReply, CycleRequest } from './scale-core';
import { estateOf, PERIOD_SECONDS, scalePlanYaml, scaleScenario, writeDeployedState, type EstateSize } from './scale-plan';

export type ReadyReply = Extract<CoreReply, { type: 'ready' }>;
export type CycleReply = Extract<CoreReply, { type: 'cycle' }>;
export interface CycleSample extends CycleReply {
  /** CPU time of this process (the rehearsal's server answering the core's calls) while the cycle ran. */
  readonly serverCpuMs: number;
  /** Time this process took to advance the simulated estate before the cycle (not in the cycle). */
  readonly advanceMs: number;
}

export interface Estate {
  readonly size: EstateSize;
  readonly planFile: string;
  readonly planBytes: number;
  readonly ready: ReadyReply;
  /** What the rehearsal has, for the first cycle's lookups. */
  readonly instances: number;
  readonly endpoints: number;
  /** Advances simulated time by `advanceMs` and runs one refresh cycle (with `memory`: RSS samples after it). */
  cycle(advanceMs: number, memory?: boolean): Promise<CycleSample>;
  /** Ends the core (it closes and exits); the rehearsal stays until close(). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** Latency spikes per 1,000 tasks and cycle (as bench:cutover injects 3 into its 600 tasks). */
const SPIKES_PER_1000 = 3;

export async function startEstate(tasks: number, dir: string, extraArgs: readonly string[] = []): Promise<Estate> {
  const size = estateOf(tasks);
  const clock = new ManualClock(Date.UTC(2026, 11, 5, 0, 0, 0));
  const aws = await startAwsRehearsal({ clock, scenario: scaleScenario(tasks) });
  let child: ChildProcess | undefined;
  try {
    // The estate runs an hour before the cockpit looks: full loads done, tasks in CDC, latency history for the holds.
    aws.simulation.advance(3_600_000);
    const ids = aws.simulation.tasks().map((task) => task.identity.id);
    const planFile = path.join(dir, `migration-${tasks}.yaml`);
    const text = scalePlanYaml(size, ids);
    await writeFile(planFile, text);
    const dataDir = path.join(dir, `data-${tasks}`);
    await writeDeployedState(dataDir, size.stacks);
    child = fork(path.join(REPO, 'bench', 'lib', 'scale-core.ts'), [], {
      execArgv: ['--import', 'tsx', '--expose-gc', ...extraArgs],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const core = talk(child);
    const init: CoreInit = { type: 'init', planFile, dataDir, awsUrl: aws.url, now: aws.simulation.now(), metricPeriodSeconds: PERIOD_SECONDS };
    const ready = await core.ask(init);
    if (ready.type !== 'ready') throw new Error(`the core for ${tasks} tasks did not start: ${JSON.stringify(ready).slice(0, 2000)}`);
    const taskList = aws.simulation.tasks();
    let random = 7 + tasks;
    const next = () => (random = (random * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const spikes = Math.ceil((SPIKES_PER_1000 * tasks) / 1000);
    const running = child;
    return {
      size,
      planFile,
      planBytes: Buffer.byteLength(text),
      ready,
      instances: aws.simulation.instances().length,
      endpoints: aws.simulation.endpoints().length,
      async cycle(advanceMs, memory = false) {
        // Each starting somewhere in the step and lasting 1-2 minutes (seconds, as in a scenario file).
        for (let i = 0; i < spikes; i++) {
          const task = taskList[Math.floor(next() * taskList.length)]!;
          const at = Math.floor((next() * advanceMs) / 1000);
          aws.simulation.injectFault({ type: 'latency-spike', task: task.identity.id, at, for: 60 + Math.floor(next() * 60), applyFactor: 0.05 });
        }
        const advanceBegan = performance.now();
        aws.simulation.advance(advanceMs);
        const advanced = performance.now() - advanceBegan;
        const request: CycleRequest = { type: 'cycle', now: aws.simulation.now(), memory };
        const cpuBefore = process.cpuUsage();
        const reply = await core.ask(request);
        const cpu = process.cpuUsage(cpuBefore);
        if (reply.type !== 'cycle') throw new Error(`a cycle of the core for ${tasks} tasks failed: ${JSON.stringify(reply).slice(0, 2000)}`);
        return { ...reply, serverCpuMs: (cpu.user + cpu.system) / 1000, advanceMs: advanced };
      },
      stop: () => core.stop(),
      async close() {
        if (running.exitCode === null && running.signalCode === null) running.kill();
        await aws.close();
      },
    };
  } catch (error) {
    if (child && child.exitCode === null) child.kill();
    await aws.close();
    throw error;
  }
}

function talk(child: ChildProcess) {
  const replies: CoreReply[] = [];
  let waiting: ((reply: CoreReply) => void) | undefined;
  let exited: Error | undefined;
  child.on('message', (message: CoreReply) => {
    if (message.type === 'error') process.stderr.write(`core: ${message.message}\n`);
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(message);
    } else replies.push(message);
  });
  child.on('exit', (code) => {
    exited = new Error(`the core process exited (${code})`);
    waiting?.({ type: 'error', message: exited.message });
  });
  return {
    ask(message: CoreInit | CycleRequest): Promise<CoreReply> {
      if (exited) return Promise.reject(exited);
      child.send(message);
      if (replies.length > 0) return Promise.resolve(replies.shift()!);
      return new Promise((resolve) => (waiting = resolve));
    },
    stop(): Promise<void> {
      if (exited) return Promise.resolve();
      child.send({ type: 'stop' });
      return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    },
  };
}
