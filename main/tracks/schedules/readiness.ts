// The scheduled-jobs track's gate, judged from its published views (schedules.jobs, schedules.monitor):
// `schedules.ready` — for every job of the stack, its function deployed and its newest test invocation succeeded, its
// data-center job healthy (its scheduler answers, its newest run did not fail), and no more slots run on both sides
// than the wave accepts (maxDoubleRuns, 0 by default). A stack without scheduled jobs reads green ("no scheduled jobs");
// a silent monitor turns it unknown.
import { MonitorWatch } from '../../monitoring/monitor-watch';
import type { MigrationPlan, StackModel } from '../../plan/model';
import type { GateJudge, GateVerdict, JudgeMoment, ReadinessPart } from '../../seam/readiness-part';
import type { JobView } from './contract';
import { schedulesPlan } from './plan';
import { DEFAULT_WAVE_SETTINGS } from './watched-jobs';

const NO_JOBS: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze(['no scheduled jobs']), holdRemainingSeconds: null, applies: false });
const GREEN: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze([]), holdRemainingSeconds: null });

class SchedulesJudge implements GateJudge {
  /** Stacks with jobs, and the double runs their wave accepts. */
  private readonly stacks = new Map<string, number>();
  private readonly views = new Map<string, JobView[]>();
  private readonly watch = new MonitorWatch(60_000, { monitor: 'the scheduled-jobs monitor', data: 'scheduled-job data' });

  constructor(plan: MigrationPlan) {
    for (const stack of plan.stacks.values()) {
      if (!schedulesPlan.of(stack).schedules) continue;
      const wave = stack.waveId ? plan.waves.find((candidate) => candidate.id === stack.waveId) : undefined;
      this.stacks.set(stack.id, ((wave && schedulesPlan.ofWave(wave).schedules) ?? DEFAULT_WAVE_SETTINGS).maxDoubleRuns);
    }
  }

  observe(event: Parameters<GateJudge['observe']>[0], now: number): boolean {
    switch (event.type) {
      case 'schedules.jobs':
        this.views.clear();
        for (const view of event.jobs) this.views.set(view.stackId, [...(this.views.get(view.stackId) ?? []), view]);
        return true;
      case 'schedules.monitor':
        this.watch.seen(event.monitor, now);
        return true;
      default:
        return false;
    }
  }

  silence(now: number): string | null {
    return this.stacks.size > 0 ? this.watch.problem(now) : null;
  }

  evaluate(stack: StackModel, moment: Readonly<JudgeMoment>, out: GateVerdict[]): void {
    const maxDoubleRuns = this.stacks.get(stack.id);
    if (maxDoubleRuns === undefined) {
      out[0] = NO_JOBS;
      return;
    }
    const views = this.views.get(stack.id);
    const unknown = moment.silence ?? (views ? null : 'the scheduled-jobs monitor has not reported this stack yet');
    out[0] = unknown ? { status: 'unknown', reasons: [unknown], holdRemainingSeconds: null } : readyVerdict(views!, maxDoubleRuns);
  }
}

/** Why each job is not ready, in words; green when none. */
export function readyVerdict(jobs: readonly JobView[], maxDoubleRuns: number): GateVerdict {
  const red: string[] = [];
  const unknown: string[] = [];
  for (const job of jobs) {
    const name = `job ${job.jobId}`;
    if (job.aws.functionName === null) red.push(`${name}: its function is not deployed${job.aws.problem ? ` (${job.aws.problem})` : ''}`);
    else if (job.aws.testInvocation === null) red.push(`${name}: no test invocation yet: run one from the Schedules tab`);
    else if (!job.aws.testInvocation.ok)
      red.push(`${name}: the test invocation of ${job.aws.testInvocation.at.slice(11, 19)} UTC failed: ${job.aws.testInvocation.message}`);
    if (job.dc.problem) unknown.push(`${name}: its data-center side cannot be read: ${job.dc.problem}`);
    else if (job.dc.lastRun?.result === 'FAILURE')
      red.push(`${name}: its data-center run of ${job.dc.lastRun.startedAt.slice(11, 19)} UTC failed: the job is not healthy where it runs now`);
    if (job.totals.doubleRuns > maxDoubleRuns)
      red.push(`${name}: ${job.totals.doubleRuns} slot${job.totals.doubleRuns === 1 ? '' : 's'} ran on both sides (the wave accepts ${maxDoubleRuns})`);
  }
  if (red.length > 0) return { status: 'red', reasons: [...red, ...unknown], holdRemainingSeconds: null };
  if (unknown.length > 0) return { status: 'unknown', reasons: unknown, holdRemainingSeconds: null };
  return GREEN;
}

export const schedulesReadiness: ReadinessPart = {
  gates: [
    {
      id: 'schedules.ready',
      label: 'Jobs',
      help: "Every scheduled job of the stack: its function deployed and a test invocation succeeded, its data-center job healthy, and no slot run on both sides beyond the wave's limit.",
    },
  ],
  createJudge: (plan) => new SchedulesJudge(plan),
};
