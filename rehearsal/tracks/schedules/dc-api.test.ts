// The data center's schedulers over HTTP with fetch: the Jenkins REST subset (auth, job and build JSON, disable and
// enable, builds on the cron while buildable, the queue, stop, the hang fault) and the HTTP cron endpoint.
import { describe, expect, it } from 'vitest';
import { CRON_AUTH, T0, useSchedulesRehearsal, type SchedulesHarness } from './test-harness';

const start = useSchedulesRehearsal();
const MIN = 60_000;

async function defineJob(harness: SchedulesHarness, name: string, spec: Record<string, unknown>) {
  const { status, json } = await harness.admin('PUT', `schedules/dc/jobs/${name}`, spec);
  expect(status, JSON.stringify(json)).toBe(201);
}

describe('Jenkins-compatible DC scheduler', () => {
  it('needs basic auth with the user and API token', async () => {
    const harness = await start();
    await defineJob(harness, 'nightly', { cron: '0 2 * * *', durationSeconds: 300 });
    const anonymous = await harness.dc('GET', 'jenkins/job/nightly/api/json', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Jenkins"');
    const wrong = await harness.dc('GET', 'jenkins/job/nightly/api/json', `Basic ${Buffer.from('rehearsal:wrong').toString('base64')}`);
    expect(wrong.status).toBe(401);
    expect((await harness.dc('GET', 'jenkins/job/nightly/api/json')).status).toBe(200);
    expect((await harness.dc('GET', 'jenkins/job/unknown/api/json')).status).toBe(404);
    expect((await harness.dc('GET', 'jenkins/crumbIssuer/api/json')).json).toMatchObject({ crumbRequestField: 'Jenkins-Crumb' });
  });

  it('builds on the cron while buildable, with Jenkins’s job and build fields', async () => {
    const harness = await start();
    await defineJob(harness, 'every-15', { cron: '*/15 * * * *', durationSeconds: 300 });
    const fresh = (await harness.dc('GET', 'jenkins/job/every-15/api/json')).json;
    expect(fresh).toMatchObject({ name: 'every-15', buildable: true, inQueue: false, color: 'notbuilt', lastBuild: null, nextBuildNumber: 1 });
    harness.advance(17 * 60);
    const job = (await harness.dc('GET', 'jenkins/job/every-15/api/json')).json as Record<string, unknown>;
    expect(job).toMatchObject({ buildable: true, color: 'notbuilt_anime', lastBuild: { number: 1 }, lastCompletedBuild: null });
    expect(String((job.lastBuild as { url: string }).url)).toBe(`${harness.url}/_dc/jenkins/job/every-15/1/`);
    const building = (await harness.dc('GET', 'jenkins/job/every-15/lastBuild/api/json')).json;
    expect(building).toMatchObject({ number: 1, building: true, result: null, timestamp: T0 + 15 * MIN, duration: 0, estimatedDuration: 300_000 });
    expect(building).toMatchObject({ actions: [{ causes: [{ shortDescription: 'Started by timer' }] }] });
    harness.advance(4 * 60);
    const done = (await harness.dc('GET', 'jenkins/job/every-15/1/api/json')).json;
    expect(done).toMatchObject({ number: 1, building: false, result: 'SUCCESS', timestamp: T0 + 15 * MIN, duration: 300_000 });
    expect((await harness.dc('GET', 'jenkins/job/every-15/api/json')).json).toMatchObject({ color: 'blue', lastCompletedBuild: { number: 1 } });
    expect((await harness.dc('GET', 'jenkins/job/every-15/config.xml')).text).toContain('<spec>*/15 * * * *</spec>');
  });

  it('disables and enables with a 302 to the job (with or without a crumb); no builds while disabled', async () => {
    const harness = await start();
    await defineJob(harness, 'hourly', { cron: 'H * * * *', durationSeconds: 60, timeZone: 'Europe/Berlin' });
    const disabled = await harness.dc('POST', 'jenkins/job/hourly/disable');
    expect(disabled.status).toBe(302);
    expect(disabled.headers.get('location')).toBe(`${harness.url}/_dc/jenkins/job/hourly/`);
    expect((await harness.dc('GET', 'jenkins/job/hourly/api/json')).json).toMatchObject({ buildable: false, disabled: true, color: 'disabled' });
    harness.advance(3 * 3600);
    expect((await harness.dc('GET', 'jenkins/job/hourly/api/json')).json).toMatchObject({ lastBuild: null });
    const response = await fetch(`${harness.url}/_dc/jenkins/job/hourly/enable`, {
      method: 'POST',
      redirect: 'manual',
      headers: { authorization: `Basic ${Buffer.from('rehearsal:rehearsal-api-token').toString('base64')}`, 'Jenkins-Crumb': 'rehearsal-crumb' },
    });
    expect(response.status).toBe(302);
    harness.advance(3 * 3600);
    const runs = ((await harness.admin('GET', 'schedules/runs/dc/hourly')).json as { items: Array<{ slot: string; startedAt: string; result: string }> }).items;
    expect(runs).toHaveLength(3);
    // H: one minute of the hour, the same every hour, from the job's name.
    const minutes = new Set(runs.map((run) => new Date(run.slot).getUTCMinutes()));
    expect(minutes.size).toBe(1);
    expect(runs.every((run) => run.slot === run.startedAt && run.result === 'SUCCESS')).toBe(true);
  });

  it('queues a trigger that comes while a build runs; a hang keeps a build running past the handover; stop aborts it', async () => {
    const harness = await start();
    await defineJob(harness, 'long', { cron: '*/10 * * * *', durationSeconds: 900 });
    harness.advance(21 * 60);
    expect((await harness.dc('GET', 'jenkins/job/long/api/json')).json).toMatchObject({ inQueue: true, lastBuild: { number: 1 } });
    harness.advance(5 * 60);
    const second = (await harness.dc('GET', 'jenkins/job/long/2/api/json')).json;
    expect(second).toMatchObject({ building: true, timestamp: T0 + 25 * MIN });
    const history = ((await harness.admin('GET', 'schedules/runs/dc/long')).json as { items: Array<{ number: number; slot: string }> }).items;
    expect(history.map((run) => [run.number, run.slot])).toEqual([
      [1, new Date(T0 + 10 * MIN).toISOString()],
      [2, new Date(T0 + 20 * MIN).toISOString()],
    ]);
    // The running build hangs for 2 hours: the operator disables the job, and it is still building an hour later.
    expect((await harness.admin('POST', 'faults', { type: 'schedules-dc-hang', job: 'long', durationSeconds: 7200 })).status).toBe(201);
    await harness.dc('POST', 'jenkins/job/long/disable');
    harness.advance(3600);
    expect((await harness.dc('GET', 'jenkins/job/long/lastBuild/api/json')).json).toMatchObject({ number: 2, building: true, result: null });
    const stopped = await harness.dc('POST', 'jenkins/job/long/2/stop');
    expect(stopped.status).toBe(302);
    expect((await harness.dc('GET', 'jenkins/job/long/lastBuild/api/json')).json).toMatchObject({ number: 2, building: false, result: 'ABORTED' });
    expect((await harness.dc('GET', 'jenkins/job/long/api/json')).json).toMatchObject({ color: 'disabled', inQueue: false });
  });

  it('answers `?tree=` as Jenkins does: builds with the fields the tree names, ranges, nested causes, only what is named', async () => {
    const harness = await start();
    await defineJob(harness, 'every-15', { cron: '*/15 * * * *', durationSeconds: 300 });
    await defineJob(harness, 'idle', { cron: '0 2 * * *', durationSeconds: 60 });
    harness.advance(17 * 60);
    // A user's build queued behind the timer's: it starts when #1 ends (minute 20) and is still building at 21.
    expect((await harness.dc('POST', 'jenkins/job/every-15/build')).status).toBe(201);
    harness.advance(4 * 60);
    const tree = 'buildable,inQueue,builds[number,timestamp,building,result,duration,actions[causes[_class,shortDescription]]]{0,20}';
    const picked = await harness.dc('GET', `jenkins/job/every-15/api/json?tree=${encodeURIComponent(tree)}`);
    expect(picked.status).toBe(200);
    const build = (number: number, fields: Record<string, unknown>, cause: Record<string, unknown>) => ({
      _class: 'hudson.model.FreeStyleBuild',
      number,
      ...fields,
      actions: [{ _class: 'hudson.model.CauseAction', causes: [cause] }],
    });
    expect(picked.json).toEqual({
      _class: 'hudson.model.FreeStyleProject',
      buildable: true,
      inQueue: false,
      builds: [
        build(
          2,
          { timestamp: T0 + 20 * MIN, building: true, result: null, duration: 0 },
          { _class: 'hudson.model.Cause$UserIdCause', shortDescription: 'Started by user rehearsal' },
        ),
        build(
          1,
          { timestamp: T0 + 15 * MIN, building: false, result: 'SUCCESS', duration: 300_000 },
          { _class: 'hudson.triggers.TimerTrigger$TimerTriggerCause', shortDescription: 'Started by timer' },
        ),
      ],
    });
    // The tree as a Jenkins client sends it, unencoded: the same answer.
    expect((await harness.dc('GET', `jenkins/job/every-15/api/json?tree=${tree}`)).json).toEqual(picked.json);
    const numbers = async (range: string) =>
      ((await harness.dc('GET', `jenkins/job/every-15/api/json?tree=builds[number]${range}`)).json as { builds: Array<{ number: number }> }).builds.map(
        (entry) => entry.number,
      );
    expect(await numbers('')).toEqual([2, 1]);
    expect(await numbers('{0,1}')).toEqual([2]);
    expect(await numbers('{1}')).toEqual([1]);
    expect(await numbers('{1,}')).toEqual([1]);
    expect(await numbers('{,1}')).toEqual([2]);
    expect(await numbers('{5,9}')).toEqual([]);
    // The range may also come before the subtree.
    expect((await harness.dc('GET', 'jenkins/job/every-15/api/json?tree=builds{1}[number,result]')).json).toEqual({
      _class: 'hudson.model.FreeStyleProject',
      builds: [{ _class: 'hudson.model.FreeStyleBuild', number: 1, result: 'SUCCESS' }],
    });
    // A property named without [...]: an object as its _class only; a null stays; an unknown name is left out.
    expect((await harness.dc('GET', 'jenkins/job/every-15/api/json?tree=lastBuild,color,nosuch')).json).toEqual({
      _class: 'hudson.model.FreeStyleProject',
      lastBuild: { _class: 'hudson.model.FreeStyleBuild' },
      color: 'blue_anime',
    });
    expect((await harness.dc('GET', 'jenkins/job/idle/api/json?tree=lastBuild[number],lastCompletedBuild[result]')).json).toEqual({
      _class: 'hudson.model.FreeStyleProject',
      lastBuild: null,
      lastCompletedBuild: null,
    });
    expect((await harness.dc('GET', 'jenkins/job/every-15/lastCompletedBuild/api/json?tree=number,result,timestamp')).json).toEqual({
      _class: 'hudson.model.FreeStyleBuild',
      number: 1,
      result: 'SUCCESS',
      timestamp: T0 + 15 * MIN,
    });
    expect((await harness.dc('GET', 'jenkins/api/json?tree=jobs[name]')).json).toEqual({
      _class: 'hudson.model.Hudson',
      jobs: [
        { _class: 'hudson.model.FreeStyleProject', name: 'every-15' },
        { _class: 'hudson.model.FreeStyleProject', name: 'idle' },
      ],
    });
    // Without a tree, builds stay references, as before.
    expect((await harness.dc('GET', 'jenkins/job/every-15/api/json')).json).toMatchObject({
      builds: [
        { _class: 'hudson.model.FreeStyleBuild', number: 2, url: `${harness.url}/_dc/jenkins/job/every-15/2/` },
        { _class: 'hudson.model.FreeStyleBuild', number: 1, url: `${harness.url}/_dc/jenkins/job/every-15/1/` },
      ],
    });
    for (const bad of ['builds[number', 'builds[number]{a}', 'builds[]', ',buildable', 'buildable,', 'builds{,}']) {
      const refused = await harness.dc('GET', `jenkins/job/every-15/api/json?tree=${encodeURIComponent(bad)}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.text, bad).toContain('Malformed tree expression');
    }
  });
});

describe('HTTP cron endpoint', () => {
  it('shows, disables and enables a cron entry as JSON with a bearer token', async () => {
    const harness = await start();
    await defineJob(harness, 'cleanup', { kind: 'cron', cron: '30 1 * * *', durationSeconds: 120, timeZone: 'Europe/Berlin' });
    expect((await harness.dc('GET', 'cron/entries/cleanup', null)).status).toBe(401);
    expect((await harness.dc('GET', 'jenkins/job/cleanup/api/json')).status).toBe(404);
    const status = (await harness.dc('GET', 'cron/entries/cleanup', CRON_AUTH)).json;
    expect(status).toEqual({
      name: 'cleanup',
      expression: '30 1 * * *',
      timeZone: 'Europe/Berlin',
      enabled: true,
      running: false,
      lastRun: null,
      nextRun: new Date(T0 + 30 * MIN).toISOString(),
    });
    harness.advance(31 * 60);
    expect((await harness.dc('GET', 'cron/entries/cleanup', CRON_AUTH)).json).toMatchObject({
      running: true,
      lastRun: { slot: new Date(T0 + 30 * MIN).toISOString() },
    });
    expect((await harness.dc('POST', 'cron/entries/cleanup/disable', CRON_AUTH)).json).toMatchObject({ enabled: false, running: true, nextRun: null });
    expect((await harness.dc('POST', 'cron/entries/cleanup/enable', CRON_AUTH)).json).toMatchObject({ enabled: true });
    expect((await harness.dc('GET', 'cron/entries', CRON_AUTH)).json).toMatchObject({ items: [{ name: 'cleanup' }] });
    expect((await harness.admin('PUT', 'schedules/dc/jobs/bad', { cron: '61 * * * *', durationSeconds: 1 })).status).toBe(400);
  });
});
