import { describe, expect, it } from 'vitest';
import type { JobView } from './contract';
import { readyVerdict } from './readiness';

function job(overrides: { dc?: Partial<JobView['dc']>; aws?: Partial<JobView['aws']>; totals?: Partial<JobView['totals']> } = {}): JobView {
  return {
    stackId: 'apps/billing',
    jobId: 'invoices',
    waveId: 'wave-1',
    description: null,
    idempotent: true,
    dcSchedule: '0 2 * * * (UTC)',
    awsSchedule: 'cron(0 2 * * ? *) (UTC)',
    owner: 'dc',
    dc: {
      kind: 'jenkins',
      scheduler: 'jenkins-dc1',
      name: 'billing/invoices',
      enabled: true,
      running: null,
      queued: false,
      lastRun: { startedAt: '2026-12-05T02:00:00.000Z', result: 'SUCCESS' },
      nextSlot: '2026-12-06T02:00:00.000Z',
      checkedAt: '2026-12-05T02:10:00.000Z',
      problem: null,
      ...overrides.dc,
    },
    aws: {
      functionName: 'apps-billing-invoices',
      scheduleName: 'apps-billing-invoices',
      scheduleGroup: 'default',
      state: 'DISABLED',
      startDate: null,
      nextSlot: null,
      reservedConcurrency: null,
      lastRun: null,
      testInvocation: { at: '2026-12-05T02:05:00.000Z', ok: true, message: 'answered 200' },
      checkedAt: '2026-12-05T02:10:00.000Z',
      problem: null,
      ...overrides.aws,
    },
    watchedSince: '2026-12-05T01:00:00.000Z',
    totals: { doubleRuns: 0, missedRuns: 0, dcFailures: 0, awsErrors: 0, throttles: 0, duplicateDeliveries: 0, dropped: 0, ...overrides.totals },
    slots: [],
  };
}

describe('the scheduled-jobs gate', () => {
  it('is green with the function deployed and tested, the DC job healthy and no double run', () => {
    expect(readyVerdict([job()], 0)).toMatchObject({ status: 'green', reasons: [] });
  });

  it('says what each job lacks, in words', () => {
    const verdict = readyVerdict(
      [
        job({ aws: { functionName: null, problem: "the stack has no output 'schedulesJobs' yet: deploy it first" } }),
        job({ aws: { testInvocation: null } }),
        job({ aws: { testInvocation: { at: '2026-12-05T02:05:00.000Z', ok: false, message: 'apps-billing-invoices failed (Unhandled): boom' } } }),
        job({ dc: { lastRun: { startedAt: '2026-12-05T02:00:00.000Z', result: 'FAILURE' } } }),
        job({ totals: { doubleRuns: 2 } }),
      ],
      1,
    );
    expect(verdict.status).toBe('red');
    expect(verdict.reasons).toEqual([
      "job invoices: its function is not deployed (the stack has no output 'schedulesJobs' yet: deploy it first)",
      'job invoices: no test invocation yet: run one from the Schedules tab',
      'job invoices: the test invocation of 02:05:00 UTC failed: apps-billing-invoices failed (Unhandled): boom',
      'job invoices: its data-center run of 02:00:00 UTC failed: the job is not healthy where it runs now',
      'job invoices: 2 slots ran on both sides (the wave accepts 1)',
    ]);
  });

  it('is unknown while a DC side cannot be read and nothing is red', () => {
    expect(readyVerdict([job({ dc: { problem: 'HTTP 503' } })], 0)).toMatchObject({
      status: 'unknown',
      reasons: ['job invoices: its data-center side cannot be read: HTTP 503'],
    });
  });
});
