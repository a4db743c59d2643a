// Benchmark 2: wave parallelism. Eight stacks, each with resources whose create waits ~2 s (standing in for a
// cloud API), deployed as one wave by the WaveRunner with maxParallel 4 and, on eight other fresh stacks, with
// maxParallel 1. CPU time of the whole run (this process and every descendant it reaped: the Pulumi CLIs, language
// hosts, programs and provider plugins) gives the floor a machine with N cores sets: CPU seconds / N.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { OperationView } from '../main/api/contract';
import { stackOperation } from '../main/pulumi/stack-operations';
import type { PulumiCliLocation } from '../main/pulumi/toolchain';
import { startBenchCockpit } from './lib/cockpit';
import { cpuSeconds, log, machineBusySeconds, makeTempDir, PROJECT, stats, writeBenchPlan, type Stats } from './lib/common';

export interface WavesOptions {
  readonly stacks: number;
  readonly resourcesPerStack: number;
  readonly delayMs: number;
  readonly maxParallel: number;
}

export const DEFAULT_WAVES: WavesOptions = { stacks: 8, resourcesPerStack: 2, delayMs: 2000, maxParallel: 4 };
export const WAVES_TARGET = 0.5;

export interface WaveRun {
  readonly maxParallel: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  /** CPU seconds / cores: no schedule on this machine can be faster. */
  readonly cpuFloorSeconds: number;
  /** CPU seconds other processes on the machine used meanwhile (machine busy time from /proc/stat minus ours). */
  readonly otherCpuSeconds: number;
  /** Each stack's operation, start to end. */
  readonly stackSeconds: Stats;
}

export interface WavesResult {
  readonly options: WavesOptions;
  readonly cores: number;
  readonly parallel: WaveRun;
  readonly sequential: WaveRun;
  /** Parallel wall time / sequential wall time. */
  readonly ratio: number;
  readonly pass: boolean;
}

export async function runWaves(cli: PulumiCliLocation, options: WavesOptions): Promise<WavesResult> {
  const dir = await makeTempDir('mc-bench-waves-');
  const names = (prefix: string) => Array.from({ length: options.stacks }, (_, index) => `${prefix}${index + 1}`);
  const plan = await writeBenchPlan(
    dir,
    [...names('par'), ...names('seq')].map((name) => ({ name, resources: options.resourcesPerStack, delayMs: options.delayMs })),
    [
      { id: 'sequential', stacks: names('seq'), maxParallel: 1 },
      { id: 'parallel', stacks: names('par'), maxParallel: options.maxParallel },
    ],
  );
  const cores = os.cpus().length;
  const cockpit = await startBenchCockpit({ dir, plan, cli });
  try {
    const deployWave = async (waveId: string): Promise<WaveRun> => {
      const cpuBefore = cpuSeconds();
      const machineBefore = machineBusySeconds();
      const start = performance.now();
      const view = cockpit.waves.start(waveId, 'wave-deploy', () => stackOperation('up'));
      const finished = await cockpit.waves.waitFor(view.operationId);
      const wallSeconds = (performance.now() - start) / 1000;
      const cpu = cpuSeconds() - cpuBefore;
      const otherCpuSeconds = Math.max(0, machineBusySeconds() - machineBefore - cpu);
      if (finished.status !== 'succeeded') throw new Error(`wave ${waveId} ${finished.status}: ${finished.message}`);
      const operations = cockpit.runner.list().filter((operation: OperationView) => operation.parentOperationId === view.operationId);
      const stackSeconds = operations.map((operation) => (Date.parse(operation.finishedAt!) - Date.parse(operation.startedAt)) / 1000);
      const maxParallel = plan.waves.find((wave) => wave.id === waveId)!.maxParallel;
      log(
        `  wave maxParallel ${maxParallel}: ${wallSeconds.toFixed(2)} s wall, ${cpu.toFixed(2)} CPU s ` +
          `(${PROJECT} stacks: ${operations.length}; other processes meanwhile: ${otherCpuSeconds.toFixed(1)} CPU s)`,
      );
      return { maxParallel, wallSeconds, cpuSeconds: cpu, cpuFloorSeconds: cpu / cores, otherCpuSeconds, stackSeconds: stats(stackSeconds) };
    };
    const sequential = await deployWave('sequential');
    const parallel = await deployWave('parallel');
    const ratio = parallel.wallSeconds / sequential.wallSeconds;
    return { options, cores, parallel, sequential, ratio, pass: ratio <= WAVES_TARGET };
  } finally {
    await cockpit.close();
  }
}
