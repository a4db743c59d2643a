// The data center's schedulers over HTTP, under /_dc/ on the rehearsal endpoint (the cockpit reaches each by a baseUrl):
//
// Jenkins-compatible, baseUrl `<endpoint>/_dc/jenkins/` — the REST subset of the facts, with Jenkins's field shapes:
//   GET  api/json                          the jobs ({ _class: hudson.model.Hudson, jobs: [{ name, url, color }] })
//   GET  crumbIssuer/api/json              { crumb, crumbRequestField: "Jenkins-Crumb" }
//   GET  job/<name>/api/json               name, url, buildable, disabled, color (blue/red/aborted/notbuilt/disabled,
//                                          `_anime` while building), inQueue, queueItem, builds, lastBuild,
//                                          lastCompletedBuild, lastSuccessfulBuild, lastFailedBuild, ... ({ number, url })
//   GET  job/<name>/config.xml             the job's TimerTrigger spec (what Jenkins keeps the cron in)
//   GET  job/<name>/lastBuild/api/json     (also lastCompletedBuild, lastSuccessfulBuild, lastFailedBuild, <n>)
//                                          number, building, result (SUCCESS/FAILURE/ABORTED, null while building),
//                                          timestamp (start, ms), duration (ms, 0 while building), estimatedDuration,
//                                          the cause (`Started by timer` / `Started by user`)
//   POST job/<name>/disable | enable       302 to the job, as Jenkins answers a form post
//   POST job/<name>/build                  201, Location: the queue item ("Build Now")
//   POST job/<name>/<n>/stop               the build ends ABORTED; 302 to the build
// Every call needs HTTP basic auth with the user and an API token (401 with `WWW-Authenticate: Basic realm="Jenkins"`
// otherwise; Jenkins says 403 to an anonymous caller when anonymous read is off, the rehearsal answers 401 to both).
// POSTs are accepted with or without a `Jenkins-Crumb` header: since Jenkins 2.96 a request authenticated by an API
// token is exempt from CSRF crumbs, and the rehearsal only ever accepts token auth. `?tree=` is honoured on every
// api/json as Jenkins does (`tree=buildable,inQueue,builds[number,timestamp,actions[causes[_class]]]{0,20}`): only the
// named properties, plus `_class`; build references become whole builds (buildJson) to pick from; a property named
// without `[...]` gives an object as its `_class` only; `{M,N}` (M inclusive, N exclusive), `{M,}`, `{,N}` and `{N}`
// slice an array. `?depth=` is accepted and ignored.
//
// HTTP cron endpoint, baseUrl `<endpoint>/_dc/cron/` — a plain JSON face for a crontab entry (the plan's templated
// cron side), `Authorization: Bearer <token>`:
//   GET  entries                           { items: [status] }
//   GET  entries/<name>                    { name, expression, timeZone, enabled, running, lastRun, nextRun }
//   POST entries/<name>/disable | enable   200 and the status
import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Reply } from '../../registry/http-io';
import type { TrackHttp } from '../../seam/track-simulator';
import { errorReply, methodNotAllowed } from '../../registry/http-io';
import { dialectOf, running, type Build, type DcEstate, type DcJob } from './dc-estate';
import type { ScheduleEvaluator } from './expressions';

export interface DcCredentials {
  /** Jenkins user and API token (HTTP basic). */
  readonly user: string;
  readonly apiToken: string;
  /** The HTTP cron endpoint's bearer token. */
  readonly cronToken: string;
}

export const DEFAULT_DC_CREDENTIALS: DcCredentials = { user: 'rehearsal', apiToken: 'rehearsal-api-token', cronToken: 'rehearsal-cron-token' };

export const DC_PREFIX = '/_dc/';
const JENKINS_VERSION = '2.479.3';

/** The track's HTTP routes (seam TrackHttp): requests under /_dc/, with their headers (the schedulers' own auth). */
export interface DcHttp extends TrackHttp {
  /** Jenkins's URLs in the answers use the Host header the caller reached the endpoint by (http://host:port). */
  handle(method: string, url: URL, headers: IncomingHttpHeaders): Reply;
}

export function dcHttp(dc: DcEstate, credentials: DcCredentials, evaluator: ScheduleEvaluator): DcHttp {
  return {
    prefixes: [DC_PREFIX],
    handle(method, url, headers) {
      const path = url.pathname.slice(DC_PREFIX.length);
      const origin = `http://${headers.host ?? '127.0.0.1'}`;
      if (path === 'jenkins' || path.startsWith('jenkins/')) {
        if (!basicOk(headers, credentials)) return unauthorized('Basic realm="Jenkins"');
        const tree = url.searchParams.get('tree');
        return withJenkinsHeaders(jenkins(dc, method, path.slice('jenkins'.length).replace(/^\//, ''), `${origin}${DC_PREFIX}jenkins/`, tree));
      }
      if (path === 'cron' || path.startsWith('cron/')) {
        if (!equal(/^Bearer +(\S+) *$/i.exec(headers.authorization ?? '')?.[1], credentials.cronToken)) return unauthorized('Bearer realm="rehearsal-cron"');
        return cron(dc, method, path.slice('cron'.length).replace(/^\//, ''), evaluator);
      }
      return errorReply(404, 'not-found', `no data-center scheduler at ${url.pathname}; see ${DC_PREFIX}jenkins/ and ${DC_PREFIX}cron/`);
    },
  };
}

function equal(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function basicOk(headers: IncomingHttpHeaders, credentials: DcCredentials): boolean {
  const encoded = /^Basic +(\S+) *$/i.exec(headers.authorization ?? '')?.[1];
  if (encoded === undefined) return false;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && equal(decoded.slice(0, colon), credentials.user) && equal(decoded.slice(colon + 1), credentials.apiToken);
}

function unauthorized(challenge: string): Reply {
  return {
    status: 401,
    text: '<html><head><title>Error 401 Unauthorized</title></head><body><h2>HTTP ERROR 401 Unauthorized</h2></body></html>',
    headers: { 'content-type': 'text/html;charset=utf-8', 'www-authenticate': challenge },
  };
}

function withJenkinsHeaders(reply: Reply): Reply {
  return { ...reply, headers: { ...reply.headers, 'x-jenkins': JENKINS_VERSION } };
}

function notFound(): Reply {
  return { status: 404, text: '<html><body><h2>HTTP ERROR 404 Not Found</h2></body></html>', headers: { 'content-type': 'text/html;charset=utf-8' } };
}

function json(body: unknown): Reply {
  return { status: 200, text: JSON.stringify(body), headers: { 'content-type': 'application/json;charset=utf-8' } };
}

function found(location: string): Reply {
  return { status: 302, text: '', headers: { location } };
}

function jenkins(dc: DcEstate, method: string, path: string, base: string, treeText: string | null): Reply {
  const get = (reply: () => Reply) => (method === 'GET' ? reply() : methodNotAllowed(method, ['GET']));
  // An api/json answer, picked by `?tree=` when given (full: the build references expanded for the tree to pick from).
  const apiJson = (body: (full: boolean) => Record<string, unknown>): Reply => {
    if (treeText === null) return json(body(false));
    const tree = parseTree(treeText);
    return typeof tree === 'string' ? badTree(treeText, tree) : json(prune(body(true), tree));
  };
  const post = (reply: () => Reply) => (method === 'POST' ? reply() : methodNotAllowed(method, ['POST']));
  if (path === '' || path === 'api/json')
    return get(() =>
      apiJson(() => ({
        _class: 'hudson.model.Hudson',
        mode: 'NORMAL',
        nodeDescription: 'the rehearsal data center',
        useCrumbs: true,
        useSecurity: true,
        url: base,
        jobs: dc.jobs('jenkins').map((job) => ({ _class: 'hudson.model.FreeStyleProject', name: job.name, url: jobUrl(base, job), color: color(job) })),
      })),
    );
  if (path === 'crumbIssuer/api/json')
    return get(() => apiJson(() => ({ _class: 'hudson.security.csrf.DefaultCrumbIssuer', crumb: 'rehearsal-crumb', crumbRequestField: 'Jenkins-Crumb' })));
  const match = /^job\/([^/]+)(?:\/(.*))?$/.exec(path);
  if (!match) return notFound();
  let name: string;
  try {
    name = decodeURIComponent(match[1]!);
  } catch {
    return notFound();
  }
  const job = dc.job(name, 'jenkins');
  if (!job) return notFound();
  dc.sync();
  const rest = (match[2] ?? '').replace(/\/$/, '');
  switch (rest) {
    case '':
    case 'api/json':
      return get(() => apiJson((full) => jobJson(job, base, full)));
    case 'config.xml':
      return get(() => ({ status: 200, text: configXml(job), headers: { 'content-type': 'application/xml' } }));
    case 'disable':
    case 'enable':
      return post(() => {
        dc.setEnabled(job, rest === 'enable');
        return found(jobUrl(base, job));
      });
    case 'build':
      return post((): Reply => {
        if (!dc.trigger(job)) return { status: 409, text: `${job.name} is disabled`, headers: { 'content-type': 'text/plain' } };
        return { status: 201, text: '', headers: { location: `${base}queue/item/${job.nextBuildNumber}/` } };
      });
  }
  const build = /^(lastBuild|lastCompletedBuild|lastSuccessfulBuild|lastFailedBuild|\d+)(?:\/(api\/json|stop))?$/.exec(rest);
  if (!build) return notFound();
  const selected = select(job, build[1]!);
  if (!selected) return notFound();
  if (build[2] === 'stop')
    return post(() => {
      dc.stop(job, selected.number);
      return found(buildUrl(base, job, selected));
    });
  return get(() => apiJson(() => buildJson(job, selected, base)));
}

function select(job: DcJob, which: string): Build | undefined {
  const builds = job.builds;
  const lastWhere = (test: (build: Build) => boolean) => builds.findLast(test);
  switch (which) {
    case 'lastBuild':
      return builds.at(-1);
    case 'lastCompletedBuild':
      return lastWhere((build) => build.result !== null);
    case 'lastSuccessfulBuild':
      return lastWhere((build) => build.result === 'SUCCESS');
    case 'lastFailedBuild':
      return lastWhere((build) => build.result === 'FAILURE');
    default:
      return builds.find((build) => build.number === Number(which));
  }
}

const jobUrl = (base: string, job: DcJob) => `${base}job/${encodeURIComponent(job.name)}/`;
const buildUrl = (base: string, job: DcJob, build: Build) => `${jobUrl(base, job)}${build.number}/`;

function color(job: DcJob): string {
  if (!job.enabled) return 'disabled';
  const completed = job.builds.findLast((build) => build.result !== null);
  const base = !completed ? 'notbuilt' : completed.result === 'SUCCESS' ? 'blue' : completed.result === 'FAILURE' ? 'red' : 'aborted';
  return running(job) ? `${base}_anime` : base;
}

/**
 * The job's api/json. Its builds are references ({ _class, number, url }) as Jenkins answers without `tree`, or `full`
 * builds (buildJson) for a `tree` to pick fields from, as Jenkins reads the build objects a tree names.
 */
function jobJson(job: DcJob, base: string, full = false): Record<string, unknown> {
  const ref = (build: Build | undefined) =>
    !build ? null : full ? buildJson(job, build, base) : { _class: 'hudson.model.FreeStyleBuild', number: build.number, url: buildUrl(base, job, build) };
  const completed = (test: (build: Build) => boolean) => ref(job.builds.findLast((build) => build.result !== null && test(build)));
  return {
    _class: 'hudson.model.FreeStyleProject',
    actions: [],
    description: job.description,
    displayName: job.name,
    displayNameOrNull: null,
    fullDisplayName: job.name,
    fullName: job.name,
    name: job.name,
    url: jobUrl(base, job),
    buildable: job.enabled,
    builds: job.builds
      .slice(-100)
      .reverse()
      .map((build) => ref(build)),
    color: color(job),
    firstBuild: ref(job.builds[0]),
    healthReport: [],
    inQueue: job.queued !== undefined,
    keepDependencies: false,
    lastBuild: ref(job.builds.at(-1)),
    lastCompletedBuild: completed(() => true),
    lastFailedBuild: completed((build) => build.result === 'FAILURE'),
    lastStableBuild: completed((build) => build.result === 'SUCCESS'),
    lastSuccessfulBuild: completed((build) => build.result === 'SUCCESS'),
    lastUnstableBuild: null,
    lastUnsuccessfulBuild: completed((build) => build.result !== 'SUCCESS'),
    nextBuildNumber: job.nextBuildNumber,
    property: [],
    queueItem: job.queued
      ? {
          _class: 'hudson.model.Queue$BlockedItem',
          blocked: true,
          buildable: false,
          id: job.nextBuildNumber,
          inQueueSince: job.queued.since,
          why: `Build #${running(job)?.number ?? '?'} is already in progress`,
        }
      : null,
    concurrentBuild: false,
    disabled: !job.enabled,
    downstreamProjects: [],
    labelExpression: null,
    scm: { _class: 'hudson.scm.NullSCM' },
    upstreamProjects: [],
  };
}

function buildJson(job: DcJob, build: Build, base: string): Record<string, unknown> {
  const building = build.result === null;
  const cause =
    build.cause === 'timer'
      ? { _class: 'hudson.triggers.TimerTrigger$TimerTriggerCause', shortDescription: 'Started by timer' }
      : { _class: 'hudson.model.Cause$UserIdCause', shortDescription: 'Started by user rehearsal', userId: 'rehearsal', userName: 'rehearsal' };
  return {
    _class: 'hudson.model.FreeStyleBuild',
    actions: [{ _class: 'hudson.model.CauseAction', causes: [cause] }],
    artifacts: [],
    building,
    description: null,
    displayName: `#${build.number}`,
    duration: building ? 0 : build.endedAt! - build.timestamp,
    estimatedDuration: job.durationSeconds * 1000,
    executor: building ? { _class: 'hudson.model.OneOffExecutor' } : null,
    fullDisplayName: `${job.name} #${build.number}`,
    id: String(build.number),
    keepLog: false,
    number: build.number,
    queueId: build.number,
    result: build.result,
    timestamp: build.timestamp,
    url: buildUrl(base, job, build),
    builtOn: '',
    changeSet: { _class: 'hudson.scm.EmptyChangeLogSet', items: [], kind: null },
    culprits: [],
  };
}

// ----------------------------------------------------------------------------------------------------------------
// `?tree=`, as Jenkins reads it (hudson.model.Api, NamedPathPruner): a comma-separated list of property names, each
// with an optional `[subtree]` and an optional `{range}` (before or after the subtree) for an array property.
// ----------------------------------------------------------------------------------------------------------------

/** The properties a tree names: each with its subtree (undefined: named without `[...]`) and its range. */
export type Tree = ReadonlyMap<string, { readonly children: Tree | undefined; readonly range: Range | undefined }>;

/** Array indexes [from, to): `to` undefined runs to the end. */
interface Range {
  readonly from: number;
  readonly to: number | undefined;
}

/** The tree, or why it does not parse (the text's offset in words). */
export function parseTree(text: string): Tree | string {
  let at = 0;
  const fail = (expected: string) => `expected ${expected} at character ${at + 1}${at < text.length ? ` ('${text[at]}')` : ' (the end)'}`;
  const range = (): Range | string => {
    // At '{': {M,N}, {M,}, {,N} or {N}.
    const match = /^\{\s*(\d*)\s*(,\s*(\d*)\s*)?\}/.exec(text.slice(at));
    if (!match || (match[1] === '' && (match[2] === undefined || match[3] === ''))) return fail('a range such as {0,20}, {5,}, {,20} or {3}');
    at += match[0].length;
    const from = match[1] === '' ? 0 : Number(match[1]);
    const to = match[2] === undefined ? from + 1 : match[3] === '' ? undefined : Number(match[3]);
    return { from, to };
  };
  const list = (): Map<string, { children: Tree | undefined; range: Range | undefined }> | string => {
    const names = new Map<string, { children: Tree | undefined; range: Range | undefined }>();
    for (;;) {
      const name = /^\s*([A-Za-z_$][\w$]*)\s*/.exec(text.slice(at));
      if (!name) return fail('a property name');
      at += name[0].length;
      let children: Tree | undefined;
      let slice: Range | undefined;
      if (text[at] === '{') {
        const read = range();
        if (typeof read === 'string') return read;
        slice = read;
      }
      if (text[at] === '[') {
        at++;
        const inner = list();
        if (typeof inner === 'string') return inner;
        if (text[at] !== ']') return fail("',' or ']'");
        at++;
        children = inner;
        if (text[at] === '{' && slice === undefined) {
          const read = range();
          if (typeof read === 'string') return read;
          slice = read;
        }
      }
      // A name given twice merges as Jenkins does: its subtrees' properties together.
      const earlier = names.get(name[1]!);
      const merged = earlier?.children && children ? new Map([...earlier.children, ...children]) : (children ?? earlier?.children);
      names.set(name[1]!, { children: merged, range: slice ?? earlier?.range });
      while (text[at] === ' ') at++;
      if (text[at] !== ',') return names;
      at++;
    }
  };
  const tree = list();
  if (typeof tree === 'string') return tree;
  return at === text.length ? tree : fail("',' or the end");
}

/**
 * The value with only what the tree names: of an object its `_class` and the named properties (in the answer's order;
 * a name it lacks is left out, a null is kept); a property named without `[...]` gives an object as its `_class` only
 * and any other value as it is; an array is sliced by the range, then each item picked by the same subtree.
 */
export function prune(value: Record<string, unknown>, tree: Tree): Record<string, unknown> {
  const pick = (item: unknown, children: Tree | undefined, range: Range | undefined): unknown => {
    if (Array.isArray(item)) {
      const sliced = range ? item.slice(range.from, range.to ?? item.length) : item;
      return sliced.map((element) => pick(element, children, undefined));
    }
    if (item === null || typeof item !== 'object') return item;
    const object = item as Record<string, unknown>;
    if (!children) return '_class' in object ? { _class: object._class } : {};
    return prune(object, children);
  };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const named = tree.get(key);
    if (key === '_class') out[key] = item;
    else if (named) out[key] = pick(item, named.children, named.range);
  }
  return out;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function badTree(text: string, problem: string): Reply {
  return {
    status: 400,
    text: `<html><body><h2>HTTP ERROR 400 Bad Request</h2><p>Malformed tree expression '${escapeXml(text)}': ${escapeXml(problem)}</p></body></html>`,
    headers: { 'content-type': 'text/html;charset=utf-8' },
  };
}

function configXml(job: DcJob): string {
  const spec = job.timeZone === 'UTC' ? job.cron : `TZ=${job.timeZone}\n${job.cron}`;
  return `<?xml version='1.1' encoding='UTF-8'?>\n<project>\n  <description>${escapeXml(job.description)}</description>\n  <disabled>${!job.enabled}</disabled>\n  <triggers>\n    <hudson.triggers.TimerTrigger>\n      <spec>${escapeXml(spec)}</spec>\n    </hudson.triggers.TimerTrigger>\n  </triggers>\n  <concurrentBuild>false</concurrentBuild>\n</project>\n`;
}

function cron(dc: DcEstate, method: string, path: string, evaluator: ScheduleEvaluator): Reply {
  if (path === 'entries')
    return method === 'GET' ? json({ items: dc.jobs('cron').map((job) => cronStatus(job, dc.now(), evaluator)) }) : methodNotAllowed(method, ['GET']);
  const match = /^entries\/([^/]+)(?:\/(disable|enable))?$/.exec(path);
  if (!match) return errorReply(404, 'not-found', 'expected entries, entries/<name> or entries/<name>/disable|enable');
  const job = dc.job(decodeURIComponent(match[1]!), 'cron');
  if (!job) return errorReply(404, 'not-found', `no cron entry '${match[1]}'`);
  if (match[2] === undefined) return method === 'GET' ? json(cronStatus(job, dc.now(), evaluator)) : methodNotAllowed(method, ['GET']);
  if (method !== 'POST') return methodNotAllowed(method, ['POST']);
  dc.setEnabled(job, match[2] === 'enable');
  return json(cronStatus(job, dc.now(), evaluator));
}

function cronStatus(job: DcJob, now: number, evaluator: ScheduleEvaluator): Record<string, unknown> {
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const last = job.builds.at(-1);
  const next = job.enabled ? evaluator.dcSlots(job.cron, job.timeZone, job.name, now, now + 8 * 86_400_000, dialectOf(job.kind))[0] : undefined;
  return {
    name: job.name,
    expression: job.cron,
    timeZone: job.timeZone,
    enabled: job.enabled,
    running: running(job) !== undefined,
    lastRun: last ? { slot: iso(last.slot), startedAt: iso(last.timestamp), endedAt: iso(last.endedAt), result: last.result } : null,
    nextRun: iso(next),
  };
}
