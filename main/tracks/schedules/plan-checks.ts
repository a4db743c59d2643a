// The located checks of the scheduled-jobs track's part of a plan, on the parts the schema accepted: each job's
// expressions parse, its schedulers exist (a scheduler id naming one scheduler across the plan), its ids are unique in
// its stack, its two sides fire at the same slots over the next 14 days, a job that is not idempotent is not retried
// or moved by a flexible window, and a wave that hands jobs over has jobs to hand over (and one with jobs does).
import {
  compareSchedules,
  expandSlots,
  DEFAULT_HORIZON_DAYS,
  parseAwsSchedule,
  parseDcCron,
  type ParseResult,
  type Schedule,
  type Slot,
} from '../../../common/schedules/index';
import { stackId, type LocatedReport } from '../../plan/located-report';
import type { PlanParts, ResolvedWave } from '../../plan/plan-parts';
import { closestWord, type StackEntry } from '../../plan/schema';
import type { DocPath } from '../../plan/source';
import { stringsIn } from '../../plan/template-variables';
import { httpUrlProblem } from '../../plan/url-checks';
import { schedulesOf, schedulesOfWave, type JobEntry, type SchedulerEntry } from './plan-schema';

/** Where the comparison's 14 days start: the plan's first cutover window, else now (tests inject it). */
export function firstCutoverOrNow(plan: PlanParts, now: () => number): number {
  const starts = plan.waves.flatMap((wave) => (wave?.cutoverWindow ? [Date.parse(wave.cutoverWindow.start)] : [])).filter(Number.isFinite);
  return starts.length > 0 ? Math.min(...starts) : now();
}

/** The differences a warning lists. */
const SHOWN_DIFFERENCES = 3;

/** Placeholders a cron endpoint's requests may use. */
const JOB_VARIABLES = new Set(['job.id', 'job.entry', 'stack.id', 'stack.name', 'stack.project', 'plan.name']);

export function checkSchedulesPlan(plan: PlanParts, waves: readonly (ResolvedWave | undefined)[], report: LocatedReport, now: () => number): void {
  const from = firstCutoverOrNow(plan, now);
  const declared = new Map<string, { json: string; stack: string }>();
  plan.stacks.forEach((stack, index) => {
    const schedules = stack && schedulesOf(stack).schedules;
    if (!stack || !schedules) return;
    const at: DocPath = ['stacks', index, 'schedules'];
    const schedulers = checkSchedulers(schedules.schedulers, stack, at, declared, report);
    const ids = new Set<string>();
    schedules.jobs.forEach((job, j) => {
      const jobAt: DocPath = [...at, 'jobs', j];
      if (ids.has(job.id)) report.error([...jobAt, 'id'], `job id '${job.id}' is used twice in stack '${stackId(stack)}'; a job's id is unique in its stack`);
      ids.add(job.id);
      checkJob(job, jobAt, schedulers, from, report);
    });
  });
  checkWaves(plan, waves, report);
}

/** The stack's schedulers by id; each declared once per stack, and alike wherever a plan declares one id. */
function checkSchedulers(
  schedulers: readonly SchedulerEntry[],
  stack: StackEntry,
  at: DocPath,
  declared: Map<string, { json: string; stack: string }>,
  report: LocatedReport,
): Map<string, SchedulerEntry> {
  const byId = new Map<string, SchedulerEntry>();
  schedulers.forEach((scheduler, s) => {
    const path: DocPath = [...at, 'schedulers', s];
    if (byId.has(scheduler.id)) {
      report.error([...path, 'id'], `scheduler '${scheduler.id}' is declared twice in this stack`);
      return;
    }
    byId.set(scheduler.id, scheduler);
    const json = JSON.stringify(scheduler);
    const earlier = declared.get(scheduler.id);
    if (earlier && earlier.json !== json)
      report.error(
        [...path, 'id'],
        `scheduler '${scheduler.id}' is declared differently by stack '${earlier.stack}': a scheduler id names one scheduler across the plan (repeat its declaration as it is, or choose another id)`,
      );
    else if (!earlier) declared.set(scheduler.id, { json, stack: stackId(stack) });
    const kind = scheduler.jenkins ? 'jenkins' : 'cron';
    const side = scheduler.jenkins ?? scheduler.cron;
    if (side && side.baseUrl !== 'rehearsal') {
      const url = new URL(side.baseUrl);
      if (url.username || url.password)
        report.error([...path, kind, 'baseUrl'], 'the URL carries credentials: name them in auth (usernameEnv, tokenEnv) instead, so the plan holds no secret');
      else if (httpUrlProblem(side.baseUrl)) report.error([...path, kind, 'baseUrl'], `the URL cannot be used: ${httpUrlProblem(side.baseUrl)}`);
    }
    if (scheduler.cron) {
      for (const name of ['status', 'disable', 'enable'] as const) {
        const request = scheduler.cron[name];
        for (const { text, path: where } of stringsIn({ path: request.path, body: request.body }, [...path, 'cron', name]))
          for (const match of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
            if (JOB_VARIABLES.has(match[1]!) || /^stack\.config\.[A-Za-z_][A-Za-z0-9_.:-]*$/.test(match[1]!)) continue;
            const suggestion = closestWord(match[1]!, [...JOB_VARIABLES]);
            report.error(
              where,
              `unknown placeholder {{${match[1]}}}; ${suggestion ? `did you mean {{${suggestion}}}?` : `expected one of ${[...JOB_VARIABLES].map((v) => `{{${v}}}`).join(', ')} or {{stack.config.<key>}}`}`,
            );
          }
      }
    }
  });
  return byId;
}

function checkJob(job: JobEntry, at: DocPath, schedulers: ReadonlyMap<string, SchedulerEntry>, from: number, report: LocatedReport): void {
  // The DC side: its scheduler, then its expression.
  const kind = job.dc.jenkins !== undefined ? 'jenkins' : 'cron';
  const schedulerId = job.dc.jenkins ?? job.dc.cron ?? '';
  const scheduler = schedulers.get(schedulerId);
  let dcZone: string | undefined;
  if (!scheduler) {
    const candidates = [...schedulers.values()].filter((entry) => entry[kind] !== undefined).map((entry) => entry.id);
    const suggestion = closestWord(schedulerId, candidates);
    report.error(
      [...at, 'dc', kind],
      `no ${kind} scheduler '${schedulerId}' in this stack's schedules.schedulers; ${suggestion ? `did you mean '${suggestion}'?` : candidates.length > 0 ? `its ${kind} schedulers: ${candidates.join(', ')}` : `declare it there`}`,
    );
  } else if (scheduler[kind] === undefined) {
    report.error(
      [...at, 'dc', kind],
      `scheduler '${schedulerId}' is a ${kind === 'jenkins' ? 'cron endpoint' : 'Jenkins controller'}, not a ${kind === 'jenkins' ? 'Jenkins controller' : 'cron endpoint'}`,
    );
  } else {
    dcZone = job.dc.timeZone ?? scheduler[kind]?.timeZone;
  }
  const jobName = job.dc.job;
  const dc =
    job.dc.expression === undefined
      ? undefined
      : expression(
          parseDcCron(job.dc.expression, { dialect: kind === 'jenkins' ? 'jenkins' : 'vixie', ...(jobName ? { jobFullName: jobName } : {}) }),
          job.dc.expression,
          [...at, 'dc', 'expression'],
          kind === 'jenkins' ? 'Jenkins cron spec' : 'cron spec',
          report,
        );
  const aws = expression(parseAwsSchedule(job.aws.expression), job.aws.expression, [...at, 'aws', 'expression'], 'EventBridge Scheduler expression', report);

  // Both sides parsed: the slots they fire over the next 14 days.
  if (dc && aws && dcZone) {
    const comparison = compareSchedules(
      { schedule: aws, timeZone: job.aws.timeZone },
      { schedule: dc, timeZone: dcZone },
      { from, toleranceSeconds: job.slotToleranceSeconds },
    );
    const differences = [
      ...comparison.onlyA.map((slot) => ({ slot, text: `AWS fires ${when(slot, job.aws.timeZone)}, the DC does not` })),
      ...comparison.onlyB.map((slot) => ({ slot, text: `the DC fires ${when(slot, dcZone)}, AWS does not` })),
    ].sort((a, b) => a.slot.epochMs - b.slot.epochMs);
    if (differences.length > 0) {
      const hashed = dc.kind === 'cron' && dc.hashed ? ` (the DC's H drawn from the job name '${jobName}')` : '';
      const shown = differences.slice(0, SHOWN_DIFFERENCES).map((difference) => difference.text);
      report.warning(
        [...at, 'aws', 'expression'],
        `the two sides fire at different slots over the ${DEFAULT_HORIZON_DAYS} days from ${new Date(from).toISOString().slice(0, 16)}Z${hashed}: ${shown.join('; ')}${differences.length > shown.length ? ` … (first ${shown.length} of ${differences.length} differences)` : ''}; a slot on one side only is a missed or an extra run after the handover`,
      );
    }
  }

  // The ledger tells a run's slot by the minute CloudWatch counts it in (its end): a run may end as late as the flexible
  // window and the function's timeout after its slot, so the slots must be further apart than that.
  if (aws) {
    const slots = expandSlots(aws, job.aws.timeZone, from, from + DEFAULT_HORIZON_DAYS * 86_400_000, { start: from, limit: 2000 });
    const gap = Math.min(...slots.slice(1).map((slot, i) => slot.epochMs - slots[i]!.epochMs));
    const timeout = job.aws.function?.timeoutSeconds ?? 900;
    const lateness = (job.aws.flexibleWindowMinutes * 60 + timeout) * 1000;
    if (Number.isFinite(gap) && lateness >= gap)
      report.warning(
        [...at, 'aws', job.aws.flexibleWindowMinutes > 0 ? 'flexibleWindowMinutes' : 'expression'],
        `job '${job.id}' fires every ${Math.round(gap / 60_000)} min at the closest, but a run may end up to ${Math.round(lateness / 60_000)} min after its slot (flexible window ${job.aws.flexibleWindowMinutes} min, timeout ${timeout} s): the cockpit cannot tell which slot such a run served, so its double- and missed-run alerts are unreliable for this job; shorten the window or the timeout`,
      );
  }

  // A run AWS may repeat or move must be harmless twice.
  if (!job.idempotent) {
    const reasons = [
      ...(job.aws.retry.maximumRetryAttempts > 0 ? [`retries a failed run up to ${job.aws.retry.maximumRetryAttempts} times`] : []),
      ...(job.aws.flexibleWindowMinutes > 0 ? [`moves each run within a ${job.aws.flexibleWindowMinutes}-minute flexible window`] : []),
    ];
    if (reasons.length > 0)
      report.warning(
        [...at, 'idempotent'],
        `job '${job.id}' is not idempotent, yet its AWS schedule ${reasons.join(' and ')}: a retry can run a slot again (even after a rollback re-enabled the DC job), and Lambda's async queue may deliver a run twice anyway; make the job idempotent (a lease on job + scheduled time) or set maximumRetryAttempts: 0 and flexibleWindowMinutes: 0`,
      );
  }
}

/** A parsed expression, or its error reported where the expression is, with the character it is about. */
function expression(result: ParseResult, text: string, at: DocPath, what: string, report: LocatedReport): Schedule | undefined {
  if (result.ok) return result.schedule;
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  const pointer = result.at < text.length ? ` at character ${result.at + 1} ('${text.slice(result.at, result.at + 12)}')` : ' at its end';
  report.error(at, `${result.message} — in the ${what} "${shown}"${pointer}`, { offset: result.at });
  return undefined;
}

/** "02:00 Europe/Berlin on 2026-12-06". */
function when(slot: Slot, zone: string): string {
  return `${slot.local.slice(11)} ${zone} on ${slot.local.slice(0, 10)}${slot.dst === 'repeat' ? ' (the repeated hour)' : slot.dst === 'after-gap' ? ' (after the skipped hour)' : ''}`;
}

/** A wave's schedules settings and handover steps against the jobs of its stacks. */
function checkWaves(plan: PlanParts, waves: readonly (ResolvedWave | undefined)[], report: LocatedReport): void {
  plan.waves.forEach((wave, index) => {
    const resolved = waves[index];
    if (!wave || !resolved || !resolved.allStacksKnown) return;
    const jobs = resolved.stacks.flatMap((stack) => schedulesOf(stack).schedules?.jobs ?? []);
    if (schedulesOfWave(wave).schedules && jobs.length === 0)
      report.warning(
        ['waves', index, 'schedules'],
        `wave '${wave.id}' has schedules settings but none of its stacks has scheduled jobs: they have nothing to apply to`,
        'key',
      );
    const handovers = (wave.cutover?.runbook ?? []).flatMap((step, s) => (step.action?.type === 'schedules-handover' ? [s] : []));
    if (wave.cutover && jobs.length > 0 && handovers.length === 0)
      report.warning(
        ['waves', index, 'cutover', 'runbook'],
        `the stacks of wave '${wave.id}' have scheduled jobs (${jobs.map((job) => job.id).join(', ')}) but its runbook hands none over (schedules-handover): after the cutover both sides would run them, or neither`,
        'key',
      );
  });
}
