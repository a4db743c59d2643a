// Benchmark 1: the cockpit's overhead on a deploy. The same small program (bench/programs/deploy-bench, five
// dynamic resources doing trivial work) is deployed, alternately, by the cockpit (OperationRunner running
// stackOperation('up'): openStack's workspace path, engine events through ProgressTracker into the event
// batcher, journal entries fsync'd) and by `pulumi up --yes --skip-preview` run directly. Same CLI, same kind
// of file:// backend (the same folder), same PULUMI_HOME and environment, same stack config.
//
// Every repetition deploys a fresh stack: both sides' stacks are initialized and configured, untimed, before
// their timed deploy, which creates every resource from nothing. (The resources exist only in the state file,
// so the benchmark's temporary folder is simply deleted at the end instead of destroying each stack.)
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stackOperation } from '../main/pulumi/stack-operations';
import type { PulumiCliLocation } from '../main/pulumi/toolchain';
import { pulumiEnvironment } from '../main/pulumi/toolchain';
import { backendUrl, openStack, stackConfig } from '../main/pulumi/workspace';
import { instrumentCliCalls, startBenchCockpit, type CliCall } from './lib/cockpit';
import { benchEnv, cpuSeconds, log, makeTempDir, PASSPHRASE, PROGRAM_DIR, PROJECT, run, stats, timed, writeBenchPlan, type Stats } from './lib/common';

export interface OverheadOptions {
  readonly repetitions: number;
  readonly resources: number;
}

// Eleven pairs: single deploys on a shared 2-core machine vary by +-30 %, and the median of five moved the ratio by 0.2 between runs.
export const DEFAULT_OVERHEAD: OverheadOptions = { repetitions: 11, resources: 5 };
export const OVERHEAD_TARGET = 1.15;

export interface OverheadResult {
  readonly options: OverheadOptions;
  readonly cockpit: Stats;
  readonly cli: Stats;
  /** CPU seconds per deploy, this process and its reaped descendants (see cpuSeconds). */
  readonly cockpitCpu: Stats;
  readonly cliCpu: Stats;
  /** Median cockpit time / median CLI time. */
  readonly ratio: number;
  readonly pass: boolean;
  /** Where the cockpit's time goes, medians over its repetitions (seconds). */
  readonly breakdown: {
    readonly openStack: number;
    /** Median seconds per CLI command the cockpit ran during one deploy, in order. */
    readonly cliCommands: { command: string; seconds: number }[];
  };
}

export async function runOverhead(cli: PulumiCliLocation, options: OverheadOptions): Promise<OverheadResult> {
  const dir = await makeTempDir('mc-bench-overhead-');
  // Repetition 0 of each side is a warm-up (file cache, plugin discovery) and is not counted.
  const indexes = Array.from({ length: options.repetitions + 1 }, (_, index) => index);
  const cockpitStack = (index: number) => `cockpit${index}`;
  const cliStack = (index: number) => `direct${index}`;
  const plan = await writeBenchPlan(
    dir,
    indexes.flatMap((index) => [cockpitStack(index), cliStack(index)]).map((name) => ({ name, resources: options.resources, delayMs: 0 })),
    [{ id: 'overhead', stacks: indexes.flatMap((index) => [cockpitStack(index), cliStack(index)]), maxParallel: 1 }],
  );
  const cockpit = await startBenchCockpit({ dir, plan, cli });
  const cliCalls = instrumentCliCalls();
  try {
    // The direct side: a workspace folder like the cockpit's (Pulumi.yaml with `main` at the program).
    const workspace = path.join(dir, 'direct-workspace');
    await mkdir(workspace, { recursive: true });
    const backend = backendUrl(cockpit.context, PROJECT);
    await writeFile(
      path.join(workspace, 'Pulumi.yaml'),
      [
        `name: ${PROJECT}`,
        'runtime:',
        '  name: nodejs',
        '  options:',
        '    typescript: false',
        `main: ${JSON.stringify(PROGRAM_DIR)}`,
        'backend:',
        `  url: ${JSON.stringify(backend)}`,
        '',
      ].join('\n'),
    );
    const env = {
      ...pulumiEnvironment(cli.binDir, benchEnv(), { pulumiHome: path.join(cockpit.context.dataDir, 'pulumi-home') }),
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    };
    const pulumi = (args: string[]) => run(cli.pulumiPath, args, { cwd: workspace, env });

    const cockpitTimes: number[] = [];
    const cliTimes: number[] = [];
    const cockpitCpuTimes: number[] = [];
    const cliCpuTimes: number[] = [];
    const openStackTimes: number[] = [];
    const commandTimes: CliCall[][] = [];
    for (const index of indexes) {
      const label = index === 0 ? 'warm-up' : `${index}/${options.repetitions}`;

      // Cockpit: the stack exists (empty, configured); the timed deploy is the whole operation.
      const stackId = `${PROJECT}/${cockpitStack(index)}`;
      await openStack(cockpit.context, stackId);
      cockpit.openStackSeconds.length = 0;
      cliCalls.start();
      const cockpitCpuBefore = cpuSeconds();
      const deployed = await timed(async () => {
        const view = cockpit.runner.start(stackId, stackOperation('up'));
        return cockpit.runner.waitFor(view.operationId);
      });
      const cockpitCpu = cpuSeconds() - cockpitCpuBefore;
      const calls = cliCalls.stop();
      if (deployed.value.status !== 'succeeded') throw new Error(`cockpit deploy of ${stackId} ${deployed.value.status}: ${deployed.value.message}`);
      const created = deployed.value.changes?.create;
      if (created !== options.resources + 1) throw new Error(`cockpit deploy of ${stackId} created ${created} resources`);

      // Direct CLI: same preparation (stack init + the same config), untimed.
      const name = cliStack(index);
      await pulumi(['stack', 'init', name, '--secrets-provider', 'passphrase']);
      const config = stackConfig(cockpit.context, plan.stacks.get(`${PROJECT}/${name}`)!);
      await pulumi(['config', 'set-all', '--stack', name, ...Object.entries(config).flatMap(([key, { value }]) => ['--plaintext', `${key}=${value}`])]);
      const cliCpuBefore = cpuSeconds();
      const directRun = await timed(() => pulumi(['up', '--yes', '--skip-preview', '--stack', name]));
      const cliCpu = cpuSeconds() - cliCpuBefore;
      if (!directRun.value.includes(`${options.resources + 1} created`)) {
        throw new Error(`pulumi up of ${name} did not create ${options.resources + 1} resources:\n${directRun.value}`);
      }

      log(
        `  overhead ${label}: cockpit ${deployed.seconds.toFixed(2)} s (${cockpitCpu.toFixed(2)} CPU s), ` +
          `pulumi up ${directRun.seconds.toFixed(2)} s (${cliCpu.toFixed(2)} CPU s)`,
      );
      if (index === 0) continue;
      cockpitTimes.push(deployed.seconds);
      cliTimes.push(directRun.seconds);
      cockpitCpuTimes.push(cockpitCpu);
      cliCpuTimes.push(cliCpu);
      openStackTimes.push(...cockpit.openStackSeconds);
      commandTimes.push(calls);
    }

    const cockpitStats = stats(cockpitTimes);
    const cliStats = stats(cliTimes);
    const ratio = cockpitStats.median / cliStats.median;
    const commands = commandTimes[0]?.map((call, position) => ({
      command: call.command,
      seconds: stats(commandTimes.map((calls) => calls[position]?.seconds ?? NaN)).median,
    }));
    return {
      options,
      cockpit: cockpitStats,
      cli: cliStats,
      cockpitCpu: stats(cockpitCpuTimes),
      cliCpu: stats(cliCpuTimes),
      ratio,
      pass: ratio <= OVERHEAD_TARGET,
      breakdown: { openStack: stats(openStackTimes).median, cliCommands: commands ?? [] },
    };
  } finally {
    await cockpit.close();
  }
}
