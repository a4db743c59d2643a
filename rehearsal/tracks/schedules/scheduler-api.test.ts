// EventBridge Scheduler's control plane through the real @aws-sdk/client-scheduler: CRUD, UpdateSchedule replacing the
// whole schedule, errors as the SDK's exception classes, paging and filters, groups, accounts.
import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, createFunction, failureOf, REGION, ROLE_ARN, scheduleInput, T0, useSchedulesRehearsal } from './test-harness';

const start = useSchedulesRehearsal();

describe('EventBridge Scheduler control plane', () => {
  it('creates, reads, replaces and deletes a schedule with AWS shapes', async () => {
    const { scheduler, lambda } = await start();
    const arn = await createFunction(lambda, 'nightly-report');
    const created = await scheduler.send(
      new CreateScheduleCommand(
        scheduleInput('nightly-report', 'cron(0 2 * * ? *)', arn, {
          ScheduleExpressionTimezone: 'Europe/Berlin',
          Description: 'the report',
          State: 'DISABLED',
          FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
          Target: { Arn: arn, RoleArn: ROLE_ARN, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 } },
        }),
      ),
    );
    expect(created.ScheduleArn).toBe(`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/nightly-report`);
    const got = await scheduler.send(new GetScheduleCommand({ Name: 'nightly-report' }));
    expect(got).toMatchObject({
      Arn: created.ScheduleArn,
      GroupName: 'default',
      Name: 'nightly-report',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      Description: 'the report',
      State: 'DISABLED',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      Target: { Arn: arn, RoleArn: ROLE_ARN, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 } },
      ActionAfterCompletion: 'NONE',
    });
    expect(got.CreationDate).toEqual(new Date(T0));

    // UpdateSchedule replaces: what it omits (description, time zone, window, retry policy) is reset.
    await scheduler.send(
      new UpdateScheduleCommand({
        Name: 'nightly-report',
        ScheduleExpression: 'cron(0 2 * * ? *)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: arn, RoleArn: ROLE_ARN },
      }),
    );
    const replaced = await scheduler.send(new GetScheduleCommand({ Name: 'nightly-report' }));
    expect(replaced.Description).toBeUndefined();
    expect(replaced.State).toBe('ENABLED');
    expect(replaced.ScheduleExpressionTimezone).toBe('UTC');
    expect(replaced.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    expect(replaced.Target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 });

    await scheduler.send(new DeleteScheduleCommand({ Name: 'nightly-report' }));
    const gone = await failureOf(scheduler.send(new GetScheduleCommand({ Name: 'nightly-report' })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', status: 404, message: 'Schedule nightly-report does not exist.' });
  });

  it('answers AWS errors as the SDK exception classes', async () => {
    const { scheduler } = await start();
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:x`;
    await scheduler.send(new CreateScheduleCommand(scheduleInput('a', 'rate(5 minutes)', fn)));
    await expect(scheduler.send(new CreateScheduleCommand(scheduleInput('a', 'rate(5 minutes)', fn)))).rejects.toBeInstanceOf(ConflictException);
    expect(await failureOf(scheduler.send(new CreateScheduleCommand(scheduleInput('a', 'rate(5 minutes)', fn))))).toMatchObject({ status: 409 });
    await expect(scheduler.send(new UpdateScheduleCommand(scheduleInput('missing', 'rate(5 minutes)', fn)))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(scheduler.send(new DeleteScheduleCommand({ Name: 'missing' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(scheduler.send(new CreateScheduleCommand(scheduleInput('b', 'rate(5 minutes)', fn, { GroupName: 'nope' })))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    const cases: Array<[string, Parameters<typeof scheduleInput>[3], RegExp]> = [
      ['bad expression', {}, /Invalid Schedule Expression/],
      ['time zone', { ScheduleExpressionTimezone: 'Mars/Olympus' }, /ScheduleExpressionTimezone/],
      ['window', { FlexibleTimeWindow: { Mode: 'FLEXIBLE' } }, /MaximumWindowInMinutes/],
      ['retries', { Target: { Arn: fn, RoleArn: ROLE_ARN, RetryPolicy: { MaximumRetryAttempts: 186 } } }, /maximumRetryAttempts.*less than or equal to 185/],
      ['role', { Target: { Arn: fn, RoleArn: 'not-a-role' } }, /target.roleArn/],
      ['dates', { StartDate: new Date(T0 + 3_600_000), EndDate: new Date(T0 + 60_000) }, /EndDate/],
    ];
    for (const [what, extra, message] of cases) {
      const expression = what === 'bad expression' ? 'cron(0 2 * * *)' : 'rate(5 minutes)';
      const failure = failureOf(scheduler.send(new CreateScheduleCommand(scheduleInput(`c-${what.replace(/ /g, '-')}`, expression, fn, extra))));
      await expect(failure, what).resolves.toMatchObject({ name: 'ValidationException', status: 400, message: expect.stringMatching(message) });
    }
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'bad name!' }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('lists with paging, NamePrefix, State and group filters', async () => {
    const { scheduler } = await start();
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:x`;
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'wave-2' }));
    expect((await scheduler.send(new GetScheduleGroupCommand({ Name: 'wave-2' }))).State).toBe('ACTIVE');
    for (let i = 0; i < 7; i++)
      await scheduler.send(new CreateScheduleCommand(scheduleInput(`job-${i}`, 'rate(1 hour)', fn, { State: i % 2 ? 'DISABLED' : 'ENABLED' })));
    await scheduler.send(new CreateScheduleCommand(scheduleInput('other', 'rate(1 hour)', fn, { GroupName: 'wave-2' })));

    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await scheduler.send(new ListSchedulesCommand({ MaxResults: 3, NamePrefix: 'job-', ...(token ? { NextToken: token } : {}) }));
      names.push(...out.Schedules!.map((schedule) => schedule.Name!));
      token = out.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4', 'job-5', 'job-6']);
    const disabled = await scheduler.send(new ListSchedulesCommand({ State: 'DISABLED' }));
    expect(disabled.Schedules!.map((schedule) => schedule.Name)).toEqual(['job-1', 'job-3', 'job-5']);
    const group = await scheduler.send(new ListSchedulesCommand({ GroupName: 'wave-2' }));
    expect(group.Schedules).toEqual([expect.objectContaining({ Name: 'other', GroupName: 'wave-2', State: 'ENABLED', Target: { Arn: fn } })]);
    await expect(scheduler.send(new ListSchedulesCommand({ NextToken: 'garbage' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(scheduler.send(new ListSchedulesCommand({ MaxResults: 101 }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('keeps each account’s schedules apart (an assumed role acts in its account)', async () => {
    const { scheduler, sts, clientsFor } = await start({ roles: [{ accountId: '222222222222', roleName: 'MigrationDeployer' }] });
    const session = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/MigrationDeployer', RoleSessionName: 'cockpit' }));
    const other = clientsFor({
      accessKeyId: session.Credentials!.AccessKeyId!,
      secretAccessKey: session.Credentials!.SecretAccessKey!,
      sessionToken: session.Credentials!.SessionToken!,
    });
    const fn = 'arn:aws:lambda:eu-central-1:222222222222:function:x';
    const created = await other.scheduler.send(new CreateScheduleCommand(scheduleInput('job', 'rate(1 hour)', fn)));
    expect(created.ScheduleArn).toBe('arn:aws:scheduler:eu-central-1:222222222222:schedule/default/job');
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'job' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect((await other.scheduler.send(new ListSchedulesCommand({}))).Schedules).toHaveLength(1);
    expect((await scheduler.send(new ListSchedulesCommand({}))).Schedules).toHaveLength(0);
  });
});
