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
    const fakeRuntime = {
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
          verdict: awsRunsAt20 > 0 ? 'aws' : 'missed',
          final: awsRunsAt20 === 0,
        },
      ],
      // Each look at the clock moves it on 30 s: the hold's wait runs on the data clock.
      now: () => (now += 30_000),
      refreshSoon: () => undefined,
    } as unknown as SchedulesRuntime;
    return { fakeRuntime, enabledAt };
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
    const { fakeRuntime, enabledAt } = runtime(T + 21 * MINUTE, 1);
    const result = await dcOn.execute(def, context, fakeRuntime);
    expect(result).toMatchObject({
      status: 'succeeded',
      message: expect.stringMatching(/held until 02:23:00 UTC .*its 02:22:00 UTC data-center slot serves the 02:20:00 UTC slot, which already ran on AWS/),
    });
    expect(enabledAt[0]).toBeGreaterThanOrEqual(T + 23 * MINUTE);
    expect(dcOn.standing(def, 'succeeded', result.message)).toMatch(/runs in the data center again \(held until 02:23:00 UTC/);
  });

  it('holds it too while that slot’s verdict is not in yet (CloudWatch counts AWS’s runs minutes late)', async () => {
    const { fakeRuntime } = runtime(T + 21 * MINUTE, 0);
    const pending = {
      ...fakeRuntime,
      judgements: () => fakeRuntime.judgements('').map((slot) => ({ ...slot, verdict: 'open' as const, final: false })),
    } as SchedulesRuntime;
    expect(await dcOn.execute(def, context, pending)).toMatchObject({
      message: expect.stringMatching(/which AWS may have run \(its verdict was not in yet\)$/),
    });
  });

  it('turns it on at once when that slot did not run on AWS', async () => {
    const { fakeRuntime, enabledAt } = runtime(T + 21 * MINUTE, 0);
    expect(await dcOn.execute(def, context, fakeRuntime)).toEqual({ status: 'succeeded', message: 'data-center trigger on again' });
    expect(enabledAt[0]).toBeLessThan(T + 22 * MINUTE);
  });
});

describe('what a rollback undoes of a handover', () => {
  const handover = SCHEDULES_ACTIONS.find((decl) => decl.type === 'schedules-handover')!;
  const ran = (details: Record<string, unknown>) => ({ def: { id: 'jobs', name: 'Hand the jobs over' }, attempt: 2, details, passedPointOfNoReturn: null });
  const jobs = ['apps/a#invoices', 'apps/a#cleanup', 'apps/b#report'];

  it('plans every job the step acts on (its details are its latest attempt’s only): AWS off per stack with its job ids, then each DC trigger', () => {
    const ids = handover.compensations!(
      { type: 'schedules-handover' },
      ran({ jobs, dcDisabled: ['apps/a#invoices'], awsEnabled: [] }),
      undefined,
      {} as never,
    ).map((def) => `${def.id} ${def.taskKey ?? ''}`);
    expect(ids).toEqual([
      'schedules-aws-off:apps/a invoices,cleanup',
      'schedules-aws-off:apps/b report',
      'schedules-dc-on:apps/a#invoices apps/a#invoices',
      'schedules-dc-on:apps/a#cleanup apps/a#cleanup',
      'schedules-dc-on:apps/b#report apps/b#report',
    ]);
  });

  it('skips, at run time, what there is nothing to undo for: AWS schedules never turned on, a DC trigger that is on', async () => {
    const awsOff = SCHEDULES_COMPENSATIONS.find((decl) => decl.action === 'schedules-aws-off')!;
    const dcOn = SCHEDULES_COMPENSATIONS.find((decl) => decl.action === 'schedules-dc-on')!;
    const job = { key: 'apps/b#report', stackId: 'apps/b', jobId: 'report', settings: { killSwitchOnRollback: true }, resources: { functionName: 'fn' } };
    const runtime = {
      jobs: () => [job],
      stackChanges: { overlayOf: () => ({ [STATE_KEY]: '{"report":"DISABLED"}' }) },
      dcClient: () => ({ status: async () => ({ enabled: true, inQueue: false, runs: [] }) }),
    } as unknown as SchedulesRuntime;
    const context = { plan: {} as never, operationId: 'op-1', signal: new AbortController().signal };
    const def = { id: '', label: '', system: 'schedules', stackId: 'apps/b', forStepId: 'jobs' };
    expect(await awsOff.execute({ ...def, action: 'schedules-aws-off', taskKey: 'report' }, context, runtime)).toMatchObject({ status: 'skipped' });
    expect(await dcOn.execute({ ...def, action: 'schedules-dc-on', taskKey: 'apps/b#report' }, context, runtime)).toEqual({
      status: 'skipped',
      message: 'its data-center trigger is on already',
    });
  });
});
