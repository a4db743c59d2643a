// Shared pieces of the deploy benchmarks: paths, the Pulumi CLI, the plan they deploy, CPU time, statistics, polling.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePlan } from '../../main/plan/load';
import { composeGrammar } from '../../main/seam/plan-grammar';
import { CORE_TRACKS } from '../../main/tracks/index';
import type { MigrationPlan } from '../../main/plan/model';
import { findPulumiCli, type PulumiCliLocation } from '../../main/pulumi/toolchain';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const BENCH_DIR = path.join(REPO, 'bench');
/** The CommonJS program every deploy benchmark runs (dynamic resources, config `resources` and `delayMs`). */
export const PROGRAM_DIR = path.join(BENCH_DIR, 'programs', 'deploy-bench');
export const PROJECT = 'bench';
export const PASSPHRASE_ENV = 'BENCH_PULUMI_PASSPHRASE';
export const PASSPHRASE = 'deploy-benchmark-passphrase';

export async function requirePulumiCli(): Promise<PulumiCliLocation> {
  const found = await findPulumiCli();
  if (!found.found) throw new Error(`the deploy benchmarks need the Pulumi CLI: ${found.message}`);
  return found;
}

/** Temporary folders made by the benchmarks; removeTempDirs() deletes every one of them. */
const tempDirs = new Set<string>();

export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  for (const dir of tempDirs) {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    tempDirs.delete(dir);
  }
}

export interface BenchStack {
  readonly name: string;
  readonly resources: number;
  readonly delayMs: number;
}

export interface BenchWave {
  readonly id: string;
  readonly stacks: readonly string[];
  readonly maxParallel: number;
}

/**
 * Writes and parses a plan with one project (the bench program, by absolute path), a file:// backend next to
 * the plan (plan-relative, as an operator would write it) and passphrase secrets read from PASSPHRASE_ENV.
 */
export async function writeBenchPlan(dir: string, stacks: readonly BenchStack[], waves: readonly BenchWave[]): Promise<MigrationPlan> {
  const text = [
    'version: 1',
    'name: Deploy benchmark',
    'environment:',
    '  aws: { region: eu-central-1 }',
    `  pulumi: { backend: "file://./state", passphraseEnv: ${PASSPHRASE_ENV} }`,
    'projects:',
    `  - name: ${PROJECT}`,
    `    program: ${JSON.stringify(PROGRAM_DIR)}`,
    'stacks:',
    ...stacks.map((stack) => `  - { name: ${stack.name}, project: ${PROJECT}, config: { resources: ${stack.resources}, delayMs: ${stack.delayMs} } }`),
    'waves:',
    ...waves.map((wave) => `  - { id: ${wave.id}, name: ${wave.id}, stacks: [${wave.stacks.join(', ')}], maxParallel: ${wave.maxParallel} }`),
    '',
  ].join('\n');
  const file = path.join(dir, 'migration.yaml');
  await writeFile(file, text);
  const parsed = parsePlan(file, text, { grammar: composeGrammar(CORE_TRACKS) });
  if (!parsed.ok) throw new Error(`bench plan invalid:\n${parsed.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n')}`);
  return parsed.plan;
}

/** The environment the engine runs with in both the cockpit and the direct CLI runs. */
export function benchEnv(): NodeJS.ProcessEnv {
  return { ...process.env, [PASSPHRASE_ENV]: PASSPHRASE };
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds of this process and all its reaped descendants: utime + stime + cutime + cstime from
 * /proc/self/stat. cutime/cstime count every child this process has waited for, including what those children
 * had counted for their own waited-for children (the Pulumi CLI, its language host, the program, plugins).
 */
export function cpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may contain spaces), starting with field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  return ticks / CLK_TCK;
}

/** CPU seconds the whole machine has been busy (all processes, all cores) since boot, from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, values };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Runs a command to completion; rejects with its output's tail when it fails. */
export function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}:\n${output.trim().split('\n').slice(-15).join('\n')}`));
    });
  });
}

/** Reads until `done` says so, every 100 ms; throws after `ms` with the last value read (`describe`d). */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms: number,
  describe: (value: T) => string = (value) => JSON.stringify(value).slice(0, 2000),
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}; last: ${describe(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const fmt = {
  s: (seconds: number) => `${seconds.toFixed(2)} s`,
  ratio: (value: number) => value.toFixed(2),
  int: (value: number) => Math.round(value).toLocaleString('en-US'),
  mib: (bytes: number) => `${(bytes / (1 << 20)).toFixed(1)} MiB`,
};

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
