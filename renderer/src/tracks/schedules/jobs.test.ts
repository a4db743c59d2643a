// The Schedules tab's order (the plan's waves and stacks first, then what the plan does not place), the plan-wide
// totals (a schedule group's drops counted once), the alerts newest first and which are still open.
import { describe, expect, it } from 'vitest';
import { demoLike } from '../../store/test-fixtures';
import { groupJobs, isAcknowledged, jobsOfStack, newestFirst, openAlertIds, ownerCounts, planTotals, stackName, waveTitle } from './jobs';
import { ALERTS, cachePurge, jobView, ledgerClose, monthlyReport } from './schedules-fixtures';

describe('the jobs on the tab', () => {
  const plan = demoLike().plan;

  it('come grouped by wave in the plan order, then stack in the plan order, then unknown waves and no wave', () => {
    const jobs = [
      jobView('apps/loose', 'sweep', null),
      monthlyReport,
      cachePurge,
      jobView('x/y', 'orphan', 'w9'),
      ledgerClose,
      jobView('apps/app1', 'second', 'w1'),
    ];
    const shape = (groups: ReturnType<typeof groupJobs>) =>
      groups.map((group) => [waveTitle(group), group.stacks.map((stack) => [stack.name, stack.jobs.map((job) => job.jobId)])]);
    expect(shape(groupJobs(plan, jobs))).toEqual([
      [
        'Pilot',
        [
          ['app1', ['ledger-close', 'second']],
          ['app2', ['cache-purge']],
        ],
      ],
      ['Finance', [['app3', ['monthly-report']]]],
      ['Wave w9', [['x/y', ['orphan']]]],
      ['In no wave', [['loose', ['sweep']]]],
    ]);
    // Without a plan: by the waves the views name, in the monitor's order, jobs in no wave last.
    expect(shape(groupJobs(null, jobs))).toEqual([
      ['Wave w2', [['apps/app3', ['monthly-report']]]],
      [
        'Wave w1',
        [
          ['apps/app2', ['cache-purge']],
          ['apps/app1', ['ledger-close', 'second']],
        ],
      ],
      ['Wave w9', [['x/y', ['orphan']]]],
      ['In no wave', [['apps/loose', ['sweep']]]],
    ]);
    expect(groupJobs(plan, [])).toEqual([]);
  });

  it("are named by the plan's stack names, and listed per stack", () => {
    expect(stackName(plan, 'apps/app1')).toBe('app1');
    expect(stackName(plan, 'x/y')).toBe('x/y');
    expect(jobsOfStack([ledgerClose, cachePurge, monthlyReport], 'apps/app2')).toEqual([cachePurge]);
  });

  it('sum up every job, counting a schedule group’s dropped invocations once', () => {
    const sameGroup = jobView('apps/app2', 'other', 'w1', { totals: { dropped: 2, throttles: 3 } });
    expect(planTotals(plan, [ledgerClose, cachePurge, sameGroup, monthlyReport])).toEqual({
      doubleRuns: 1,
      missedRuns: 1,
      dcFailures: 0,
      awsErrors: 0,
      throttles: 4,
      duplicateDeliveries: 1,
      dropped: 2,
    });
    // Another group of the same account and region counts on its own.
    const otherGroup = jobView('apps/app1', 'other', 'w1', { aws: { scheduleGroup: 'batch' }, totals: { dropped: 5 } });
    expect(planTotals(plan, [cachePurge, otherGroup]).dropped).toBe(7);
  });
});

describe('the alerts', () => {
  it('come newest first', () => {
    expect(newestFirst(ALERTS).map((alert) => alert.id)).toEqual(['a-double', 'a-duplicate', 'a-missed']);
  });

  it('are open until the monitor lists them acknowledged or the core answered their acknowledgement', () => {
    expect(openAlertIds(newestFirst(ALERTS), {})).toEqual(['a-double', 'a-duplicate']);
    expect(openAlertIds(ALERTS, { 'a-double': 'sending' })).toEqual(['a-duplicate']);
    const [missed, double] = ALERTS;
    expect(isAcknowledged(missed!, {})).toBe(true);
    expect(isAcknowledged(double!, { 'a-double': 'sending' })).toBe(false);
    expect(isAcknowledged(double!, { 'a-double': 'sent' })).toBe(true);
  });
});

describe('owners', () => {
  it('counts the jobs by whose trigger fires now', () => {
    expect(ownerCounts([ledgerClose, cachePurge, monthlyReport, jobView('apps/app9', 'x', null, { owner: 'aws' })])).toEqual({
      dc: 1,
      aws: 2,
      both: 0,
      neither: 1,
      unknown: 0,
    });
    expect(ownerCounts([])).toEqual({ dc: 0, aws: 0, both: 0, neither: 0, unknown: 0 });
  });
});
