// The scale benchmark's validator process (forked by bench/lib/scale-validate.ts): what `migration-cockpit validate`
// does in a fresh process, timed. Loads the plan loader (the time from the process's start until it is ready is
// reported), validates the large plan once cold (the first call of the process: what the CLI pays), then the small and
// the large plan alternately, warm. Replies once over IPC.
//
//   node --import tsx bench/lib/scale-validator.ts <large plan> <small plan> <warm rounds>
import { performance } from 'node:perf_hooks';
import { REPO } from './common';

export interface ValidatorReply {
  /** From the process's start (Node.js, tsx, the imports) until the loader is ready. */
  readonly importMs: number;
  readonly coldMs: number;
  /** CPU time of the process (all its threads: the collector's too) during the cold validation. */
  readonly coldCpuMs: number;
  readonly warmLargeMs: readonly number[];
  readonly warmSmallMs: readonly number[];
  readonly warmLargeCpuMs: readonly number[];
  /** Problems: a plan that did not validate (the benchmark's plans must). */
  readonly errors: readonly string[];
}

async function main(): Promise<void> {
  const [large, small, rounds] = process.argv.slice(2) as [string, string, string];
  const { loadPlanFile } = await import('../../main/plan/load');
  const { composeGrammar } = await import('../../main/seam/plan-grammar');
  const { CORE_TRACKS } = await import('../../main/tracks/index');
  // performance.now() counts from the process's start: Node.js, tsx and every import so far.
  const importMs = performance.now();
  // The plan format migration-cockpit validate reads with: the tracks the cockpit runs.
  const grammar = composeGrammar(CORE_TRACKS);
  const errors: string[] = [];
  const validate = async (file: string) => {
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const result = await loadPlanFile(file, { appRoot: REPO, grammar });
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    if (!result.ok)
      errors.push(
        `${file}: ${
          result.internalError ??
          result.issues
            .slice(0, 3)
            .map((issue) => `${issue.line}:${issue.column} ${issue.message}`)
            .join('; ')
        }`,
      );
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  const cold = await validate(large);
  const warmLargeMs: number[] = [];
  const warmLargeCpuMs: number[] = [];
  const warmSmallMs: number[] = [];
  for (let round = 0; round < Number(rounds); round++) {
    warmSmallMs.push((await validate(small)).ms);
    const warm = await validate(large);
    warmLargeMs.push(warm.ms);
    warmLargeCpuMs.push(warm.cpuMs);
  }
  const reply: ValidatorReply = { importMs, coldMs: cold.ms, coldCpuMs: cold.cpuMs, warmLargeMs, warmSmallMs, warmLargeCpuMs, errors };
  process.send!(reply);
}

main()
  .catch((error: unknown) =>
    process.send!({
      importMs: NaN,
      coldMs: NaN,
      coldCpuMs: NaN,
      warmLargeMs: [],
      warmSmallMs: [],
      warmLargeCpuMs: [],
      errors: [String(error)],
    } satisfies ValidatorReply),
  )
  .finally(() => process.disconnect());
