// The data-center side of a scheduled job, as the monitor and the handover read and switch it: a Jenkins job (the
// REST subset of the facts) or an entry of a cron host behind an HTTP endpoint (the plan's templated requests).
//
// Jenkins: HTTP basic auth with a user and an API token from the environment variables the plan names. One GET of
//   job/<a>/job/<b>/api/json?tree=buildable,inQueue,builds[number,timestamp,building,result,actions[causes[_class]]]{0,20}
// gives whether the trigger is on (`buildable`), whether a build waits in the queue, and the recent builds, newest first,
// each with its start (`timestamp`), whether it still runs, its result and its cause (TimerTrigger$TimerTriggerCause:
// the timer; UserIdCause: a user). POST …/disable and …/enable answer a 302 to the job page as Jenkins answers a form
// post: that is success, and the redirect is not followed (it leads to HTML). No `Jenkins-Crumb`: a request
// authenticated by an API token is exempt from CSRF crumbs since Jenkins 2.96, so no crumb is fetched.
//
// Cron endpoint: the scheduler's `status`, `disable` and `enable` requests, their path relative to baseUrl and their
// JSON body filled per job ({{job.id}}, {{job.entry}}, {{stack.id}}, {{stack.name}}, {{stack.project}}, {{plan.name}},
// {{stack.config.<key>}}: URL-encoded in the path, as they are in the body, as the registries' templates are filled).
// The status answer is read at the plan's JSON pointers: running, lastRunAt (ISO 8601 with its offset, or epoch ms or s; null: never ran),
// lastResult (optional) and enabled. Auth per the plan: bearer, a header of its own, or basic.
//
// `baseUrl: rehearsal` is the rehearsal's stand-in: <rehearsal URL>/_dc/jenkins/ or /_dc/cron/, with the rehearsal's
// well-known credentials when the plan names none. Every call has the scheduler's `timeoutSeconds` (beside the
// caller's signal), reads at most 1 MiB of answer, and fails with an Error saying which scheduler, which job, which
// call and the HTTP status in words: never a token or an Authorization header (an answer's excerpt is redacted).
// One file: the Jenkins and cron-endpoint clients share the request, timeout, size-bound and redaction code that
// makes their errors safe to show; each dialect is a few functions of it.
import { SecretRedactor, tooShortToHide, MIN_SECRET_LENGTH } from '../../../secrets/redactor';
import type { JobEntry, SchedulerEntry } from '../plan-schema';

export interface DcRun {
  /** The Jenkins build number; null for a cron entry's run. */
  readonly number: number | null;
  /** When the run started, epoch ms. */
  readonly startedAt: number;
  readonly building: boolean;
  /** SUCCESS, FAILURE, ABORTED… as the scheduler says; null while building or when it says nothing. */
  readonly result: string | null;
  readonly cause: 'timer' | 'user' | 'unknown';
}

export interface DcStatus {
  /** Whether the trigger is on (Jenkins `buildable`; the cron entry's `enabled`). */
  readonly enabled: boolean;
  /** Whether a run waits in the queue (Jenkins `inQueue`; false for a cron entry). */
  readonly inQueue: boolean;
  /** Recent runs, newest first (Jenkins: up to 20; cron endpoint: the last run only). */
  readonly runs: readonly DcRun[];
}

export interface DcClient {
  status(signal: AbortSignal): Promise<DcStatus>;
  /** Turns the job's trigger off (a run in progress runs on). */
  disable(signal: AbortSignal): Promise<void>;
  enable(signal: AbortSignal): Promise<void>;
}

export interface DcClientInput {
  readonly scheduler: SchedulerEntry;
  readonly dc: JobEntry['dc'];
  readonly job: { readonly id: string };
  /** `config`: the stack's plain config values, for {{stack.config.<key>}} in a cron endpoint's requests. */
  readonly stack: { readonly id: string; readonly name: string; readonly project: string; readonly config?: Readonly<Record<string, unknown>> };
  readonly planName: string;
  /** The running rehearsal's endpoint (http://127.0.0.1:<port>), undefined while none runs. */
  readonly rehearsalUrl: string | undefined;
  /** Where the credentials are read (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
}

/**
 * The rehearsal's well-known data-center credentials, used for a `baseUrl: rehearsal` scheduler whose plan names no
 * auth. They mirror rehearsal/tracks/schedules/dc-api.ts DEFAULT_DC_CREDENTIALS (main/ may not import rehearsal/):
 * test/integration/schedules-dc-clients.test.ts holds the two equal.
 */
export const REHEARSAL_DC_CREDENTIALS = { user: 'rehearsal', apiToken: 'rehearsal-api-token', cronToken: 'rehearsal-cron-token' } as const;

/** The largest answer read. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** What the Jenkins status call asks for: the job's trigger and queue, and its last 20 builds with their causes. */
export const JENKINS_STATUS_TREE = 'buildable,inQueue,builds[number,timestamp,building,result,actions[causes[_class]]]{0,20}';

/** The placeholders a cron endpoint's requests are filled with (besides {{stack.config.<key>}}). */
const FIXED_VARIABLES = ['job.id', 'job.entry', 'stack.id', 'stack.name', 'stack.project', 'plan.name'] as const;

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const EXCERPT_CHARS = 200;

/** A client for the job's data-center side, or why none can be made (a credential not set, no rehearsal running). */
export function dcClientFor(input: DcClientInput): DcClient | { readonly problem: string } {
  const { scheduler, dc } = input;
  const kind = scheduler.jenkins ? 'jenkins' : 'cron';
  const side = scheduler.jenkins ?? scheduler.cron;
  const named = dc.jenkins ?? dc.cron;
  const schedulerWords = `${kind === 'jenkins' ? 'Jenkins' : 'cron endpoint'} scheduler '${scheduler.id}'`;
  if (!side) return { problem: `scheduler '${scheduler.id}' declares neither jenkins nor cron` };
  if ((kind === 'jenkins' ? dc.jenkins : dc.cron) !== scheduler.id)
    return { problem: `job '${input.job.id}' of stack '${input.stack.id}' names scheduler '${named ?? '?'}', not the ${schedulerWords}` };

  // Where: the plan's URL, or the rehearsal's stand-in.
  const rehearsal = side.baseUrl === 'rehearsal';
  let baseUrl: string;
  if (rehearsal) {
    if (!input.rehearsalUrl)
      return { problem: `${schedulerWords} is the rehearsal's (baseUrl: rehearsal), and no rehearsal runs yet: start the rehearsal environment first` };
    baseUrl = `${input.rehearsalUrl.replace(/\/+$/, '')}/_dc/${kind}/`;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(side.baseUrl);
    } catch {
      return { problem: `${schedulerWords}: baseUrl is not a URL` };
    }
    if (parsed.username || parsed.password) return { problem: `${schedulerWords}: baseUrl carries credentials; name them in auth instead (they are not sent)` };
    baseUrl = side.baseUrl.endsWith('/') ? side.baseUrl : `${side.baseUrl}/`;
  }

  // Credentials: from the environment, or the rehearsal's own when the plan names none.
  const env = input.env ?? process.env;
  const missing: string[] = [];
  const read = (name: string, what: string): string => {
    const value = env[name];
    if (!value) missing.push(`${name} (${what})`);
    return value ?? '';
  };
  let authorization: { header: string; value: string; secret: string } | undefined;
  // What a 401 means, in words: which credentials were refused, or that some are wanted.
  let refused = 'the scheduler wants credentials: give it auth in the plan';
  if (scheduler.jenkins) {
    const auth = scheduler.jenkins.auth;
    if (auth) {
      const user = read(auth.usernameEnv, 'the Jenkins user');
      const token = read(auth.tokenEnv, "the user's Jenkins API token");
      authorization = basic(user, token);
      refused = `the user and API token from ${auth.usernameEnv} and ${auth.tokenEnv} were refused`;
    } else if (rehearsal) {
      authorization = basic(REHEARSAL_DC_CREDENTIALS.user, REHEARSAL_DC_CREDENTIALS.apiToken);
      refused = "the rehearsal's own Jenkins user and API token were refused";
    }
  } else {
    const auth = scheduler.cron!.auth;
    if (auth?.type === 'basic') {
      const user = read(auth.usernameEnv, 'the cron endpoint user');
      const token = read(auth.tokenEnv, "the cron endpoint user's token");
      authorization = basic(user, token);
      refused = `the user and token from ${auth.usernameEnv} and ${auth.tokenEnv} were refused`;
    } else if (auth) {
      const token = read(auth.tokenEnv, 'the cron endpoint token');
      authorization =
        auth.type === 'bearer' ? { header: 'authorization', value: `Bearer ${token}`, secret: token } : { header: auth.header, value: token, secret: token };
      refused = `the token from ${auth.tokenEnv}${auth.type === 'header' ? ` (header ${auth.header})` : ''} was refused`;
    } else if (rehearsal) {
      const token = REHEARSAL_DC_CREDENTIALS.cronToken;
      authorization = { header: 'authorization', value: `Bearer ${token}`, secret: token };
      refused = "the rehearsal's own cron endpoint token was refused";
    }
  }
  if (missing.length > 0) return { problem: `${schedulerWords}: environment variable${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} not set` };
  const auth = side.auth;
  if (auth && tooShortToHide(authorization?.secret ?? '')) {
    return {
      problem: `${schedulerWords}: the token in ${auth.tokenEnv} is shorter than ${MIN_SECRET_LENGTH} characters, too short to keep out of logs and errors; it is not used`,
    };
  }

  const redactor = new SecretRedactor();
  if (authorization) redactor.add(authorization.secret, authorization.value);
  const http: Http = {
    fetch: input.fetch ?? fetch,
    timeoutMs: side.timeoutSeconds * 1000,
    headers: authorization ? { [authorization.header.toLowerCase()]: authorization.value } : {},
    redact: (text) => redactor.redact(text),
    refused,
  };

  if (scheduler.jenkins) {
    const name = dc.job!;
    return jenkinsClient(
      baseUrl,
      name,
      http,
      (what) => `${what} job '${input.job.id}' of stack '${input.stack.id}' (Jenkins job '${name}') at ${schedulerWords}`,
    );
  }
  const entry = dc.entry!;
  const variables: Record<string, string> = {
    'job.id': input.job.id,
    'job.entry': entry,
    'stack.id': input.stack.id,
    'stack.name': input.stack.name,
    'stack.project': input.stack.project,
    'plan.name': input.planName,
  };
  for (const [key, value] of Object.entries(input.stack.config ?? {}))
    if (value !== null && typeof value !== 'object' && value !== undefined) variables[`stack.config.${key}`] = String(value);
  const cron = scheduler.cron!;
  const requests = {} as Record<'status' | 'disable' | 'enable', Filled>;
  for (const which of ['status', 'disable', 'enable'] as const) {
    const filled = fillRequest(baseUrl, cron[which], variables);
    if (typeof filled === 'string') return { problem: `${schedulerWords}, its ${which} request: ${filled}` };
    requests[which] = filled;
  }
  return cronClient(
    requests,
    cron.status,
    http,
    (what) => `${what} job '${input.job.id}' of stack '${input.stack.id}' (cron entry '${entry}') at ${schedulerWords}`,
  );
}

// ----------------------------------------------------------------------------------------------------------------
// Jenkins
// ----------------------------------------------------------------------------------------------------------------

/** Jenkins' URL of a job by its full name: `billing/nightly` is job/billing/job/nightly/ (each folder a `job/`). */
export function jenkinsJobPath(fullName: string): string {
  return `${fullName
    .split('/')
    .map((part) => `job/${encodeURIComponent(part)}`)
    .join('/')}/`;
}

function jenkinsClient(baseUrl: string, name: string, http: Http, about: (what: string) => string): DcClient {
  const jobUrl = `${baseUrl}${jenkinsJobPath(name)}`;
  const notFound = `no job '${name}' there (the job's full name, folders included, as Jenkins shows it)`;
  const switchTrigger = async (to: 'disable' | 'enable', signal: AbortSignal) => {
    const what = about(to === 'disable' ? 'disabling' : 'enabling');
    const answer = await call(http, { method: 'POST', url: `${jobUrl}${to}` }, signal, what, {
      404: notFound,
      403: 'the user may not configure the job (disable and enable need Job/Configure), or a password was given instead of an API token (Jenkins then wants a crumb)',
    });
    // Jenkins answers a form post with a 302 to the job page: done (the page is HTML, not followed). A redirect
    // elsewhere (a login page in front of Jenkins) did nothing.
    if (answer.status >= 200 && answer.status < 300) return;
    if (answer.status >= 300 && answer.status < 400 && answer.location && redirectsToJob(answer.location, jobUrl)) return;
    throw unexpectedStatus(what, answer, http);
  };
  return {
    async status(signal) {
      const what = about('reading the status of');
      const answer = await call(http, { method: 'GET', url: `${jobUrl}api/json?tree=${encodeURIComponent(JENKINS_STATUS_TREE)}` }, signal, what, {
        404: notFound,
        403: 'the user may not read the job (Job/Read)',
      });
      if (answer.status !== 200) throw unexpectedStatus(what, answer, http);
      return jenkinsStatus(parseJson(answer, what), (problem) => new Error(`${what}: ${problem}`));
    },
    disable: (signal) => switchTrigger('disable', signal),
    enable: (signal) => switchTrigger('enable', signal),
  };
}

/** Whether a redirect's Location is the job's page (Jenkins's answer to disable/enable), by its path. */
function redirectsToJob(location: string, jobUrl: string): boolean {
  const decoded = (url: URL) => {
    try {
      return decodeURIComponent(url.pathname).replace(/\/*$/, '/');
    } catch {
      return url.pathname;
    }
  };
  try {
    const job = new URL(jobUrl);
    return decoded(new URL(location, jobUrl)).endsWith(decoded(job).slice(decoded(job).indexOf('/job/')));
  } catch {
    return false;
  }
}

function jenkinsStatus(body: unknown, fail: (problem: string) => Error): DcStatus {
  if (!isObject(body)) throw fail('the answer is not a JSON object');
  if (typeof body.buildable !== 'boolean')
    throw fail(`the answer has no "buildable" (a ${typeof body._class === 'string' ? body._class : 'thing'} rather than a job: a folder?)`);
  if (body.inQueue !== undefined && typeof body.inQueue !== 'boolean') throw fail('"inQueue" is not true or false');
  if (body.builds !== undefined && body.builds !== null && !Array.isArray(body.builds)) throw fail('"builds" is not a list');
  const runs = ((body.builds ?? []) as unknown[]).map((build, index): DcRun => {
    if (!isObject(build)) throw fail(`builds[${index}] is not an object`);
    const { number, timestamp, building, result } = build;
    if (typeof number !== 'number' || !Number.isInteger(number)) throw fail(`builds[${index}] has no build number`);
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) throw fail(`build #${number} has no timestamp`);
    if (building !== undefined && typeof building !== 'boolean') throw fail(`build #${number}: "building" is not true or false`);
    if (result !== undefined && result !== null && typeof result !== 'string') throw fail(`build #${number}: "result" is not a string`);
    return { number, startedAt: timestamp, building: building ?? false, result: result ?? null, cause: causeOf(build.actions) };
  });
  runs.sort((a, b) => b.number! - a.number!);
  return { enabled: body.buildable, inQueue: body.inQueue === true, runs };
}

/** The build's cause from its CauseAction: the timer if any cause is it, else a user if any is one. */
function causeOf(actions: unknown): DcRun['cause'] {
  if (!Array.isArray(actions)) return 'unknown';
  const classes = actions.flatMap((action) =>
    isObject(action) && Array.isArray(action.causes)
      ? action.causes.map((cause) => (isObject(cause) && typeof cause._class === 'string' ? cause._class : ''))
      : [],
  );
  if (classes.some((name) => /(^|\.)TimerTrigger\$TimerTriggerCause$/.test(name))) return 'timer';
  if (classes.some((name) => /(^|[.$])Cause\$(UserIdCause|UserCause)$/.test(name))) return 'user';
  return 'unknown';
}

// ----------------------------------------------------------------------------------------------------------------
// Cron endpoint
// ----------------------------------------------------------------------------------------------------------------

interface Filled {
  readonly method: string;
  readonly url: string;
  readonly body?: string;
}

function fillRequest(
  baseUrl: string,
  request: { method: string; path: string; body?: Record<string, unknown> | undefined },
  variables: Record<string, string>,
): Filled | string {
  let missing: string | undefined;
  const fill = (text: string, encode: (value: string) => string) =>
    text.replace(PLACEHOLDER, (match, variable: string) => {
      const value = variables[variable];
      if (value !== undefined) return encode(value);
      missing ??= /^stack\.config\./.test(variable)
        ? `{{${variable}}} has no value: the stack has no plain config '${variable.slice('stack.config.'.length)}'`
        : `unknown placeholder {{${variable}}}; expected ${FIXED_VARIABLES.map((known) => `{{${known}}}`).join(', ')} or {{stack.config.<key>}}`;
      return match;
    });
  const deep = (value: unknown): unknown =>
    typeof value === 'string'
      ? fill(value, (text) => text)
      : Array.isArray(value)
        ? value.map(deep)
        : isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deep(item)]))
          : value;
  const url = baseUrl.replace(/\/+$/, '') + fill(request.path, encodeURIComponent);
  const body = request.body === undefined ? undefined : JSON.stringify(deep(request.body));
  if (missing) return missing;
  return { method: request.method, url, ...(body === undefined ? {} : { body }) };
}

interface StatusPointers {
  readonly running: string;
  readonly lastRunAt: string;
  readonly lastResult?: string | undefined;
  readonly enabled: string;
}

function cronClient(
  requests: Record<'status' | 'disable' | 'enable', Filled>,
  pointers: StatusPointers,
  http: Http,
  about: (what: string) => string,
): DcClient {
  const notFound = 'no such entry or path at the endpoint (check the request path and the entry name)';
  const switchTrigger = async (to: 'disable' | 'enable', signal: AbortSignal) => {
    const what = about(to === 'disable' ? 'disabling' : 'enabling');
    const answer = await call(http, requests[to], signal, what, { 404: notFound });
    if (!(answer.status >= 200 && answer.status < 300)) throw unexpectedStatus(what, answer, http);
  };
  return {
    async status(signal) {
      const what = about('reading the status of');
      const answer = await call(http, requests.status, signal, what, { 404: notFound });
      if (!(answer.status >= 200 && answer.status < 300)) throw unexpectedStatus(what, answer, http);
      const body = parseJson(answer, what);
      const fail = (problem: string) => new Error(`${what}: ${problem}`);
      const running = flag(pointerGet(body, pointers.running), pointers.running, 'running', fail);
      const enabled = flag(pointerGet(body, pointers.enabled), pointers.enabled, 'enabled', fail);
      const lastRunAt = instant(pointerGet(body, pointers.lastRunAt), pointers.lastRunAt, fail);
      const rawResult = pointers.lastResult === undefined ? undefined : pointerGet(body, pointers.lastResult);
      if (rawResult !== undefined && rawResult !== null && typeof rawResult === 'object')
        throw fail(`the last result at ${pointers.lastResult} is not a single value`);
      const result = rawResult === undefined || rawResult === null || rawResult === '' ? null : String(rawResult);
      const runs: DcRun[] = lastRunAt === null ? [] : [{ number: null, startedAt: lastRunAt, building: running, result, cause: 'timer' }];
      return { enabled, inQueue: false, runs };
    },
    disable: (signal) => switchTrigger('disable', signal),
    enable: (signal) => switchTrigger('enable', signal),
  };
}

/** A yes/no the endpoint gives as true/false, "true"/"false" or 1/0. */
function flag(value: unknown, at: string, what: string, fail: (problem: string) => Error): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  if (value === 1 || value === 0) return value === 1;
  throw fail(
    value === undefined
      ? `the answer has nothing at ${at} (whether ${what === 'running' ? 'a run is in progress' : 'the entry is enabled'})`
      : `${at} is not true or false`,
  );
}

/**
 * An instant as ISO 8601 with its offset, epoch milliseconds or epoch seconds (below 10^11: no run since 1973 has fewer
 * milliseconds); null or absent: never ran. A time without an offset is refused: it would be read in the cockpit's own
 * zone, not the cron host's.
 */
function instant(value: unknown, at: string, fail: (problem: string) => Error): number | null {
  if (value === undefined || value === null || value === '') return null;
  const epoch = (n: number) => (n < 1e11 ? n * 1000 : n);
  if (typeof value === 'number' && Number.isFinite(value)) return epoch(value);
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return epoch(Number(value));
    if (!/(Z|[+-]\d\d:?\d\d)$/i.test(value.trim()))
      throw fail(`the last run's start at ${at} (${value.slice(0, 40)}) has no UTC offset: the endpoint must say Z or +hh:mm`);
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  throw fail(`the last run's start at ${at} is neither an ISO 8601 time nor an epoch time`);
}

/** RFC 6901. */
function pointerGet(document: unknown, pointer: string): unknown {
  let current = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = /^(0|[1-9]\d*)$/.test(key) ? current[Number(key)] : undefined;
    else if (isObject(current)) current = Object.hasOwn(current, key) ? current[key] : undefined;
    else return undefined;
  }
  return current;
}

// ----------------------------------------------------------------------------------------------------------------
// HTTP
// ----------------------------------------------------------------------------------------------------------------

interface Http {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly redact: (text: string) => string;
  /** What a 401 means, in words (which variables' credentials were refused). */
  readonly refused: string;
}

interface Answer {
  readonly status: number;
  readonly url: string;
  readonly method: string;
  readonly contentType: string;
  readonly location: string | null;
  readonly text: string;
}

/**
 * One call: the caller's signal and the scheduler's timeout, redirects not followed, at most MAX_ANSWER_BYTES read.
 * A 401 and the statuses `known` says something about fail here; every other status is the caller's to judge.
 */
async function call(http: Http, request: Filled, signal: AbortSignal, what: string, known: Readonly<Record<number, string>>): Promise<Answer> {
  const shown = `${request.method} ${withoutQuery(request.url)}`;
  let answer: Answer;
  try {
    const response = await http.fetch(request.url, {
      method: request.method,
      redirect: 'manual',
      headers: { accept: 'application/json', ...http.headers, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(http.timeoutMs)]),
    });
    const text = await readBounded(response);
    answer = {
      status: response.status,
      url: request.url,
      method: request.method,
      contentType: response.headers.get('content-type') ?? '',
      location: response.headers.get('location'),
      text,
    };
  } catch (error) {
    // The caller's own abort is not a failure of the scheduler: it goes back as the caller's reason.
    if (signal.aborted) throw signal.reason ?? error;
    throw new Error(`${what}: ${shown}: ${http.redact(describeFailure(error, http.timeoutMs))}`, { cause: error });
  }
  if (answer.status === 401) throw new Error(`${what}: ${shown} answered HTTP 401 Unauthorized: ${http.refused}`);
  const words = known[answer.status];
  if (words !== undefined)
    throw new Error(`${what}: ${shown} answered HTTP ${answer.status} ${statusWords(answer.status)}: ${words}${excerptOf(answer, http)}`);
  return answer;
}

function unexpectedStatus(what: string, answer: Answer, http: Http): Error {
  const shown = `${answer.method} ${withoutQuery(answer.url)}`;
  if (answer.status >= 300 && answer.status < 400) {
    const to = answer.location ? ` to ${http.redact(withoutQuery(resolveLocation(answer.location, answer.url)))}` : '';
    return new Error(`${what}: ${shown} answered HTTP ${answer.status}, a redirect${to}, not followed (is the URL behind a login page?)`);
  }
  const status = `HTTP ${answer.status}${statusWords(answer.status) ? ` ${statusWords(answer.status)}` : ''}`;
  const why = answer.status >= 500 ? ': the scheduler failed' : answer.status === 429 ? ': too many requests' : '';
  return new Error(`${what}: ${shown} answered ${status}${why}${excerptOf(answer, http)}`);
}

function parseJson(answer: Answer, what: string): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    const type = answer.contentType ? answer.contentType.split(';')[0]!.trim() : 'no content type';
    throw new Error(`${what}: ${answer.method} ${withoutQuery(answer.url)} answered HTTP ${answer.status} with a body that is not JSON (${type})`);
  }
}

class TooLarge extends Error {}

/** The body as text, at most MAX_ANSWER_BYTES (more is refused, not cut). */
async function readBounded(response: Response): Promise<string> {
  const announced = Number(response.headers.get('content-length'));
  if (announced > MAX_ANSWER_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof TooLarge) return `the answer is larger than ${MAX_ANSWER_BYTES / (1024 * 1024)} MiB`;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    const seconds = timeoutMs / 1000;
    return `no answer within ${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s (the scheduler's timeoutSeconds)`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause && 'code' in cause ? String((cause as { code: unknown }).code) : null;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was cut';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** A JSON or plain-text answer's first words (its `message` or `error`), redacted; nothing of an HTML page. */
function excerptOf(answer: Answer, http: Http): string {
  if (!/json|text\/plain/i.test(answer.contentType) || !answer.text.trim()) return '';
  let said = answer.text.trim().split('\n', 1)[0]!.trim();
  try {
    const parsed: unknown = JSON.parse(answer.text);
    if (isObject(parsed)) {
      const words = [parsed.message, parsed.error, parsed.reason].find((value): value is string => typeof value === 'string' && value.trim() !== '');
      if (words) said = words.trim();
    }
  } catch {
    // Not JSON: its first line.
  }
  said = http.redact(said);
  return ` (${said.length > EXCERPT_CHARS ? `${said.slice(0, EXCERPT_CHARS - 1)}…` : said})`;
}

const STATUS_WORDS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const statusWords = (status: number) => STATUS_WORDS[status] ?? '';

function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/, '');
}

function resolveLocation(location: string, base: string): string {
  try {
    const url = new URL(location, base);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return 'an address that is not a URL';
  }
}

function basic(user: string, token: string): { header: string; value: string; secret: string } {
  return { header: 'authorization', value: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`, secret: token };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
