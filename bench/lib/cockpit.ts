// The cockpit's Pulumi side assembled for the benchmarks, as the core wires it (main/core/stack-service.ts) and
// as test/integration/harness.ts does: the real CLI, a data folder, a fsync'd journal, the redactor, the
// OperationRunner and WaveRunner, and events published into the real EventBatcher whose batches are serialized
// the way a transport would send them.
import { PulumiCommand } from '@pulumi/pulumi/automation';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CockpitEvent } from '../../main/api/contract';
import { createEventBatcher, type EventBatcher } from '../../main/api/event-batcher';
import { FileJournal, type Journal } from '../../main/journal/journal';
import type { MigrationPlan } from '../../main/plan/model';
import { OperationRunner } from '../../main/pulumi/operations';
import type { PulumiCliLocation } from '../../main/pulumi/toolchain';
import { WaveRunner } from '../../main/pulumi/wave-runner';
import { openStack, type WorkspaceContext } from '../../main/pulumi/workspace';
import { SecretRedactor } from '../../main/secrets/redactor';
import { benchEnv, REPO } from './common';

export interface BenchCockpit {
  readonly context: WorkspaceContext;
  readonly runner: OperationRunner;
  readonly waves: WaveRunner;
  readonly journal: Journal;
  /** Seconds spent in openStack (the workspace path: version check, create-or-select, config) per call. */
  readonly openStackSeconds: number[];
  /** Events published and bytes of the batches serialized for the transport. */
  readonly published: { events: number; batches: number; bytes: number };
  close(): Promise<void>;
}

export async function startBenchCockpit(options: { dir: string; plan: MigrationPlan; cli: PulumiCliLocation }): Promise<BenchCockpit> {
  const redactor = new SecretRedactor();
  const dataDir = path.join(options.dir, 'data');
  const { journal } = await FileJournal.open(path.join(dataDir, 'journal'), { redact: (entry) => redactor.redactDeep(entry) });
  const batcher: EventBatcher = createEventBatcher();
  const published = { events: 0, batches: 0, bytes: 0 };
  batcher.subscribe((batch) => {
    published.batches++;
    published.bytes += JSON.stringify(batch).length;
  });
  const publish = (event: CockpitEvent) => {
    published.events++;
    batcher.publish(event);
  };
  const context: WorkspaceContext = { plan: options.plan, appRoot: REPO, dataDir, cli: options.cli, redactor, env: benchEnv() };
  const openStackSeconds: number[] = [];
  const runner = new OperationRunner({
    journal,
    redactor,
    publish,
    log: () => {},
    openStack: async (stackId) => {
      const start = performance.now();
      try {
        return await openStack(context, stackId);
      } finally {
        openStackSeconds.push((performance.now() - start) / 1000);
      }
    },
  });
  const waves = new WaveRunner({
    runner,
    journal,
    publish,
    plan: () => options.plan,
    lifecycleOf: () => 'planned',
    log: () => {},
  });
  return {
    context,
    runner,
    waves,
    journal,
    openStackSeconds,
    published,
    async close() {
      await runner.stopAll();
      batcher.close();
    },
  };
}

export interface CliCall {
  readonly command: string;
  readonly seconds: number;
  /** Wall-clock epoch ms when the command started, and the folder it ran in (to attribute calls to a stack's operation). */
  readonly startedAtMs: number;
  readonly cwd: string;
}

/**
 * Records every CLI command the Automation API runs (PulumiCommand.run; `pulumi version` from
 * PulumiCommand.get is not included) while `calls` is set, to break the cockpit's time down per command.
 * Instrumentation only: the command runs unchanged.
 */
export function instrumentCliCalls(): { start(): void; stop(): CliCall[] } {
  // `run(args, cwd, env, ...)` is internal to the Automation API (not in its typings).
  type Run = (this: PulumiCommand, args: string[], ...rest: unknown[]) => Promise<unknown>;
  const prototype = PulumiCommand.prototype as unknown as { run: Run };
  const original = prototype.run;
  let calls: CliCall[] | undefined;
  prototype.run = async function (this: PulumiCommand, args: string[], ...rest: unknown[]) {
    const start = performance.now();
    const startedAtMs = Date.now();
    try {
      return await original.call(this, args, ...rest);
    } finally {
      const [first = '', second = ''] = args;
      const command = ['stack', 'config'].includes(first) && !second.startsWith('-') ? `${first} ${second}` : first;
      calls?.push({ command, seconds: (performance.now() - start) / 1000, startedAtMs, cwd: typeof rest[0] === 'string' ? rest[0] : '' });
    }
  };
  return {
    start: () => void (calls = []),
    stop: () => {
      const recorded = calls ?? [];
      calls = undefined;
      return recorded;
    },
  };
}
