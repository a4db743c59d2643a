// The simulated Glue estate of the bulk load: job definitions and their runs (job-run.ts), run ids derived from the
// seed (jr_<64 hex>, as Glue writes them), at most ExecutionProperty.MaxConcurrentRuns runs at once, and the
// injected failures waiting for a job's running or next run. Commands throw the AwsError Glue answers with.
import { AwsError } from '../../kernel/errors';
import { hashString, prng } from '../../kernel/random';
import { copyPlanOf, JobRun, type CopyDriver, type RunFailure } from './job-run';

export interface GlueJob {
  readonly name: string;
  readonly role: string;
  readonly createdOn: number;
  readonly command: { readonly Name: string; readonly ScriptLocation?: string; readonly PythonVersion?: string };
  readonly defaultArguments: Readonly<Record<string, string>>;
  readonly nonOverridableArguments: Readonly<Record<string, string>>;
  readonly description?: string;
  readonly maxConcurrentRuns: number;
  readonly maxRetries: number;
  /** Minutes. */
  readonly timeout: number;
  readonly glueVersion: string;
  readonly workerType?: string;
  readonly numberOfWorkers?: number;
  readonly maxCapacity?: number;
  /** The CreateJob input as given, to tell a repeated create from a different one. */
  readonly definition: string;
}

/** A failure waiting to be attached to the job's running run, or its next one. */
interface PendingFailure extends RunFailure {
  readonly job: string;
  readonly from: number;
}

export interface StopResult {
  readonly stopped: string[];
  readonly errors: Array<{ readonly runId: string; readonly code: string; readonly message: string }>;
}

/** Makes the real copy of a run (with a data plane), or undefined for a simulated one. */
export type CopyFactory = (run: JobRun) => CopyDriver | undefined;

export class GlueJobs {
  readonly #jobs = new Map<string, GlueJob>();
  /** Per job, its runs oldest first. */
  readonly #runs = new Map<string, JobRun[]>();
  readonly #seed: number;
  readonly #withDataPlane: boolean;
  readonly #newCopy: CopyFactory;
  #pending: PendingFailure[] = [];
  #sequence = 0;

  constructor(seed: number, withDataPlane: boolean, newCopy: CopyFactory) {
    this.#seed = seed;
    this.#withDataPlane = withDataPlane;
    this.#newCopy = newCopy;
  }

  jobs(): GlueJob[] {
    return [...this.#jobs.values()];
  }

  job(name: string): GlueJob | undefined {
    return this.#jobs.get(name);
  }

  requireJob(name: string): GlueJob {
    const job = this.#jobs.get(name);
    if (!job) throw new AwsError('EntityNotFoundException', `Job ${name} not found`);
    return job;
  }

  /** Creates the job; the same definition again is a no-op, a different one an IdempotentParameterMismatchException. */
  createJob(job: GlueJob): GlueJob {
    const existing = this.#jobs.get(job.name);
    if (existing) {
      if (existing.definition === job.definition) return existing;
      throw new AwsError('IdempotentParameterMismatchException', `Job ${job.name} already submitted with different configuration`);
    }
    this.#jobs.set(job.name, job);
    this.#runs.set(job.name, []);
    return job;
  }

  /** Deletes the job and its runs (a run in progress stops); no error for a job that does not exist, as Glue answers. */
  deleteJob(name: string): void {
    for (const run of this.#runs.get(name) ?? []) run.copy?.abort();
    this.#jobs.delete(name);
    this.#runs.delete(name);
    this.#pending = this.#pending.filter((failure) => failure.job !== name);
  }

  /** The job's runs, newest first. */
  runs(jobName: string): JobRun[] {
    this.requireJob(jobName);
    return [...(this.#runs.get(jobName) ?? [])].reverse();
  }

  allRuns(): JobRun[] {
    return [...this.#runs.values()].flat();
  }

  run(jobName: string, runId: string): JobRun {
    this.requireJob(jobName);
    const run = this.#runs.get(jobName)?.find((candidate) => candidate.id === runId);
    if (!run) throw new AwsError('EntityNotFoundException', `Job run ${runId} of job ${jobName} not found`);
    return run;
  }

  startRun(jobName: string, args: Readonly<Record<string, string>>, now: number, timeoutMinutes?: number): JobRun {
    const job = this.requireJob(jobName);
    const runs = this.#runs.get(jobName)!;
    const active = runs.filter((run) => !run.finished).length;
    if (active >= job.maxConcurrentRuns)
      throw new AwsError(
        'ConcurrentRunsExceededException',
        `Concurrent runs exceeded for ${jobName}: ${active} of at most ${job.maxConcurrentRuns} are running`,
      );
    const merged = { ...job.defaultArguments, ...args, ...job.nonOverridableArguments };
    const run = new JobRun({
      id: this.#runId(jobName),
      jobName,
      startedOn: now,
      arguments: args,
      plan: copyPlanOf(merged, this.#withDataPlane),
      timeoutMinutes: timeoutMinutes ?? job.timeout,
    });
    if (!run.plan.problem) run.copy = this.#newCopy(run);
    runs.push(run);
    this.#attachPending(now);
    run.copy?.kick();
    return run;
  }

  /** BatchStopJobRun: each run stops, or says why it cannot. */
  stopRuns(jobName: string, runIds: readonly string[], now: number): StopResult {
    const runs = this.#runs.get(jobName) ?? [];
    const result: StopResult = { stopped: [], errors: [] };
    for (const runId of runIds) {
      const run = runs.find((candidate) => candidate.id === runId);
      if (!run) result.errors.push({ runId, code: 'EntityNotFoundException', message: `Job run ${runId} of job ${jobName} not found` });
      else if (!run.stop(now)) result.errors.push({ runId, code: 'InvalidInputException', message: `Job run ${runId} is ${run.state} and cannot be stopped` });
      else result.stopped.push(runId);
    }
    return result;
  }

  /** An injected failure: the job's running run, or its next, fails at `atPercent` (from simulated time `from` on). */
  armFailure(failure: PendingFailure): void {
    this.requireJob(failure.job);
    this.#pending.push(failure);
  }

  pendingFailures(): readonly PendingFailure[] {
    return this.#pending;
  }

  clearFailures(): void {
    this.#pending = [];
  }

  advance(now: number): void {
    this.#attachPending(now);
    for (const runs of this.#runs.values()) for (const run of runs) if (!run.finished) run.advance(now);
  }

  #attachPending(now: number): void {
    this.#pending = this.#pending.filter((failure) => {
      if (failure.from > now) return true;
      const run = this.#runs.get(failure.job)?.find((candidate) => candidate.active);
      return !(run && run.failAt(failure, now));
    });
  }

  /** jr_ and 64 hex digits, derived from the job, the run's sequence and the seed. */
  #runId(jobName: string): string {
    const next = prng(hashString(`${jobName}#${++this.#sequence}`, this.#seed));
    let hex = '';
    for (let i = 0; i < 8; i++)
      hex += Math.floor(next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    return `jr_${hex}`;
  }
}
