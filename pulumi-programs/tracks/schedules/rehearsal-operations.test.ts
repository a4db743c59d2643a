// What the rehearsal resources do: against stand-in clients (the order of the calls, the account guard before any
// change, what each call carries, the whole schedule on every update, a take-over, a start date refused as past) and
// against the real simulator (rehearsal/tracks/schedules/test-harness.ts: its Lambda and EventBridge Scheduler over
// restJson1 with the SDK clients `realServices()` loads by absolute path), where a DISABLED schedule lets its slot pass
// and the update that enables it makes the next slot fire the function. The providers' diffs say what replaces.
import { GetScheduleCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { useSchedulesRehearsal } from '../../../rehearsal/tracks/schedules/test-harness';
import {
  createFunction,
  createSchedule,
  deleteFunction,
  deleteSchedule,
  functionExists,
  realServices,
  scheduleExists,
  updateFunction,
  updateSchedule,
  type FunctionInputs,
  type LambdaApi,
  type LiveSchedule,
  type Place,
  type SchedulerApi,
  type ScheduleInputs,
  type Services,
} from './rehearsal-operations';
import { REHEARSAL_PROVIDERS } from './rehearsal-resources';
import { placeholderFiles, scheduleInput } from './settings';

const ACCOUNT = '222233334444';
const PLACE: Place = { endpoint: 'http://127.0.0.1:4566', region: 'eu-central-1' };
const GUARDED: Place = {
  ...PLACE,
  account: { roleArn: `arn:aws:iam::${ACCOUNT}:role/migration`, sessionName: 'cockpit-app1101', allowedAccountIds: [ACCOUNT] },
};

function failure(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Stand-ins for both clients, recording what was asked of them in one log. */
function standIns(options: { refuseStartDateBefore?: number } = {}) {
  const log: string[] = [];
  const calls: Record<string, object[]> = {};
  const functions = new Map<string, Record<string, unknown>>();
  const schedules = new Map<string, Record<string, unknown>>();
  const record = (operation: string, input: object) => (calls[operation] ??= []).push(input);
  const arnOf = (name: string) => `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:${name}`;

  const lambda: LambdaApi = {
    async getFunction({ FunctionName }) {
      log.push(`GetFunction ${FunctionName}`);
      const fn = functions.get(FunctionName);
      if (!fn) throw failure('ResourceNotFoundException');
      return { Configuration: { ...fn, FunctionArn: arnOf(FunctionName) } };
    },
    async createFunction(input) {
      const { FunctionName } = input as { FunctionName: string };
      log.push(`CreateFunction ${FunctionName}`);
      record('CreateFunction', input);
      functions.set(FunctionName, { ...input });
      return { FunctionName, FunctionArn: arnOf(FunctionName) };
    },
    async updateFunctionConfiguration(input) {
      const { FunctionName } = input as { FunctionName: string };
      log.push(`UpdateFunctionConfiguration ${FunctionName}`);
      record('UpdateFunctionConfiguration', input);
      functions.set(FunctionName, { ...functions.get(FunctionName), ...input });
      return { FunctionName, FunctionArn: arnOf(FunctionName) };
    },
    async deleteFunction({ FunctionName }) {
      log.push(`DeleteFunction ${FunctionName}`);
      if (!functions.delete(FunctionName)) throw failure('ResourceNotFoundException');
      return {};
    },
  };
  const put = (operation: string, input: object) => {
    const { Name, GroupName, StartDate } = input as { Name: string; GroupName: string; StartDate?: Date };
    log.push(`${operation} ${GroupName}/${Name}`);
    record(operation, input);
    if (StartDate && options.refuseStartDateBefore !== undefined && StartDate.getTime() < options.refuseStartDateBefore)
      throw failure('ValidationException', 'The StartDate you specify cannot be earlier than 5 minutes ago.');
    schedules.set(`${GroupName}/${Name}`, { ...input, Arn: `arn:aws:scheduler:eu-central-1:${ACCOUNT}:schedule/${GroupName}/${Name}` });
    return { ScheduleArn: schedules.get(`${GroupName}/${Name}`)!.Arn as string };
  };
  const scheduler: SchedulerApi = {
    async getSchedule({ Name, GroupName }) {
      log.push(`GetSchedule ${GroupName}/${Name}`);
      const schedule = schedules.get(`${GroupName}/${Name}`);
      if (!schedule) throw failure('ResourceNotFoundException');
      return schedule as LiveSchedule;
    },
    async createSchedule(input) {
      const { Name, GroupName } = input as { Name: string; GroupName: string };
      if (schedules.has(`${GroupName}/${Name}`)) throw failure('ConflictException');
      return put('CreateSchedule', input);
    },
    async updateSchedule(input) {
      return put('UpdateSchedule', input);
    },
    async deleteSchedule({ Name, GroupName }) {
      log.push(`DeleteSchedule ${GroupName}/${Name}`);
      if (!schedules.delete(`${GroupName}/${Name}`)) throw failure('ResourceNotFoundException');
      return {};
    },
  };
  const services: Services = {
    async session(place) {
      if (place.account && !place.account.allowedAccountIds.includes(ACCOUNT)) {
        log.push('refused');
        throw new Error(`refusing to act in account ${ACCOUNT}: this stack may act only in ${place.account.allowedAccountIds.join(', ')}; nothing was changed`);
      }
      log.push(`session ${ACCOUNT}`);
      return { accountId: ACCOUNT, lambda: () => lambda, scheduler: () => scheduler };
    },
  };
  return { services, log, calls, functions, schedules };
}

const functionInputs = (place: Place = PLACE, changes: Partial<FunctionInputs> = {}): FunctionInputs => ({
  ...place,
  functionName: 'platform-production-app1101-invoices',
  roleName: 'platform-production-app1101-invoices-run',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  memoryMb: 512,
  timeoutSeconds: 300,
  description: 'Nightly invoices',
  files: placeholderFiles('nodejs22.x', 'index.handler'),
  ...changes,
});

const scheduleInputs = (place: Place = PLACE, changes: Partial<ScheduleInputs> = {}): ScheduleInputs => ({
  ...place,
  scheduleName: 'platform-production-app1101-invoices',
  groupName: 'default',
  expression: 'cron(0 2 * * ? *)',
  timeZone: 'Europe/Berlin',
  flexibleWindowMinutes: 0,
  targetArn: `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:platform-production-app1101-invoices`,
  roleName: 'platform-production-app1101-invoices-invoke',
  input: scheduleInput('platform-production/app1101', 'invoices'),
  maximumRetryAttempts: 0,
  maximumEventAgeSeconds: 86_400,
  state: 'DISABLED',
  description: 'Nightly invoices',
  ...changes,
});

describe('a job’s function (stand-ins)', () => {
  it('is created after the account guard, with the plan’s configuration, its role in the session’s account and the placeholder code', async () => {
    const { services, log, calls } = standIns();
    const outs = await createFunction(functionInputs(GUARDED), services);
    expect(log).toEqual([`session ${ACCOUNT}`, 'GetFunction platform-production-app1101-invoices', 'CreateFunction platform-production-app1101-invoices']);
    const created = calls.CreateFunction![0] as Record<string, unknown> & { Code: { ZipFile: Uint8Array } };
    expect(created).toMatchObject({
      FunctionName: 'platform-production-app1101-invoices',
      Role: `arn:aws:iam::${ACCOUNT}:role/platform-production-app1101-invoices-run`,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 300,
      Description: 'Nightly invoices',
      PackageType: 'Zip',
      Tags: { ManagedBy: 'migration-cockpit' },
    });
    expect(new TextDecoder().decode(created.Code.ZipFile)).toContain('index.js');
    expect(outs).toMatchObject({
      functionArn: `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:platform-production-app1101-invoices`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/platform-production-app1101-invoices-run`,
    });
  });

  it('refuses before anything is changed when the session is in another account', async () => {
    const { services, log } = standIns();
    const foreign: Place = { ...PLACE, account: { ...GUARDED.account!, allowedAccountIds: ['999988887777'] } };
    await expect(createFunction(functionInputs(foreign), services)).rejects.toThrow(/refusing to act in account 222233334444.*nothing was changed/);
    await expect(createSchedule(scheduleInputs(foreign), services)).rejects.toThrow(/refusing/);
    await expect(
      updateSchedule({ ...scheduleInputs(foreign), scheduleArn: 'a', roleArn: 'r' }, scheduleInputs(foreign, { state: 'ENABLED' }), services),
    ).rejects.toThrow(/refusing/);
    expect(log).toEqual(['refused', 'refused', 'refused']);
  });

  it('takes over one already there, is reconfigured in place (never its code), made again when gone, and deleted', async () => {
    const { services, log, calls, functions } = standIns();
    functions.set('platform-production-app1101-invoices', { Runtime: 'nodejs20.x' });
    const outs = await createFunction(functionInputs(), services);
    expect(log.at(-1)).toBe('UpdateFunctionConfiguration platform-production-app1101-invoices');
    expect(calls.CreateFunction).toBeUndefined();
    await updateFunction(outs, functionInputs(PLACE, { memoryMb: 1024, timeoutSeconds: 60 }), services);
    expect(calls.UpdateFunctionConfiguration!.at(-1)).toMatchObject({ MemorySize: 1024, Timeout: 60 });
    expect(calls.UpdateFunctionConfiguration!.at(-1)).not.toHaveProperty('Code');
    functions.clear();
    await updateFunction(outs, functionInputs(), services);
    expect(calls.CreateFunction).toHaveLength(1);
    expect(await functionExists(outs, services)).toBe(true);
    await deleteFunction(outs, services);
    expect(await functionExists(outs, services)).toBe(false);
    await expect(deleteFunction(outs, services)).resolves.toBeUndefined();
  });
});

describe('a job’s schedule (stand-ins)', () => {
  it('is created whole: expression, zone, window, target with its role, input and retries, state', async () => {
    const { services, log, calls } = standIns();
    const outs = await createSchedule(scheduleInputs(PLACE, { flexibleWindowMinutes: 10, maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 }), services);
    expect(log).toEqual([
      `session ${ACCOUNT}`,
      'GetSchedule default/platform-production-app1101-invoices',
      'CreateSchedule default/platform-production-app1101-invoices',
    ]);
    expect(calls.CreateSchedule![0]).toEqual({
      Name: 'platform-production-app1101-invoices',
      GroupName: 'default',
      Description: 'Nightly invoices',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 10 },
      Target: {
        Arn: `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:platform-production-app1101-invoices`,
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/platform-production-app1101-invoices-invoke`,
        Input: scheduleInput('platform-production/app1101', 'invoices'),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
      },
      State: 'DISABLED',
    });
    expect(outs.scheduleArn).toBe(`arn:aws:scheduler:eu-central-1:${ACCOUNT}:schedule/default/platform-production-app1101-invoices`);
  });

  it('is updated with GetSchedule, then UpdateSchedule with the whole schedule, carrying over what the track does not manage', async () => {
    const { services, log, calls, schedules } = standIns();
    const outs = await createSchedule(scheduleInputs(), services);
    // Set beside the program (an operator, another tool): UpdateSchedule would reset it if it were not sent again.
    const live = schedules.get('default/platform-production-app1101-invoices')!;
    Object.assign(live, {
      EndDate: new Date('2027-06-30T00:00:00Z'),
      KmsKeyArn: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/abc`,
      Target: { ...(live.Target as object), DeadLetterConfig: { Arn: `arn:aws:sqs:eu-central-1:${ACCOUNT}:dlq` } },
    });
    log.length = 0;
    await updateSchedule(outs, scheduleInputs(PLACE, { state: 'ENABLED' }), services);
    expect(log).toEqual([
      `session ${ACCOUNT}`,
      'GetSchedule default/platform-production-app1101-invoices',
      'UpdateSchedule default/platform-production-app1101-invoices',
    ]);
    expect(calls.UpdateSchedule![0]).toEqual({
      ...calls.CreateSchedule![0],
      State: 'ENABLED',
      EndDate: new Date('2027-06-30T00:00:00Z'),
      KmsKeyArn: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/abc`,
      Target: { ...(calls.CreateSchedule![0] as { Target: object }).Target, DeadLetterConfig: { Arn: `arn:aws:sqs:eu-central-1:${ACCOUNT}:dlq` } },
    });
  });

  it('takes over one already there, is made again when gone, and is deleted', async () => {
    const { services, log, calls, schedules } = standIns();
    schedules.set('default/platform-production-app1101-invoices', { State: 'ENABLED' });
    const outs = await createSchedule(scheduleInputs(), services);
    expect(log.at(-1)).toBe('UpdateSchedule default/platform-production-app1101-invoices');
    expect(calls.UpdateSchedule![0]).toMatchObject({ State: 'DISABLED' });
    schedules.clear();
    await updateSchedule(outs, scheduleInputs(PLACE, { state: 'ENABLED' }), services);
    expect(calls.CreateSchedule![0]).toMatchObject({ State: 'ENABLED' });
    expect(await scheduleExists(outs, services)).toBe(true);
    await deleteSchedule(outs, services);
    expect(await scheduleExists(outs, services)).toBe(false);
    await expect(deleteSchedule(outs, services)).resolves.toBeUndefined();
  });

  it('sends the start date, and leaves it out once Scheduler refuses it as past (the schedule has started)', async () => {
    const future = standIns();
    await createSchedule(scheduleInputs(PLACE, { state: 'ENABLED', startDate: '2026-12-05T02:00:00Z' }), future.services);
    expect(future.calls.CreateSchedule![0]).toMatchObject({ StartDate: new Date('2026-12-05T02:00:00Z') });
    const past = standIns({ refuseStartDateBefore: Date.parse('2026-12-06T00:00:00Z') });
    await createSchedule(scheduleInputs(PLACE, { state: 'ENABLED', startDate: '2026-12-05T02:00:00Z' }), past.services);
    expect(past.calls.CreateSchedule).toHaveLength(2);
    expect(past.calls.CreateSchedule![1]).not.toHaveProperty('StartDate');
  });
});

describe('the providers’ diffs', () => {
  const outs = <T extends object>(inputs: T, extra: object) => ({ ...inputs, ...extra }) as never;

  it('make a state switch or a new start date an update of the schedule, another name or group a replacement (old one first)', async () => {
    const schedule = REHEARSAL_PROVIDERS.schedule;
    const olds = outs(scheduleInputs(), { scheduleArn: 'a', roleArn: 'r' });
    expect(await schedule.diff!('s', olds, scheduleInputs(PLACE, { state: 'ENABLED' }))).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
    expect(await schedule.diff!('s', olds, scheduleInputs(PLACE, { startDate: '2026-12-05T02:00:00Z' }))).toMatchObject({ changes: true, replaces: [] });
    expect(await schedule.diff!('s', olds, scheduleInputs())).toMatchObject({ changes: false, replaces: [] });
    expect(await schedule.diff!('s', olds, scheduleInputs(PLACE, { scheduleName: 'other' }))).toMatchObject({ changes: true, replaces: ['scheduleName'] });
    expect(await schedule.diff!('s', olds, scheduleInputs(GUARDED))).toMatchObject({ changes: true, replaces: ['account'] });
  });

  it('update a function’s configuration in place, never for its placeholder code, and replace it under another name', async () => {
    const fn = REHEARSAL_PROVIDERS.function;
    const olds = outs(functionInputs(), { functionArn: 'a', roleArn: 'r' });
    expect(await fn.diff!('f', olds, functionInputs(PLACE, { memoryMb: 1024 }))).toMatchObject({ changes: true, replaces: [] });
    expect(await fn.diff!('f', olds, functionInputs(PLACE, { files: { 'other.js': '' } }))).toMatchObject({ changes: false });
    expect(await fn.diff!('f', olds, functionInputs(PLACE, { functionName: 'other' }))).toMatchObject({ changes: true, replaces: ['functionName'] });
  });
});

describe('against the rehearsal’s Lambda and EventBridge Scheduler', () => {
  const start = useSchedulesRehearsal();

  it('deploys the job DISABLED (its slot passes), enables it by update (the next slot fires the function), and deletes both', async () => {
    const harness = await start();
    const services = realServices();
    const place: Place = { endpoint: harness.url, region: 'eu-central-1' };
    const fn = await createFunction(functionInputs(place), services);
    // The rehearsal's sign-in account, as its STS names it (the role ARNs are in it).
    const account = fn.functionArn.split(':')[4]!;
    expect(fn.roleArn).toBe(`arn:aws:iam::${account}:role/platform-production-app1101-invoices-run`);
    expect(fn.functionArn).toBe(`arn:aws:lambda:eu-central-1:${account}:function:platform-production-app1101-invoices`);
    const inputs = scheduleInputs(place, { targetArn: fn.functionArn, timeZone: 'UTC' });
    const schedule = await createSchedule(inputs, services);
    const get = () => harness.scheduler.send(new GetScheduleCommand({ Name: inputs.scheduleName, GroupName: 'default' }));
    expect(await get()).toMatchObject({
      State: 'DISABLED',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: fn.functionArn,
        RoleArn: `arn:aws:iam::${account}:role/platform-production-app1101-invoices-invoke`,
        Input: inputs.input,
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 86_400 },
      },
    });

    // 02:00 passes with the schedule DISABLED: no run.
    harness.advance(3 * 3600);
    const runs = async () => ((await harness.admin('GET', 'schedules/runs')).json as { aws: { schedule: string; slot: string; result: string }[] }).aws;
    expect(await runs()).toEqual([]);

    // An end date set beside the program survives the update (the whole schedule is sent again).
    const live = await get();
    await harness.scheduler.send(
      new UpdateScheduleCommand({
        Name: live.Name!,
        GroupName: 'default',
        ScheduleExpression: live.ScheduleExpression!,
        ScheduleExpressionTimezone: live.ScheduleExpressionTimezone!,
        FlexibleTimeWindow: live.FlexibleTimeWindow!,
        Target: live.Target!,
        Description: live.Description!,
        State: 'DISABLED',
        EndDate: new Date('2027-01-31T00:00:00Z'),
      }),
    );
    await updateSchedule(schedule, { ...inputs, state: 'ENABLED' }, services);
    expect(await get()).toMatchObject({ State: 'ENABLED', EndDate: new Date('2027-01-31T00:00:00Z'), Target: { Input: inputs.input } });

    // The next day's 02:00 fires the function, for that slot.
    harness.advance(24 * 3600);
    const fired = await runs();
    expect(fired.map((run) => [run.schedule, run.slot])).toEqual([[inputs.scheduleName, '2026-12-06T02:00:00.000Z']]);

    await deleteSchedule(schedule, services);
    await deleteFunction(fn, services);
    expect(await scheduleExists(schedule, services)).toBe(false);
    expect(await functionExists(fn, services)).toBe(false);
    const estate = (await harness.admin('GET', 'schedules/estate')).json as { schedules: unknown[]; functions: unknown[] };
    expect([estate.schedules, estate.functions]).toEqual([[], []]);
  });

  it('leaves out a start date the rehearsal’s clock has passed, and keeps one ahead of it', async () => {
    const harness = await start();
    const services = realServices();
    const place: Place = { endpoint: harness.url, region: 'eu-central-1' };
    const fn = await createFunction(functionInputs(place), services);
    const ahead = await createSchedule(
      scheduleInputs(place, { targetArn: fn.functionArn, state: 'ENABLED', startDate: '2026-12-05T06:00:00Z', scheduleName: 'ahead' }),
      services,
    );
    const passed = await createSchedule(
      scheduleInputs(place, { targetArn: fn.functionArn, state: 'ENABLED', startDate: '2026-12-04T06:00:00Z', scheduleName: 'passed' }),
      services,
    );
    const get = (Name: string) => harness.scheduler.send(new GetScheduleCommand({ Name, GroupName: 'default' }));
    expect((await get(ahead.scheduleName)).StartDate).toEqual(new Date('2026-12-05T06:00:00Z'));
    const started = await get(passed.scheduleName);
    expect(started.State).toBe('ENABLED');
    expect(started.StartDate).toBeUndefined();
  });
});
