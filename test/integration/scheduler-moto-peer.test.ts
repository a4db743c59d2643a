// moto's EventBridge Scheduler (an independent implementation, Python) as a peer for the rehearsal's restJson1
// Scheduler (rehearsal/tracks/schedules/): the same @aws-sdk/client-scheduler calls against both, and the answers'
// shapes compared — the members present in each output, and the error each failure throws. Values that differ by
// design are not compared (ARNs' account, timestamps). What moto does differently, pinned so a change shows up:
// - ConflictException: moto answers HTTP 400, AWS's model (and the rehearsal) 409; the SDK throws ConflictException
//   from both.
// moto's Lambda invoke needs Docker, so firing is not compared here (the rehearsal's own tests cover it).
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListSchedulesCommand,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineScenario, ManualClock, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { startMotoServer, type MotoServer } from '../support/moto';

const REGION = 'eu-central-1';
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const ACCOUNT = '123456789012';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:nightly-report`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/scheduler-invoke`;

let moto: MotoServer | undefined;
let rehearsal: AwsRehearsal | undefined;
let skipReason = '';
const clients: SchedulerClient[] = [];

beforeAll(async () => {
  const started = await startMotoServer();
  if (typeof started === 'string') skipReason = started;
  else moto = started;
  // Real time: moto checks a StartDate against its own clock.
  rehearsal = await startAwsRehearsal({
    clock: new ManualClock(Math.floor(Date.now() / 60_000) * 60_000),
    scenario: defineScenario({ name: 'scheduler peer', region: REGION, accountId: ACCOUNT }),
  });
}, 60_000);
afterAll(async () => {
  for (const client of clients) client.destroy();
  await rehearsal?.close();
  await moto?.close();
});

function client(endpoint: string): SchedulerClient {
  const made = new SchedulerClient({ endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  clients.push(made);
  return made;
}

/** The members present (not undefined) in an output, nested structures as `Parent.Member`, without $metadata. */
function shape(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([key, member]) => key !== '$metadata' && member !== undefined && member !== null)
    .flatMap(([key, member]) => [`${prefix}${key}`, ...shape(member, `${prefix}${key}.`)])
    .sort();
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, status: (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  }
  return { name: 'no error', status: undefined };
}

const input = (name: string, extra: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
  Name: name,
  ScheduleExpression: 'cron(0 2 * * ? *)',
  ScheduleExpressionTimezone: 'Europe/Berlin',
  FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
  Target: {
    Arn: FUNCTION_ARN,
    RoleArn: ROLE_ARN,
    Input: '{"slot":"<aws.scheduler.scheduled-time>"}',
    RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
  },
  Description: 'nightly report',
  State: 'DISABLED',
  ActionAfterCompletion: 'NONE',
  ...extra,
});

/** The same calls against one endpoint: each answer's shape and each failure's error. */
async function conversation(scheduler: SchedulerClient, suffix: string) {
  const name = `nightly-${suffix}`;
  const created = await scheduler.send(new CreateScheduleCommand(input(name)));
  const got = await scheduler.send(new GetScheduleCommand({ Name: name }));
  // The handover's update: the whole schedule, ENABLED, without the description or the window.
  await scheduler.send(
    new UpdateScheduleCommand({
      Name: name,
      ScheduleExpression: got.ScheduleExpression,
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: got.Target,
      State: 'ENABLED',
    }),
  );
  const updated = await scheduler.send(new GetScheduleCommand({ Name: name }));
  const listed = await scheduler.send(new ListSchedulesCommand({ NamePrefix: name }));
  const group = `wave-${suffix}`;
  const createdGroup = await scheduler.send(new CreateScheduleGroupCommand({ Name: group }));
  const gotGroup = await scheduler.send(new GetScheduleGroupCommand({ Name: group }));
  await scheduler.send(new CreateScheduleCommand(input(`in-group-${suffix}`, { GroupName: group })));
  const inGroup = await scheduler.send(new GetScheduleCommand({ Name: `in-group-${suffix}`, GroupName: group }));
  const errors = {
    duplicate: await failure(scheduler.send(new CreateScheduleCommand(input(name)))),
    missing: await failure(scheduler.send(new GetScheduleCommand({ Name: `missing-${suffix}` }))),
    missingGroup: await failure(scheduler.send(new GetScheduleCommand({ Name: name, GroupName: `no-group-${suffix}` }))),
    updateMissing: await failure(scheduler.send(new UpdateScheduleCommand({ ...input(`missing-${suffix}`) }))),
  };
  await scheduler.send(new DeleteScheduleCommand({ Name: name }));
  const deleted = await failure(scheduler.send(new GetScheduleCommand({ Name: name })));
  return {
    created: shape(created),
    got: shape(got),
    updated: shape(updated),
    updatedValues: { State: updated.State, Description: updated.Description, FlexibleTimeWindow: updated.FlexibleTimeWindow, Target: updated.Target },
    listed: listed.Schedules!.map((item) => shape(item)),
    createdGroup: shape(createdGroup),
    gotGroup: shape(gotGroup),
    inGroup: { GroupName: inGroup.GroupName, Arn: inGroup.Arn?.replace(/:\d{12}:/, ':<account>:') },
    errors,
    deleted,
  };
}

describe("moto's EventBridge Scheduler as a wire-protocol peer of the rehearsal's", () => {
  it('answers the same calls with the same members and the same errors', async ({ skip }) => {
    if (!moto) skip(skipReason);
    const peer = await conversation(client(moto!.url), 'peer');
    const ours = await conversation(client(rehearsal!.url), 'peer');

    expect(ours.created).toEqual(peer.created);
    expect(ours.got).toEqual(peer.got);
    expect(ours.listed).toEqual(peer.listed);
    expect(ours.createdGroup).toEqual(peer.createdGroup);
    expect(ours.inGroup).toEqual(peer.inGroup);
    // UpdateSchedule replaced the schedule on both: the description and the window's maximum are gone.
    expect(ours.updated).toEqual(peer.updated);
    expect(ours.updatedValues).toEqual(peer.updatedValues);
    expect(ours.updatedValues.Description).toBeUndefined();
    expect(ours.gotGroup).toEqual(peer.gotGroup);

    expect(ours.errors.missing).toEqual(peer.errors.missing);
    expect(ours.errors.missingGroup).toEqual(peer.errors.missingGroup);
    expect(ours.errors.updateMissing).toEqual(peer.errors.updateMissing);
    expect(ours.deleted).toEqual(peer.deleted);
    expect(ours.errors.duplicate.name).toBe(peer.errors.duplicate.name);
    expect(ours.errors.duplicate).toEqual({ name: 'ConflictException', status: 409 });
    expect(peer.errors.duplicate).toEqual({ name: 'ConflictException', status: 400 });
  });
});
