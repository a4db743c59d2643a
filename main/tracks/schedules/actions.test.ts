import { describe, expect, it } from 'vitest';
import { parseDcCron } from '../../../common/schedules/index';
import { SCHEDULES_ACTIONS, SCHEDULES_COMPENSATIONS, STATE_KEY, withStates } from './actions';
import type { SchedulesRuntime } from './runtime';
import type { WatchedJob } from './watched-jobs';

describe('the handover’s overlay', () => {
  it('sets the named jobs’ state in schedules:state and keeps the others and the rest of the overlay', () => {
    const first = withStates({ trafficTarget: 'aws' }, ['invoices'], 'ENABLED');
    expect(first).toEqual({ trafficTarget: 'aws', [STATE_KEY]: '{"invoices":"ENABLED"}' });
    const second = withStates(first, ['cleanup'], 'ENABLED');
    expect(JSON.parse(String(second[STATE_KEY]))).toEqual({ invoices: 'ENABLED', cleanup: 'ENABLED' });
    expect(JSON.parse(String(withStates(second, ['invoices', 'cleanup'], 'DISABLED')[STATE_KEY]))).toEqual({ invoices: 'DISABLED', cleanup: 'DISABLED' });
  });

  it('replaces a value it did not write', () => {
    expect(withStates({ [STATE_KEY]: 'not json' }, ['invoices'], 'DISABLED')).toEqual({ [STATE_KEY]: '{"invoices":"DISABLED"}' });
    expect(withStates({ [STATE_KEY]: '[1]' }, ['invoices'], 'DISABLED')).toEqual({ [STATE_KEY]: '{"invoices":"DISABLED"}' });
    expect(withStates(undefined, ['a'], 'ENABLED')).toEqual({ [STATE_KEY]: '{"a":"ENABLED"}' });
  });
});

describe('the rollback’s data-center trigger', () => {
  const MINUTE = 60_000;
  const T = Date.UTC(2026, 11, 5, 2, 0, 0);
  const dcSchedule = parseDcCron('2-59/10 * * * *', { dialect: 'vixie' });
  const job = {
    key: 'apps/billing#invoices',
    stackId: 'apps/billing',
    jobId: 'invoices',
    job: { slotToleranceSeconds: 180 },
    dcSchedule: dcSchedule.ok ? dcSchedule.schedule : null,
    dcZone: 'UTC',
  } as unknown as WatchedJob;

  function runtime(startAt: number, awsRunsAt20: number) {
    let now = startAt;
    const enabledAt: number[] = [];
    const stub = {
      pollMs: 1,
      jobs: () => [job],
      dcClient: () => ({
        status: async () => ({ enabled: false, inQueue: false, runs: [] }),
        disable: async () => undefined,
        enable: async () => void enabledAt.push(now),
      }),
      judgements: () => [
        {
          at: T + 20 * MINUTE,
          dcRuns: 0,
          dcResult: null,
          awsRuns: awsRunsAt20,
          awsErrors: 0,
          awsThrottles: 0,
          verdict: awsRunsAt20 > 0 ? 'aws' : 'open',
          final: false,
        },
      ],
      // Each look at the clock moves it on 30 s: the hold's wait runs on the data clock.
      now: () => (now += 30_000),
      refreshSoon: () => undefined,
    } as unknown as SchedulesRuntime;
    return { stub, enabledAt };
  }
  const def = {
    id: 'schedules-dc-on:apps/billing#invoices',
    label: '',
    action: 'schedules-dc-on',
    system: 'schedules',
    stackId: 'apps/billing',
    forStepId: 'jobs',
    taskKey: job.key,
  };
  const context = { plan: {} as never, operationId: 'op-1', signal: new AbortController().signal };
  const dcOn = SCHEDULES_COMPENSATIONS.find((decl) => decl.action === 'schedules-dc-on')!;

  it('holds the trigger off while its next DC slot would serve a slot that already ran on AWS', async () => {
    // 02:21: the DC's next slot 02:22 serves AWS's 02:20, which ran on AWS: enabled once 02:23 passed.
    const { stub, enabledAt } = runtime(T + 21 * MINUTE, 1);
    const result = await dcOn.execute(def, context, stub);
    expect(result).toMatchObject({
      status: 'succeeded',
      message: expect.stringMatching(/held until 02:23:00 UTC .*its 02:22:00 UTC data-center slot serves the 02:20:00 UTC slot, which already ran on AWS/),
    });
    expect(enabledAt[0]).toBeGreaterThanOrEqual(T + 23 * MINUTE);
    expect(dcOn.standing(def, 'succeeded', result.message)).toMatch(/runs in the data center again \(held until 02:23:00 UTC/);
  });

  it('turns it on at once when that slot did not run on AWS', async () => {
    const { stub, enabledAt } = runtime(T + 21 * MINUTE, 0);
    expect(await dcOn.execute(def, context, stub)).toEqual({ status: 'succeeded', message: 'data-center trigger on again' });
    expect(enabledAt[0]).toBeLessThan(T + 22 * MINUTE);
  });
});

describe('what a rollback undoes of a handover', () => {
  const handover = SCHEDULES_ACTIONS.find((decl) => decl.type === 'schedules-handover')!;
  const ran = (details: Record<string, unknown>) => ({ def: { id: 'jobs', name: 'Hand the jobs over' }, attempt: 1, details, passedPointOfNoReturn: null });
  const jobs = ['apps/a#invoices', 'apps/a#cleanup', 'apps/b#report'];
  const ids = (details: Record<string, unknown>) =>
    handover.compensations!({ type: 'schedules-handover' }, ran({ jobs, ...details }), undefined, {} as never).map((def) => `${def.id} ${def.taskKey ?? ''}`);

  it('undoes what the step reached: AWS off on the stacks it enabled, with their job ids, then the DC triggers it disabled', () => {
    expect(ids({ dcDisabled: jobs, awsEnabled: ['apps/a'] })).toEqual([
      'schedules-aws-off:apps/a invoices,cleanup',
      'schedules-dc-on:apps/a#invoices apps/a#invoices',
      'schedules-dc-on:apps/a#cleanup apps/a#cleanup',
      'schedules-dc-on:apps/b#report apps/b#report',
    ]);
    expect(ids({ dcDisabled: ['apps/a#invoices'], awsEnabled: [] })).toEqual(['schedules-dc-on:apps/a#invoices apps/a#invoices']);
  });

  it('undoes every job it acts on when its attempt ended without saying what it reached', () => {
    expect(ids({})).toHaveLength(2 + 3);
  });
});
