// The scale benchmark, part 1 (bench/scale.ts): validating the large plan as `migration-cockpit validate` does
// (main/plan/load.ts loadPlanFile: read, YAML, schema, semantic checks, the model), in fresh processes so the first
// call is as cold as the CLI's; the small plan alternately in the same processes, for the ratio; and the CLI itself,
// end to end (Node.js start, tsx, imports, validation, output), for reference.
import { fork, spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO } from './common';
import type { ValidatorReply } from './scale-validator';

export interface ValidateResult {
  readonly processes: number;
  readonly importMs: readonly number[];
  /** The large plan's first validation in each fresh process. */
  readonly coldMs: readonly number[];
  readonly coldCpuMs: readonly number[];
  readonly warmLargeMs: readonly number[];
  readonly warmLargeCpuMs: readonly number[];
  readonly warmSmallMs: readonly number[];
  /** `node bin/migration-cockpit.js validate <large plan>`, wall time of the whole process. */
  readonly cliMs: readonly number[];
  readonly cliOutput: string;
}

export async function validateBench(
  largePlan: string,
  smallPlan: string,
  options: { processes: number; rounds: number; cliRuns: number },
): Promise<ValidateResult> {
  const importMs: number[] = [];
  const coldMs: number[] = [];
  const coldCpuMs: number[] = [];
  const warmLargeMs: number[] = [];
  const warmLargeCpuMs: number[] = [];
  const warmSmallMs: number[] = [];
  for (let p = 0; p < options.processes; p++) {
    const reply = await validatorProcess(largePlan, smallPlan, options.rounds);
    if (reply.errors.length > 0) throw new Error(`the benchmark's plans must be valid:\n${reply.errors.join('\n')}`);
    importMs.push(reply.importMs);
    coldMs.push(reply.coldMs);
    coldCpuMs.push(reply.coldCpuMs);
    warmLargeMs.push(...reply.warmLargeMs);
    warmLargeCpuMs.push(...reply.warmLargeCpuMs);
    warmSmallMs.push(...reply.warmSmallMs);
  }
  const cliMs: number[] = [];
  let cliOutput = '';
  for (let run = 0; run < options.cliRuns; run++) {
    const started = performance.now();
    const { code, output } = await runCli(['validate', largePlan]);
    cliMs.push(performance.now() - started);
    cliOutput = output.trim().split('\n').at(-1) ?? '';
    if (code !== 0) throw new Error(`migration-cockpit validate exited with ${code}: ${output.slice(-2000)}`);
  }
  return { processes: options.processes, importMs, coldMs, coldCpuMs, warmLargeMs, warmLargeCpuMs, warmSmallMs, cliMs, cliOutput };
}

function validatorProcess(largePlan: string, smallPlan: string, rounds: number): Promise<ValidatorReply> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(REPO, 'bench', 'lib', 'scale-validator.ts'), [largePlan, smallPlan, String(rounds)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reply: ValidatorReply | undefined;
    child.on('message', (message: ValidatorReply) => (reply = message));
    child.on('error', reject);
    child.on('exit', (code) => (reply ? resolve(reply) : reject(new Error(`the validator process exited (${code}) without an answer`))));
  });
}

function runCli(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'migration-cockpit.js'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
