// The scheduled-jobs track's data-center clients (main/tracks/schedules/monitor/dc-clients.ts) against the rehearsal's
// Jenkins-compatible scheduler and HTTP cron endpoint (rehearsal/tracks/schedules/dc-api.ts) on a manual clock: a
// running build and its cause, the trigger switched off and on, a cron entry read through the plan's templates, a
// refusal in words without the token. Here and not beside the client: main/ tests may not import rehearsal/.
import { describe, expect, it } from 'vitest';
import { DcSide, SchedulerSchema } from '../../main/tracks/schedules/plan-schema';
import { dcClientFor, REHEARSAL_DC_CREDENTIALS, type DcClient, type DcClientInput } from '../../main/tracks/schedules/monitor/dc-clients';
import { DEFAULT_DC_CREDENTIALS } from '../../rehearsal/tracks/schedules/dc-api';
import { T0, useSchedulesRehearsal, type SchedulesHarness } from '../../rehearsal/tracks/schedules/test-harness';

const start = useSchedulesRehearsal();
const MIN = 60_000;
const CANARY = 'canary-token-Hh41vQz8pK';
const signal = () => new AbortController().signal;

async function defineJob(harness: SchedulesHarness, name: string, spec: Record<string, unknown>) {
  const { status, json } = await harness.admin('PUT', `schedules/dc/jobs/${name}`, spec);
  expect(status, JSON.stringify(json)).toBe(201);
}

function jenkins(harness: SchedulesHarness, job: string, auth?: Record<string, string>, env: NodeJS.ProcessEnv = {}): DcClientInput {
  return {
    scheduler: SchedulerSchema.parse({ id: 'jenkins-dc1', jenkins: { baseUrl: 'rehearsal', ...(auth ? { auth } : {}) } }),
    dc: DcSide.parse({ jenkins: 'jenkins-dc1', job }),
    job: { id: 'invoices' },
    stack: { id: 'apps/billing', name: 'billing', project: 'apps' },
    planName: 'rehearsal-plan',
    rehearsalUrl: harness.url,
    env,
  };
}

function cron(harness: SchedulesHarness, entry: string, auth?: Record<string, string>, env: NodeJS.ProcessEnv = {}): DcClientInput {
  return {
    scheduler: SchedulerSchema.parse({
      id: 'crond',
      cron: {
        baseUrl: 'rehearsal',
        ...(auth ? { auth } : {}),
        status: {
          method: 'GET',
          path: '/entries/{{job.entry}}',
          running: '/running',
          lastRunAt: '/lastRun/startedAt',
          lastResult: '/lastRun/result',
          enabled: '/enabled',
        },
        disable: { method: 'POST', path: '/entries/{{job.entry}}/disable' },
        enable: { method: 'POST', path: '/entries/{{job.entry}}/enable' },
      },
    }),
    dc: DcSide.parse({ cron: 'crond', entry, expression: '*/10 * * * *' }),
    job: { id: 'cleanup' },
    stack: { id: 'apps/billing', name: 'billing', project: 'apps' },
    planName: 'rehearsal-plan',
    rehearsalUrl: harness.url,
    env,
  };
}

function client(input: DcClientInput): DcClient {
  const made = dcClientFor(input);
  if ('problem' in made) throw new Error(`expected a client, got: ${made.problem}`);
  return made;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('the data-center clients against the rehearsal', () => {
  it('use the rehearsal’s well-known credentials, as the rehearsal defines them', () => {
    expect(REHEARSAL_DC_CREDENTIALS).toEqual(DEFAULT_DC_CREDENTIALS);
  });

  it('Jenkins: the trigger, the queue and the builds with their start, state, result and cause, newest first', async () => {
    const harness = await start();
    await defineJob(harness, 'nightly', { cron: '*/15 * * * *', durationSeconds: 300 });
    const dc = client(jenkins(harness, 'nightly'));
    expect(await dc.status(signal())).toEqual({ enabled: true, inQueue: false, runs: [] });
    harness.advance(17 * 60);
    // A user's build waits behind the timer's running one.
    expect((await harness.dc('POST', 'jenkins/job/nightly/build')).status).toBe(201);
    expect(await dc.status(signal())).toEqual({
      enabled: true,
      inQueue: true,
      runs: [{ number: 1, startedAt: T0 + 15 * MIN, building: true, result: null, cause: 'timer' }],
    });
    harness.advance(4 * 60);
    expect(await dc.status(signal())).toEqual({
      enabled: true,
      inQueue: false,
      runs: [
        { number: 2, startedAt: T0 + 20 * MIN, building: true, result: null, cause: 'user' },
        { number: 1, startedAt: T0 + 15 * MIN, building: false, result: 'SUCCESS', cause: 'timer' },
      ],
    });
  });

  it('Jenkins: at most the last 20 builds', async () => {
    const harness = await start();
    await defineJob(harness, 'often', { cron: '* * * * *', durationSeconds: 10 });
    harness.advance(30 * 60);
    const { runs } = await client(jenkins(harness, 'often')).status(signal());
    expect(runs.map((run) => run.number)).toEqual(Array.from({ length: 20 }, (_, index) => 30 - index));
  });

  it('Jenkins: disable and enable round-trip; no builds while disabled, a running one runs on', async () => {
    const harness = await start();
    await defineJob(harness, 'hourly', { cron: '0 * * * *', durationSeconds: 600 });
    const dc = client(
      jenkins(
        harness,
        'hourly',
        { usernameEnv: 'JENKINS_USER', tokenEnv: 'JENKINS_TOKEN' },
        { JENKINS_USER: 'rehearsal', JENKINS_TOKEN: 'rehearsal-api-token' },
      ),
    );
    harness.advance(61 * 60);
    await dc.disable(signal());
    expect(await dc.status(signal())).toMatchObject({ enabled: false, runs: [{ number: 1, building: true }] });
    expect((await harness.dc('GET', 'jenkins/job/hourly/api/json')).json).toMatchObject({ buildable: false, color: 'disabled' });
    harness.advance(2 * 3600);
    expect(await dc.status(signal())).toMatchObject({ enabled: false, runs: [{ number: 1, building: false, result: 'SUCCESS' }] });
    await dc.enable(signal());
    expect(await dc.status(signal())).toMatchObject({ enabled: true });
    harness.advance(3600);
    expect((await dc.status(signal())).runs.map((run) => [run.number, run.startedAt, run.cause])).toEqual([
      [2, T0 + 4 * 3600_000, 'timer'],
      [1, T0 + 3600_000, 'timer'],
    ]);
  });

  it('cron endpoint: the plan’s templates on /_dc/cron/, the last run read at its pointers, disable and enable', async () => {
    const harness = await start();
    await defineJob(harness, 'cleanup', { kind: 'cron', cron: '*/10 * * * *', durationSeconds: 120 });
    const dc = client(cron(harness, 'cleanup'));
    expect(await dc.status(signal())).toEqual({ enabled: true, inQueue: false, runs: [] });
    harness.advance(11 * 60);
    expect(await dc.status(signal())).toEqual({
      enabled: true,
      inQueue: false,
      runs: [{ number: null, startedAt: T0 + 10 * MIN, building: true, result: null, cause: 'timer' }],
    });
    await dc.disable(signal());
    harness.advance(2 * 60);
    expect(await dc.status(signal())).toEqual({
      enabled: false,
      inQueue: false,
      runs: [{ number: null, startedAt: T0 + 10 * MIN, building: false, result: 'SUCCESS', cause: 'timer' }],
    });
    harness.advance(30 * 60);
    expect((await dc.status(signal())).runs[0]!.startedAt).toBe(T0 + 10 * MIN);
    await dc.enable(signal());
    harness.advance(8 * 60);
    expect(await dc.status(signal())).toMatchObject({ enabled: true, runs: [{ startedAt: T0 + 50 * MIN, building: true }] });
    // The plan's bearer token from the environment reaches the same routes.
    const withToken = client(cron(harness, 'cleanup', { type: 'bearer', tokenEnv: 'CRON_TOKEN' }, { CRON_TOKEN: 'rehearsal-cron-token' }));
    expect(await withToken.status(signal())).toMatchObject({ enabled: true });
  });

  it('says a refusal in words, naming the scheduler, the job and the variables, never the token', async () => {
    const harness = await start();
    await defineJob(harness, 'nightly', { cron: '0 2 * * *', durationSeconds: 60 });
    await defineJob(harness, 'cleanup', { kind: 'cron', cron: '*/10 * * * *', durationSeconds: 60 });
    const jenkinsRefused = await failure(
      client(
        jenkins(harness, 'nightly', { usernameEnv: 'JENKINS_USER', tokenEnv: 'JENKINS_TOKEN' }, { JENKINS_USER: 'rehearsal', JENKINS_TOKEN: CANARY }),
      ).disable(signal()),
    );
    expect(jenkinsRefused.message).toBe(
      `disabling job 'invoices' of stack 'apps/billing' (Jenkins job 'nightly') at Jenkins scheduler 'jenkins-dc1': POST ${harness.url}/_dc/jenkins/job/nightly/disable answered HTTP 401 Unauthorized: the user and API token from JENKINS_USER and JENKINS_TOKEN were refused`,
    );
    const cronRefused = await failure(client(cron(harness, 'cleanup', { type: 'bearer', tokenEnv: 'CRON_TOKEN' }, { CRON_TOKEN: CANARY })).status(signal()));
    expect(cronRefused.message).toBe(
      `reading the status of job 'cleanup' of stack 'apps/billing' (cron entry 'cleanup') at cron endpoint scheduler 'crond': GET ${harness.url}/_dc/cron/entries/cleanup answered HTTP 401 Unauthorized: the token from CRON_TOKEN was refused`,
    );
    const unknown = await failure(client(jenkins(harness, 'missing')).status(signal()));
    expect(unknown.message).toContain("answered HTTP 404 Not Found: no job 'missing' there");
    for (const error of [jenkinsRefused, cronRefused, unknown]) {
      expect(error.message).not.toContain(CANARY);
      expect(error.message).not.toContain(Buffer.from(`rehearsal:${CANARY}`).toString('base64'));
    }
    // Still enabled: the refused disable changed nothing.
    expect((await harness.dc('GET', 'jenkins/job/nightly/api/json')).json).toMatchObject({ buildable: true });
  });

  it('answers a problem, not a client, for a variable not set or before the rehearsal runs', async () => {
    const harness = await start();
    const unset = dcClientFor(jenkins(harness, 'nightly', { usernameEnv: 'JENKINS_USER', tokenEnv: 'JENKINS_TOKEN' }, { JENKINS_USER: 'rehearsal' }));
    expect(unset).toEqual({ problem: "Jenkins scheduler 'jenkins-dc1': environment variable JENKINS_TOKEN (the user's Jenkins API token) not set" });
    expect(dcClientFor({ ...cron(harness, 'cleanup'), rehearsalUrl: undefined })).toEqual({
      problem: "cron endpoint scheduler 'crond' is the rehearsal's (baseUrl: rehearsal), and no rehearsal runs yet: start the rehearsal environment first",
    });
  });
});
