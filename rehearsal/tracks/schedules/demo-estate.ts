// The data-center side of a plan's scheduled jobs, stood up in the rehearsal's data-center schedulers (the demo plan's
// wave of jobs): each job whose scheduler is the rehearsal's stand-in (`baseUrl: rehearsal`) becomes a Jenkins job or
// a cron entry named as the plan names it, on the plan's spec in the plan's time zone, enabled (the data center runs
// every job until a handover moves it) and run on its spec for the hour before the rehearsal started (its builds there,
// as a data center that has run the job for years has them), its runs taking a duration drawn from its name: a fifth
// to a half of the shorter of its function's timeout and its slots' spacing, at most 90 s (the demo's jobs take a
// minute or so and never overlap their next slot). The cockpit's monitor then finds in the rehearsal exactly the jobs
// the plan names, from the one place they are written. A job the rehearsal cannot stand up is left out with the reason (said once by the
// caller): a Jenkins job whose plan gives no spec (Jenkins' REST subset does not expose it), a name the stand-ins do not
// take (a Jenkins folder path), a name two jobs of the plan share.
import { loadPlanFile } from '../../../main/ports/plan-reading';
import { hashString, prng } from '../../kernel/random';
import { dialectOf, type DcJobSpec, type DcKind } from './dc-estate';
import { schedulesEvaluator, type ScheduleEvaluator } from './expressions';
import { DcJobName } from './fault-schema';

/** The shape of a stack's `schedules` this module reads (main/tracks/schedules/plan-schema.ts; the plan was validated by the track's grammar). */
interface StackSchedules {
  readonly schedulers: readonly {
    readonly id: string;
    readonly jenkins?: { readonly baseUrl: string; readonly timeZone: string };
    readonly cron?: { readonly baseUrl: string; readonly timeZone: string };
  }[];
  readonly jobs: readonly {
    readonly id: string;
    readonly description?: string;
    readonly dc: {
      readonly jenkins?: string;
      readonly job?: string;
      readonly cron?: string;
      readonly entry?: string;
      readonly expression?: string;
      readonly timeZone?: string;
    };
    readonly aws: { readonly function?: { readonly timeoutSeconds: number } };
  }[];
}

/** A data-center job to define, and how long it has run on its spec already (its past builds). */
export type DcJobSeed = DcJobSpec & { readonly ranForSeconds?: number };

export interface DataCenterEstate {
  /** The jobs to define, in the plan's order. */
  readonly jobs: readonly DcJobSeed[];
  /** The plan's jobs left out, each with why (`<stackId>#<jobId>: …`). */
  readonly skipped: readonly string[];
}

/** The longest run a derived duration gives. */
export const MAX_DERIVED_SECONDS = 90;
/** How long the jobs have run in the data center when the rehearsal starts. */
export const PAST_RUN_SECONDS = 3600;
const DEFAULT_TIMEOUT_SECONDS = 300;
/** Where the spacing of a spec's slots is measured (a fixed instant: the same durations on every start). */
const SPACING_FROM = Date.UTC(2026, 0, 5);
const SPACING_DAYS = 2;

/** The data-center jobs of the plan in `planFile` that the rehearsal's schedulers run; none when the plan does not load. */
export async function dataCenterOfPlan(planFile: string, evaluator: ScheduleEvaluator = schedulesEvaluator): Promise<DataCenterEstate> {
  const result = await loadPlanFile(planFile);
  if (!result.ok) return { jobs: [], skipped: [] };
  const jobs: DcJobSeed[] = [];
  const skipped: string[] = [];
  const owners = new Map<string, string>();
  for (const stack of result.plan.stacks.values()) {
    const schedules = (stack as { schedules?: StackSchedules }).schedules;
    if (!schedules) continue;
    for (const job of schedules.jobs) {
      const key = `${stack.id}#${job.id}`;
      const kind: DcKind = job.dc.jenkins !== undefined ? 'jenkins' : 'cron';
      const scheduler = schedules.schedulers.find((candidate) => candidate.id === (job.dc.jenkins ?? job.dc.cron))?.[kind];
      // A job of a real data-center scheduler is not the rehearsal's to run.
      if (!scheduler || scheduler.baseUrl !== 'rehearsal') continue;
      const name = kind === 'jenkins' ? job.dc.job : job.dc.entry;
      const spec = job.dc.expression;
      if (name === undefined) continue;
      if (spec === undefined) {
        skipped.push(`${key}: the plan gives no spec of Jenkins job '${name}' (dc.expression), which the rehearsal's Jenkins needs to run it`);
        continue;
      }
      if (!DcJobName.safeParse(name).success) {
        skipped.push(
          `${key}: the rehearsal's ${kind === 'jenkins' ? 'Jenkins' : 'cron endpoint'} takes no name like '${name}' (1-128 letters, digits, ".", "_" or "-": no folders)`,
        );
        continue;
      }
      const owner = owners.get(name);
      if (owner !== undefined) {
        skipped.push(`${key}: '${name}' is already the data-center job of ${owner}`);
        continue;
      }
      owners.set(name, key);
      const timeZone = job.dc.timeZone ?? scheduler.timeZone;
      jobs.push({
        name,
        kind,
        cron: spec,
        timeZone,
        durationSeconds: derivedDuration(name, spec, timeZone, kind, job.aws.function?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, evaluator),
        result: 'SUCCESS',
        enabled: true,
        description: job.description ?? key,
        ranForSeconds: PAST_RUN_SECONDS,
      });
    }
  }
  return { jobs, skipped };
}

/** A fifth to a half (drawn from the name) of the shorter of the timeout and the slots' spacing, 5 to 90 s. */
export function derivedDuration(name: string, spec: string, timeZone: string, kind: DcKind, timeoutSeconds: number, evaluator: ScheduleEvaluator): number {
  const slots = evaluator.dcSlots(spec, timeZone, name, SPACING_FROM, SPACING_FROM + SPACING_DAYS * 86_400_000, dialectOf(kind));
  let spacing = Number.POSITIVE_INFINITY;
  for (let i = 1; i < slots.length; i++) spacing = Math.min(spacing, (slots[i]! - slots[i - 1]!) / 1000);
  const base = Math.min(timeoutSeconds, spacing);
  const fraction = 0.2 + 0.3 * prng(hashString(name))();
  return Math.max(5, Math.min(MAX_DERIVED_SECONDS, Math.round(base * fraction)));
}
