// The data-center clients against a local HTTP server that answers as the test says (the rehearsal's Jenkins and cron
// endpoint answer them in test/integration/schedules-dc-clients.test.ts: main/ tests may not import rehearsal/):
// what each call sends (URL, folders, auth, filled templates, no crumb), how answers are read, and every failure in
// words without a secret (a canary token echoed by the server never reaches a message).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DcSide, SchedulerSchema } from '../plan-schema';
import { dcClientFor, JENKINS_STATUS_TREE, jenkinsJobPath, MAX_ANSWER_BYTES, REHEARSAL_DC_CREDENTIALS, type DcClient, type DcClientInput } from './dc-clients';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answers. */
  hang?: boolean;
  /** Sent in two writes, without a content-length. */
  chunked?: boolean;
}

const CANARY = 'canary-token-7Qx9ZpL2vW';
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A local server answering each request with `answer(seen)`; the requests it saw, in order. */
async function serve(answer: (seen: Seen) => Answer): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(entry);
      const reply = answer(entry);
      if (reply.hang) return;
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      const body = reply.body ?? '';
      if (reply.chunked) response.write(body.slice(0, 1024));
      response.end(reply.chunked ? body.slice(1024) : body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const JENKINS_ENV = { JENKINS_USER: 'ops-bot', JENKINS_TOKEN: CANARY };

function jenkinsInput(
  baseUrl: string,
  extra: { job?: string; auth?: boolean; timeoutSeconds?: number; env?: NodeJS.ProcessEnv; rehearsalUrl?: string } = {},
): DcClientInput {
  return {
    scheduler: SchedulerSchema.parse({
      id: 'jenkins-dc1',
      jenkins: {
        baseUrl,
        ...(extra.auth === false ? {} : { auth: { usernameEnv: 'JENKINS_USER', tokenEnv: 'JENKINS_TOKEN' } }),
        ...(extra.timeoutSeconds === undefined ? {} : { timeoutSeconds: extra.timeoutSeconds }),
      },
    }),
    dc: DcSide.parse({ jenkins: 'jenkins-dc1', job: extra.job ?? 'billing/nightly#invoices', expression: 'H 2 * * *' }),
    job: { id: 'invoices' },
    stack: { id: 'apps/billing', name: 'billing', project: 'apps' },
    planName: 'estate',
    rehearsalUrl: extra.rehearsalUrl,
    env: extra.env ?? JENKINS_ENV,
  };
}

function cronInput(baseUrl: string, cron: Record<string, unknown> = {}, extra: Partial<DcClientInput> = {}): DcClientInput {
  return {
    scheduler: SchedulerSchema.parse({
      id: 'crond',
      cron: {
        baseUrl,
        auth: { type: 'bearer', tokenEnv: 'CRON_TOKEN' },
        status: {
          method: 'GET',
          path: '/hosts/{{stack.config.host}}/entries/{{job.entry}}',
          running: '/state/running',
          lastRunAt: '/last/at',
          lastResult: '/last/result',
          enabled: '/state/on',
        },
        disable: {
          method: 'PUT',
          path: '/hosts/{{stack.config.host}}/entries/{{job.entry}}',
          body: { enabled: false, by: '{{plan.name}}/{{stack.id}}#{{job.id}}' },
        },
        enable: {
          method: 'PUT',
          path: '/hosts/{{stack.config.host}}/entries/{{job.entry}}',
          body: { enabled: true, by: '{{plan.name}}/{{stack.id}}#{{job.id}}' },
        },
        ...cron,
      },
    }),
    dc: DcSide.parse({ cron: 'crond', entry: 'nightly:invoices', expression: '0 2 * * *' }),
    job: { id: 'invoices' },
    stack: { id: 'apps/billing', name: 'billing', project: 'apps', config: { host: 'dc host 1', secretish: { secretEnv: 'X' } } },
    planName: 'estate',
    rehearsalUrl: undefined,
    env: { CRON_TOKEN: CANARY },
    ...extra,
  };
}

function client(input: DcClientInput): DcClient {
  const made = dcClientFor(input);
  if ('problem' in made) throw new Error(`expected a client, got: ${made.problem}`);
  return made;
}

const signal = () => new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** No form of the canary in the message: as is, JSON-escaped, URL-encoded or base64 (a Basic header). */
function expectNoSecret(message: string) {
  expect(message).not.toContain(CANARY);
  expect(message).not.toContain(Buffer.from(`ops-bot:${CANARY}`).toString('base64'));
  expect(message).not.toMatch(/authorization|Basic [A-Za-z0-9+/=]{8,}|Bearer \S/i);
}

const build = (number: number, timestamp: number, building: boolean, result: string | null, causeClass: string | null) => ({
  _class: 'hudson.model.FreeStyleBuild',
  number,
  timestamp,
  building,
  result,
  actions: [{}, ...(causeClass ? [{ _class: 'hudson.model.CauseAction', causes: [{ _class: causeClass }] }] : []), { _class: 'hudson.model.ParametersAction' }],
});

describe('Jenkins', () => {
  it('reads the job with one tree call: folders as job/…/job/…, basic auth, runs newest first with their causes', async () => {
    const server = await serve(() => ({
      body: JSON.stringify({
        _class: 'hudson.model.FreeStyleProject',
        buildable: true,
        inQueue: true,
        builds: [
          build(41, 1_000, false, 'SUCCESS', 'hudson.model.Cause$UserIdCause'),
          build(42, 2_000, true, null, 'hudson.triggers.TimerTrigger$TimerTriggerCause'),
          build(40, 500, false, 'FAILURE', 'org.jenkinsci.plugins.workflow.cps.replay.ReplayCause'),
          build(39, 100, false, 'ABORTED', null),
        ],
      }),
    }));
    const status = await client(jenkinsInput(`${server.url}/ci`)).status(signal());
    expect(status).toEqual({
      enabled: true,
      inQueue: true,
      runs: [
        { number: 42, startedAt: 2_000, building: true, result: null, cause: 'timer' },
        { number: 41, startedAt: 1_000, building: false, result: 'SUCCESS', cause: 'user' },
        { number: 40, startedAt: 500, building: false, result: 'FAILURE', cause: 'unknown' },
        { number: 39, startedAt: 100, building: false, result: 'ABORTED', cause: 'unknown' },
      ],
    });
    const [request] = server.seen;
    expect(request!.method).toBe('GET');
    expect(request!.url).toBe(`/ci/job/billing/job/nightly%23invoices/api/json?tree=${encodeURIComponent(JENKINS_STATUS_TREE)}`);
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`ops-bot:${CANARY}`).toString('base64')}`);
    expect(jenkinsJobPath('nightly')).toBe('job/nightly/');
    expect(jenkinsJobPath('a/b/c')).toBe('job/a/job/b/job/c/');
  });

  it('disables and enables with a POST: a 302 is success, not followed, and no crumb is fetched or sent', async () => {
    const server = await serve((seen) =>
      seen.method === 'POST' ? { status: 302, headers: { location: '/ci/job/billing/job/nightly%23invoices/' }, body: '' } : { body: '<html></html>' },
    );
    const dc = client(jenkinsInput(`${server.url}/ci/`));
    await dc.disable(signal());
    await dc.enable(signal());
    expect(server.seen.map((seen) => `${seen.method} ${seen.url}`)).toEqual([
      'POST /ci/job/billing/job/nightly%23invoices/disable',
      'POST /ci/job/billing/job/nightly%23invoices/enable',
    ]);
    for (const seen of server.seen) expect(Object.keys(seen.headers).filter((name) => /crumb/i.test(name))).toEqual([]);
  });

  it('takes a redirect elsewhere than the job (a login page in front of Jenkins) as not done', async () => {
    const server = await serve(() => ({ status: 302, headers: { location: '/sso/login?return=%2Fci' } }));
    const message = (await failure(client(jenkinsInput(`${server.url}/ci`)).disable(signal()))).message;
    expect(message).toBe(
      `disabling job 'invoices' of stack 'apps/billing' (Jenkins job 'billing/nightly#invoices') at Jenkins scheduler 'jenkins-dc1': POST ${server.url}/ci/job/billing/job/nightly%23invoices/disable answered HTTP 302, a redirect to ${server.url}/sso/login, not followed (is the URL behind a login page?)`,
    );
    expect(server.seen).toHaveLength(1);
  });

  it('says what a refusal means, naming the scheduler, the job, the call and the variables, never the token', async () => {
    const echo = (seen: Seen) => JSON.stringify({ message: `bad credentials ${seen.headers.authorization} ${CANARY} ${encodeURIComponent(CANARY)}` });
    const statuses: Record<string, number> = { '/401/': 401, '/403/': 403, '/404/': 404, '/500/': 500, '/409/': 409 };
    const server = await serve((seen) => ({ status: statuses[seen.url.slice(0, 5)] ?? 200, body: echo(seen) }));
    const messages: Record<number, string> = {};
    for (const [prefix, status] of Object.entries(statuses)) {
      const dc = client(jenkinsInput(`${server.url}${prefix}`));
      const error = await failure(status === 409 ? dc.disable(signal()) : dc.status(signal()));
      expectNoSecret(error.message);
      messages[status] = error.message;
    }
    expect(messages[401]).toBe(
      `reading the status of job 'invoices' of stack 'apps/billing' (Jenkins job 'billing/nightly#invoices') at Jenkins scheduler 'jenkins-dc1': GET ${server.url}/401/job/billing/job/nightly%23invoices/api/json answered HTTP 401 Unauthorized: the user and API token from JENKINS_USER and JENKINS_TOKEN were refused`,
    );
    expect(messages[403]).toMatch(/HTTP 403 Forbidden: the user may not read the job \(Job\/Read\) \(bad credentials \[secret\]/);
    expect(messages[404]).toContain("HTTP 404 Not Found: no job 'billing/nightly#invoices' there (the job's full name, folders included");
    expect(messages[500]).toMatch(/answered HTTP 500 Internal Server Error: the scheduler failed \(bad credentials \[secret\]/);
    expect(messages[409]).toMatch(/^disabling job 'invoices' .* POST \S+\/disable answered HTTP 409 Conflict \(bad credentials \[secret\]/);
  });

  it('refuses an answer that is not a job, not JSON, or too large; follows no redirect to a login page', async () => {
    const huge = JSON.stringify({ buildable: true, pad: 'x'.repeat(MAX_ANSWER_BYTES) });
    const server = await serve((seen): Answer => {
      if (seen.url.startsWith('/folder/')) return { body: JSON.stringify({ _class: 'com.cloudbees.hudson.plugins.folder.Folder', jobs: [] }) };
      if (seen.url.startsWith('/html/')) return { headers: { 'content-type': 'text/html' }, body: `<html>${CANARY}</html>` };
      if (seen.url.startsWith('/login/')) return { status: 302, headers: { location: '/login?from=%2Fjob' }, body: '' };
      if (seen.url.startsWith('/huge-chunked/')) return { body: huge, chunked: true };
      return { headers: { 'content-length': String(Buffer.byteLength(huge)) }, body: huge };
    });
    const message = async (prefix: string) => (await failure(client(jenkinsInput(`${server.url}${prefix}`)).status(signal()))).message;
    expect(await message('/folder/')).toContain('the answer has no "buildable" (a com.cloudbees.hudson.plugins.folder.Folder rather than a job: a folder?)');
    expect(await message('/html/')).toContain('answered HTTP 200 with a body that is not JSON (text/html)');
    expect(await message('/login/')).toContain(`answered HTTP 302, a redirect to ${server.url}/login, not followed (is the URL behind a login page?)`);
    expect(await message('/huge/')).toContain('the answer is larger than 1 MiB');
    expect(await message('/huge-chunked/')).toContain('the answer is larger than 1 MiB');
    expect(server.seen.filter((seen) => seen.url.startsWith('/login?'))).toEqual([]);
  });

  it('gives up after the scheduler’s timeoutSeconds; the caller’s abort goes back as the caller’s reason', async () => {
    const server = await serve(() => ({ hang: true }));
    const dc = client(jenkinsInput(server.url, { timeoutSeconds: 0.2 }));
    const started = Date.now();
    const timedOut = await failure(dc.status(signal()));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(timedOut.message).toBe(
      `reading the status of job 'invoices' of stack 'apps/billing' (Jenkins job 'billing/nightly#invoices') at Jenkins scheduler 'jenkins-dc1': GET ${server.url}/job/billing/job/nightly%23invoices/api/json: no answer within 0.2 s (the scheduler's timeoutSeconds)`,
    );
    const slow = client(jenkinsInput(server.url, { timeoutSeconds: 60 }));
    const controller = new AbortController();
    const reason = new Error('monitor closed');
    const pending = slow.disable(controller.signal);
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });

  it('says a connection refused in words', async () => {
    const server = await serve(() => ({}));
    const url = server.url;
    await new Promise<void>((resolve) => {
      const open = servers.pop()!;
      open.close(() => resolve());
    });
    expect((await failure(client(jenkinsInput(url)).status(signal()))).message).toMatch(/: connection refused$/);
  });

  it('answers a problem for a variable not set, no rehearsal yet, a short token, a job of another scheduler', () => {
    const problem = (input: DcClientInput) => {
      const made = dcClientFor(input);
      return 'problem' in made ? made.problem : 'a client';
    };
    expect(problem(jenkinsInput('https://ci.example', { env: { JENKINS_USER: 'ops-bot' } }))).toBe(
      "Jenkins scheduler 'jenkins-dc1': environment variable JENKINS_TOKEN (the user's Jenkins API token) not set",
    );
    expect(problem(jenkinsInput('https://ci.example', { env: { JENKINS_TOKEN: '' } }))).toBe(
      "Jenkins scheduler 'jenkins-dc1': environment variables JENKINS_USER (the Jenkins user) and JENKINS_TOKEN (the user's Jenkins API token) not set",
    );
    expect(problem(jenkinsInput('rehearsal', { auth: false }))).toBe(
      "Jenkins scheduler 'jenkins-dc1' is the rehearsal's (baseUrl: rehearsal), and no rehearsal runs yet: start the rehearsal environment first",
    );
    expect(problem(jenkinsInput('https://ci.example', { env: { JENKINS_USER: 'ops-bot', JENKINS_TOKEN: 'short' } }))).toMatch(
      /the token in JENKINS_TOKEN is shorter than 8 characters/,
    );
    expect(problem({ ...jenkinsInput('https://ci.example'), dc: DcSide.parse({ jenkins: 'other', job: 'x' }) })).toBe(
      "job 'invoices' of stack 'apps/billing' names scheduler 'other', not the Jenkins scheduler 'jenkins-dc1'",
    );
    // Anonymous is allowed for a scheduler of the data center's own that names no auth.
    expect(problem(jenkinsInput('https://ci.example', { auth: false, env: {} }))).toBe('a client');
  });

  it('reaches the rehearsal at <rehearsal>/_dc/jenkins/ with its own credentials when the plan names none; anonymous elsewhere', async () => {
    const server = await serve(() => ({ body: JSON.stringify({ buildable: false, inQueue: false, builds: [] }) }));
    const rehearsal = client(jenkinsInput('rehearsal', { auth: false, env: {}, rehearsalUrl: `${server.url}/`, job: 'nightly' }));
    expect(await rehearsal.status(signal())).toEqual({ enabled: false, inQueue: false, runs: [] });
    expect(server.seen[0]!.url).toMatch(/^\/_dc\/jenkins\/job\/nightly\/api\/json\?tree=/);
    expect(server.seen[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${REHEARSAL_DC_CREDENTIALS.user}:${REHEARSAL_DC_CREDENTIALS.apiToken}`).toString('base64')}`,
    );
    const anonymous = client(jenkinsInput(server.url, { auth: false, env: {} }));
    await anonymous.status(signal());
    expect(server.seen[1]!.headers.authorization).toBeUndefined();
  });

  it('says a 401 to an anonymous call asks for credentials', async () => {
    const server = await serve(() => ({ status: 401, headers: { 'www-authenticate': 'Basic realm="Jenkins"' } }));
    expect((await failure(client(jenkinsInput(server.url, { auth: false, env: {} })).status(signal()))).message).toMatch(
      /answered HTTP 401 Unauthorized: the scheduler wants credentials: give it auth in the plan$/,
    );
  });
});

describe('cron endpoint', () => {
  it('fills the plan’s requests per job: placeholders URL-encoded in the path, as they are in the body; bearer auth', async () => {
    const server = await serve((seen) =>
      seen.method === 'GET'
        ? { body: JSON.stringify({ state: { running: true, on: 'true' }, last: { at: '2026-12-05T01:30:00Z', result: null } }) }
        : { status: 204 },
    );
    const dc = client(cronInput(`${server.url}/api/v1/`));
    expect(await dc.status(signal())).toEqual({
      enabled: true,
      inQueue: false,
      runs: [{ number: null, startedAt: Date.UTC(2026, 11, 5, 1, 30), building: true, result: null, cause: 'timer' }],
    });
    await dc.disable(signal());
    await dc.enable(signal());
    expect(server.seen.map((seen) => [seen.method, seen.url, seen.body])).toEqual([
      ['GET', '/api/v1/hosts/dc%20host%201/entries/nightly%3Ainvoices', ''],
      ['PUT', '/api/v1/hosts/dc%20host%201/entries/nightly%3Ainvoices', JSON.stringify({ enabled: false, by: 'estate/apps/billing#invoices' })],
      ['PUT', '/api/v1/hosts/dc%20host%201/entries/nightly%3Ainvoices', JSON.stringify({ enabled: true, by: 'estate/apps/billing#invoices' })],
    ]);
    for (const seen of server.seen) expect(seen.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(server.seen[1]!.headers['content-type']).toBe('application/json');
  });

  it('reads epoch milliseconds, a result, a never-run entry, 1/0 flags; says what is missing at which pointer', async () => {
    let body: unknown;
    const server = await serve(() => ({ body: JSON.stringify(body) }));
    const dc = client(cronInput(server.url));
    body = { state: { running: 0, on: 1 }, last: { at: 1_765_000_000_000, result: 'exit 2' } };
    expect(await dc.status(signal())).toEqual({
      enabled: true,
      inQueue: false,
      runs: [{ number: null, startedAt: 1_765_000_000_000, building: false, result: 'exit 2', cause: 'timer' }],
    });
    body = { state: { running: false, on: false }, last: null };
    expect(await dc.status(signal())).toEqual({ enabled: false, inQueue: false, runs: [] });
    body = { state: { on: true }, last: null };
    expect((await failure(dc.status(signal()))).message).toMatch(
      /^reading the status of job 'invoices' of stack 'apps\/billing' \(cron entry 'nightly:invoices'\) at cron endpoint scheduler 'crond': the answer has nothing at \/state\/running \(whether a run is in progress\)$/,
    );
    body = { state: { running: 'maybe', on: true } };
    expect((await failure(dc.status(signal()))).message).toMatch(/\/state\/running is not true or false$/);
    body = { state: { running: false, on: true }, last: { at: 'yesterday' } };
    expect((await failure(dc.status(signal()))).message).toMatch(
      /the last run's start at \/last\/at \(yesterday\) has no UTC offset: the endpoint must say Z or \+hh:mm$/,
    );
    body = { state: { running: false, on: true }, last: { at: '2026-12-05T01:30:00' } };
    expect((await failure(dc.status(signal()))).message).toMatch(/\(2026-12-05T01:30:00\) has no UTC offset/);
    body = { state: { running: false, on: true }, last: { at: '2026-12-05T02:30:00+01:00' } };
    expect((await dc.status(signal())).runs[0]!.startedAt).toBe(Date.UTC(2026, 11, 5, 1, 30));
    // Epoch seconds (a shell's `date +%s`) are told from milliseconds.
    body = { state: { running: false, on: true }, last: { at: 1_765_000_000 } };
    expect((await dc.status(signal())).runs[0]!.startedAt).toBe(1_765_000_000_000);
    body = { state: { running: false, on: true }, last: { at: '2026-13-45T99:00:00Z' } };
    expect((await failure(dc.status(signal()))).message).toMatch(/neither an ISO 8601 time nor an epoch time$/);
  });

  it('sends header and basic auth as the plan says', async () => {
    const server = await serve(() => ({ body: JSON.stringify({ state: { running: false, on: true } }) }));
    await client(cronInput(server.url, { auth: { type: 'header', header: 'X-Api-Key', tokenEnv: 'CRON_TOKEN' } })).status(signal());
    await client(
      cronInput(server.url, { auth: { type: 'basic', usernameEnv: 'CRON_USER', tokenEnv: 'CRON_TOKEN' } }, { env: { CRON_USER: 'cron', CRON_TOKEN: CANARY } }),
    ).status(signal());
    expect(server.seen[0]!.headers['x-api-key']).toBe(CANARY);
    expect(server.seen[0]!.headers.authorization).toBeUndefined();
    expect(server.seen[1]!.headers.authorization).toBe(`Basic ${Buffer.from(`cron:${CANARY}`).toString('base64')}`);
  });

  it('reaches the rehearsal at <rehearsal>/_dc/cron/ with its own bearer token when the plan names no auth', async () => {
    const server = await serve(() => ({ body: JSON.stringify({ running: false, enabled: true, lastRun: null }) }));
    const dc = client(
      cronInput(
        'rehearsal',
        {
          auth: undefined,
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
        { rehearsalUrl: server.url, env: {} },
      ),
    );
    expect(await dc.status(signal())).toEqual({ enabled: true, inQueue: false, runs: [] });
    expect(server.seen[0]!.url).toBe('/_dc/cron/entries/nightly%3Ainvoices');
    expect(server.seen[0]!.headers.authorization).toBe(`Bearer ${REHEARSAL_DC_CREDENTIALS.cronToken}`);
  });

  it('answers a problem for a template it cannot fill or a token not set; a refusal never shows the token', async () => {
    const problem = (input: DcClientInput) => {
      const made = dcClientFor(input);
      return 'problem' in made ? made.problem : 'a client';
    };
    expect(problem(cronInput('https://cron.example', {}, { env: {} }))).toBe(
      "cron endpoint scheduler 'crond': environment variable CRON_TOKEN (the cron endpoint token) not set",
    );
    const noConfig = cronInput('https://cron.example');
    expect(problem({ ...noConfig, stack: { id: 'apps/billing', name: 'billing', project: 'apps' } })).toBe(
      "cron endpoint scheduler 'crond', its status request: {{stack.config.host}} has no value: the stack has no plain config 'host'",
    );
    expect(problem(cronInput('https://cron.example', { disable: { method: 'POST', path: '/x/{{job.nmae}}' } }))).toMatch(
      /^cron endpoint scheduler 'crond', its disable request: unknown placeholder \{\{job\.nmae\}\}; expected \{\{job\.id\}\}/,
    );
    const server = await serve((seen) => ({
      status: seen.method === 'GET' ? 401 : 302,
      headers: { location: '/login' },
      body: JSON.stringify({ error: `token ${CANARY}` }),
    }));
    const dc = client(cronInput(server.url));
    const refused = await failure(dc.status(signal()));
    expect(refused.message).toMatch(/answered HTTP 401 Unauthorized: the token from CRON_TOKEN was refused$/);
    const redirected = await failure(dc.disable(signal()));
    expect(redirected.message).toMatch(/^disabling job 'invoices' .* PUT \S+ answered HTTP 302, a redirect to \S+\/login, not followed/);
    for (const error of [refused, redirected]) expectNoSecret(error.message);
  });
});
