// The data-center side of the scheduled-jobs track, on the rehearsal clock: jobs on a Jenkins-compatible scheduler or
// an HTTP cron endpoint, each with a 5-field cron spec in its time zone, a duration and the result its runs end with.
// While a job is buildable (enabled) every slot of its spec starts a build; a slot that comes while a build is still
// running queues one (Jenkins coalesces: at most one queued), which starts when the running build ends, so a build's
// `timestamp` is when it started and its `slot` the trigger it serves. A `schedules-dc-hang` fault keeps a build
// running past its duration (still building at a handover). Disabling a job stops new builds and drops the queued
// one; a running build runs on (as on Jenkins) unless it is stopped.
import type { RehearsalClock } from '../../kernel/clock';
import type { DcDialect, ScheduleEvaluator } from './expressions';

export type DcKind = 'jenkins' | 'cron';

/** How a job's spec is read: a Jenkins trigger (`H` from its name), or the HTTP cron endpoint's Vixie crontab entry. */
export const dialectOf = (kind: DcKind): DcDialect => (kind === 'jenkins' ? 'jenkins' : 'vixie');
export type BuildResult = 'SUCCESS' | 'FAILURE' | 'ABORTED';

export interface DcJobSpec {
  readonly name: string;
  readonly kind: DcKind;
  /** 5-field cron: a Jenkins trigger (`H` allowed, e.g. `H 2 * * *`) or a Vixie crontab entry (names, no `H`). */
  readonly cron: string;
  readonly timeZone: string;
  readonly durationSeconds: number;
  /** How its runs end (default SUCCESS). */
  readonly result: 'SUCCESS' | 'FAILURE';
  readonly enabled: boolean;
  readonly description: string;
}

export interface Build {
  readonly number: number;
  readonly cause: 'timer' | 'user';
  /** The trigger's slot (epoch ms); a user's build has none. */
  readonly slot: number | undefined;
  /** Start, epoch ms (Jenkins `timestamp`). */
  readonly timestamp: number;
  endsAt: number;
  endedAt: number | undefined;
  result: BuildResult | null;
  readonly plannedResult: 'SUCCESS' | 'FAILURE';
  hung: boolean;
}

export interface DcJob extends DcJobSpec {
  enabled: boolean;
  readonly createdAt: number;
  firedThrough: number;
  readonly builds: Build[];
  queued: { slot: number | undefined; cause: 'timer' | 'user'; since: number } | undefined;
  nextBuildNumber: number;
}

interface HangFault {
  readonly job: string;
  readonly from: number;
  readonly durationMs: number;
  used: boolean;
}

const MAX_BUILDS_KEPT = 2000;

export class DcEstate {
  readonly #clock: RehearsalClock;
  readonly #evaluator: ScheduleEvaluator;
  readonly #jobs = new Map<string, DcJob>();
  #hangs: HangFault[] = [];

  constructor(clock: RehearsalClock, evaluator: ScheduleEvaluator) {
    this.#clock = clock;
    this.#evaluator = evaluator;
  }

  now(): number {
    this.sync();
    return this.#clock.now();
  }

  jobs(kind?: DcKind): DcJob[] {
    return [...this.#jobs.values()].filter((job) => kind === undefined || job.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
  }

  job(name: string, kind?: DcKind): DcJob | undefined {
    const job = this.#jobs.get(name);
    return job && (kind === undefined || job.kind === kind) ? job : undefined;
  }

  /**
   * Defines or redefines a job (its builds are kept); the spec's slots count from now, or, for a new job with
   * `ranForSeconds`, from that long ago: it has run on its spec since then (builds for every slot of that past, as a
   * data center that has run the job for years has them). Throws ExpressionError.
   */
  putJob(spec: DcJobSpec, options: { readonly ranForSeconds?: number } = {}): { job: DcJob; created: boolean } {
    this.#evaluator.dcSlots(spec.cron, spec.timeZone, spec.name, 0, 0, dialectOf(spec.kind));
    const now = this.now();
    const existing = this.#jobs.get(spec.name);
    const since = now - Math.max(0, options.ranForSeconds ?? 0) * 1000;
    const job: DcJob = existing
      ? Object.assign(existing, spec, { firedThrough: now })
      : { ...spec, createdAt: since, firedThrough: since, builds: [], queued: undefined, nextBuildNumber: 1 };
    this.#jobs.set(spec.name, job);
    if (!existing && since < now) this.sync();
    return { job, created: !existing };
  }

  deleteJob(name: string): boolean {
    this.sync();
    return this.#jobs.delete(name);
  }

  setEnabled(job: DcJob, enabled: boolean): void {
    this.sync();
    job.enabled = enabled;
    if (!enabled) job.queued = undefined;
  }

  /** A build now (Jenkins "Build Now"): starts, or queues behind the running one. False when the job is disabled. */
  trigger(job: DcJob): boolean {
    const now = this.now();
    if (!job.enabled) return false;
    if (running(job)) job.queued ??= { slot: undefined, cause: 'user', since: now };
    else this.#start(job, now, undefined, 'user');
    return true;
  }

  /** Aborts a running build (Jenkins `stop`). */
  stop(job: DcJob, number: number): Build | undefined {
    const now = this.now();
    const build = job.builds.find((candidate) => candidate.number === number);
    if (!build || build.result !== null) return build;
    build.result = 'ABORTED';
    build.endsAt = now;
    build.endedAt = now;
    this.#startQueued(job, now);
    return build;
  }

  addHang(job: string, from: number, durationSeconds: number): void {
    this.sync();
    this.#hangs.push({ job, from, durationMs: durationSeconds * 1000, used: false });
    const target = this.#jobs.get(job);
    const build = target && running(target);
    if (target && build) this.#applyHang(target, build, this.#clock.now());
  }

  clearFaults(): void {
    this.#hangs = [];
  }

  describeFaults(): Record<string, unknown>[] {
    return this.#hangs.map((hang) => ({
      type: 'schedules-dc-hang',
      job: hang.job,
      from: new Date(hang.from).toISOString(),
      durationSeconds: hang.durationMs / 1000,
      used: hang.used,
    }));
  }

  sync(): void {
    const now = this.#clock.now();
    for (const job of this.#jobs.values()) {
      const from = job.firedThrough;
      if (now <= from) continue;
      job.firedThrough = now;
      let slots: number[] = [];
      if (job.enabled) {
        try {
          slots = this.#evaluator.dcSlots(job.cron, job.timeZone, job.name, from, now, dialectOf(job.kind));
        } catch {
          slots = [];
        }
      }
      for (const slot of slots) {
        this.#advance(job, slot);
        if (running(job)) job.queued ??= { slot, cause: 'timer', since: slot };
        else this.#start(job, slot, slot, 'timer');
      }
      this.#advance(job, now);
    }
  }

  /** Ends the running builds due by `t` (a queued build starts as one ends). */
  #advance(job: DcJob, t: number): void {
    for (let build = running(job); build; build = running(job)) {
      this.#applyHang(job, build, t);
      if (build.endsAt > t) return;
      build.endedAt = build.endsAt;
      build.result = build.plannedResult;
      this.#startQueued(job, build.endsAt);
    }
  }

  #startQueued(job: DcJob, at: number): void {
    const queued = job.queued;
    if (!queued) return;
    job.queued = undefined;
    this.#start(job, at, queued.slot, queued.cause);
  }

  #start(job: DcJob, at: number, slot: number | undefined, cause: 'timer' | 'user'): void {
    const build: Build = {
      number: job.nextBuildNumber++,
      cause,
      slot,
      timestamp: at,
      endsAt: at + job.durationSeconds * 1000,
      endedAt: undefined,
      result: null,
      plannedResult: job.result,
      hung: false,
    };
    job.builds.push(build);
    if (job.builds.length > MAX_BUILDS_KEPT) job.builds.splice(0, job.builds.length - MAX_BUILDS_KEPT);
    this.#applyHang(job, build, at);
  }

  /** A hang due by `t` that covers this build (running at its time, or started after it) stretches the build. */
  #applyHang(job: DcJob, build: Build, t: number): void {
    for (const hang of this.#hangs) {
      if (hang.used || hang.job !== job.name || hang.from > Math.min(t, build.endsAt)) continue;
      hang.used = true;
      build.hung = true;
      build.endsAt = Math.max(build.endsAt, Math.max(hang.from, build.timestamp) + hang.durationMs);
    }
  }
}

export function running(job: DcJob): Build | undefined {
  const last = job.builds.at(-1);
  return last && last.result === null ? last : undefined;
}
