// Which jobs the Schedules tab shows in what order (by wave, then stack, in the plan's order), how many jobs each side
// runs now, the plan-wide totals (a schedule group's dropped invocations counted once: Scheduler counts them per group,
// not per schedule), the alerts newest first and which of them are still open. Pure.
import type { PlanView, WaveView } from '../../../../main/api/contract';
import type { JobTotalsView, JobView, ScheduleAlertView } from '../../../../main/tracks/schedules/contract';
import type { SchedulesSlice } from './slice';

export interface JobStackGroup {
  readonly stackId: string;
  /** The stack's name as the plan gives it, else its id. */
  readonly name: string;
  readonly jobs: readonly JobView[];
}

export interface JobWaveGroup {
  /** The wave's id as the jobs' views carry it (null: in no wave). */
  readonly waveId: string | null;
  /** The plan's wave, when the plan knows it. */
  readonly wave: WaveView | null;
  readonly stacks: readonly JobStackGroup[];
}

/**
 * The jobs grouped by wave, then by stack: the plan's waves in its order and each wave's stacks in the plan's order,
 * then stacks the wave does not list, waves the plan does not know (by wave id) and jobs in no wave last, each in the
 * monitor's order; a stack's jobs in the monitor's order.
 */
export function groupJobs(plan: PlanView | null, jobs: readonly JobView[]): JobWaveGroup[] {
  if (jobs.length === 0) return [];
  const waveIds: (string | null)[] = [];
  for (const wave of plan?.waves ?? []) if (jobs.some((job) => job.waveId === wave.id)) waveIds.push(wave.id);
  for (const job of jobs) if (job.waveId !== null && !waveIds.includes(job.waveId)) waveIds.push(job.waveId);
  if (jobs.some((job) => job.waveId === null)) waveIds.push(null);
  return waveIds.map((waveId) => {
    const wave = plan?.waves.find((candidate) => candidate.id === waveId) ?? null;
    const members = jobs.filter((job) => job.waveId === waveId);
    const stackIds = (wave?.stackIds ?? []).filter((id) => members.some((job) => job.stackId === id));
    for (const job of members) if (!stackIds.includes(job.stackId)) stackIds.push(job.stackId);
    return {
      waveId,
      wave,
      stacks: stackIds.map((stackId) => ({ stackId, name: stackName(plan, stackId), jobs: members.filter((job) => job.stackId === stackId) })),
    };
  });
}

/** A stack's name as the plan gives it, else its id. */
export function stackName(plan: PlanView | null, stackId: string): string {
  return plan?.stacks.find((stack) => stack.id === stackId)?.name ?? stackId;
}

/** A wave's heading: the plan's name, else its id, or that the jobs are in no wave. */
export function waveTitle(group: Pick<JobWaveGroup, 'wave' | 'waveId'>): string {
  if (group.wave) return group.wave.name;
  return group.waveId === null ? 'In no wave' : `Wave ${group.waveId}`;
}

/** The jobs of one stack, in the monitor's order. */
export function jobsOfStack(jobs: readonly JobView[], stackId: string): JobView[] {
  return jobs.filter((job) => job.stackId === stackId);
}

/** How many jobs each owner has now (whose trigger fires: one side, both, neither, not known). */
export function ownerCounts(jobs: readonly JobView[]): Readonly<Record<JobView['owner'], number>> {
  const counts = { dc: 0, aws: 0, both: 0, neither: 0, unknown: 0 };
  for (const job of jobs) counts[job.owner] += 1;
  return counts;
}

/**
 * The totals of every job since the monitor started watching each. `dropped` is a schedule group's count (every job of
 * the group carries the same one): counted once per group, a group being one per account and region (from the plan's
 * stacks; per stack when the plan does not know the stack).
 */
export function planTotals(plan: PlanView | null, jobs: readonly JobView[]): JobTotalsView {
  const totals = { doubleRuns: 0, missedRuns: 0, dcFailures: 0, awsErrors: 0, throttles: 0, duplicateDeliveries: 0, dropped: 0 };
  const droppedByGroup = new Map<string, number>();
  for (const job of jobs) {
    totals.doubleRuns += job.totals.doubleRuns;
    totals.missedRuns += job.totals.missedRuns;
    totals.dcFailures += job.totals.dcFailures;
    totals.awsErrors += job.totals.awsErrors;
    totals.throttles += job.totals.throttles;
    totals.duplicateDeliveries += job.totals.duplicateDeliveries;
    const key = scheduleGroupKey(plan, job);
    droppedByGroup.set(key, Math.max(droppedByGroup.get(key) ?? 0, job.totals.dropped));
  }
  for (const dropped of droppedByGroup.values()) totals.dropped += dropped;
  return totals;
}

function scheduleGroupKey(plan: PlanView | null, job: JobView): string {
  const stack = plan?.stacks.find((candidate) => candidate.id === job.stackId);
  // A job without a schedule (not deployed) is its own group: its count is zero or its own.
  const group = job.aws.scheduleGroup ?? `(job ${job.stackId}#${job.jobId})`;
  const place = stack ? `${stack.account?.id ?? '(plan account)'}/${stack.region}` : `(stack ${job.stackId})`;
  return `${place}/${group}`;
}

/** The alerts newest first (by when they were raised; the list's order between equals). */
export function newestFirst(alerts: readonly ScheduleAlertView[]): ScheduleAlertView[] {
  return alerts
    .map((alert, index) => ({ alert, index, at: Date.parse(alert.raisedAt) }))
    .sort((a, b) => (Number.isFinite(b.at) ? b.at : -Infinity) - (Number.isFinite(a.at) ? a.at : -Infinity) || a.index - b.index)
    .map(({ alert }) => alert);
}

/** Whether the operator has acknowledged an alert: the monitor's list says so, or the core has answered the acknowledgement. */
export function isAcknowledged(alert: ScheduleAlertView, acknowledging: SchedulesSlice['acknowledging']): boolean {
  return alert.acknowledgedAt !== null || acknowledging[alert.id] === 'sent';
}

/** The ids of the alerts not acknowledged and not being acknowledged, in the given order. */
export function openAlertIds(alerts: readonly ScheduleAlertView[], acknowledging: SchedulesSlice['acknowledging']): string[] {
  return alerts.filter((alert) => alert.acknowledgedAt === null && !acknowledging[alert.id]).map((alert) => alert.id);
}
