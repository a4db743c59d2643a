// /_admin/: drive a rehearsal from outside the process (scripts, e2e tests): move the clock, inject and clear
// faults, mark stand-in apps unhealthy, list the simulated accounts and add or remove assumable roles; each track's own routes under /_admin/<track id>/ (and their aliases, e.g.
// /_admin/tasks for /_admin/dms/tasks). Loopback only, like the rest; never touched by injected faults.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { errorReply, HttpError, methodNotAllowed, readJsonBody, type Reply } from '../registry/http-io';
import type { RehearsalKernel, TrackSimulator } from '../seam/track-simulator';
import { RoleSchema, type Accounts } from './accounts';
import type { AppHealth } from './app-health';
import { Duration } from './duration';
import { AwsError } from './errors';
import { faultSchema, faultTypeOf, WIRE_FAULT_TYPES, wireFaultOptions, type WireFaultSpec } from './wire-fault-schema';

const AdvanceSchema = z.strictObject({ by: Duration });
const AppSchema = z.strictObject({ healthy: z.boolean(), reason: z.string().min(1).max(500).optional() });
const RolesSchema = z.union([RoleSchema, z.array(RoleSchema).min(1)]);

/** What the admin routes act on. */
export interface AdminContext {
  readonly kernel: RehearsalKernel;
  /** The source account's estate. */
  readonly simulators: readonly TrackSimulator[];
  /** Another account's estate (`?account=<id>` on the track routes and /_admin/faults). */
  simulatorsOf(accountId: string): readonly TrackSimulator[];
  readonly apps: AppHealth;
  /** Simulated epoch ms with every track advanced to it. */
  now(): number;
  /** Every service name a wire fault may match. */
  readonly serviceNames: readonly string[];
}

export type AdminHandler = (method: string, url: URL, request: IncomingMessage) => Promise<Reply>;

export function adminHandler(context: AdminContext): AdminHandler {
  const { kernel, simulators, apps } = context;
  const faultsOf = (list: readonly TrackSimulator[]) => list.flatMap((simulator) => (simulator.faults ? [simulator.faults] : []));
  const faultsSchema = (() => {
    const schema = faultSchema([...wireFaultOptions(context.serviceNames), ...faultsOf(simulators).flatMap((faults) => faults.options)] as const);
    return z.union([schema, z.array(schema)]);
  })();
  /** Fault type → the id of the track that injects it (every account's estate has the same tracks). */
  const faultOwner = new Map(simulators.flatMap((simulator) => simulator.faults?.options.map((option) => [faultTypeOf(option), simulator.id] as const) ?? []));
  /** The estate the request names with `?account=<id>` (default the source account's); a 400 for an unknown account. */
  const estateOf = (url: URL): readonly TrackSimulator[] => {
    const accountId = url.searchParams.get('account');
    if (accountId === null || accountId === kernel.accounts.sourceAccountId) return simulators;
    if (!kernel.accounts.accountIds().includes(accountId))
      throw new HttpError(400, 'bad-request', `account ${accountId} is not simulated; accounts: ${kernel.accounts.accountIds().join(', ')}`, 'account');
    return context.simulatorsOf(accountId);
  };
  /** `<route>` → the track it belongs to: its id segment, and the aliases it keeps at the top level. */
  const trackRoutes = (pathname: string, estate: readonly TrackSimulator[]): { simulator: TrackSimulator; route: string } | undefined => {
    const [first = '', ...rest] = pathname.slice('/_admin/'.length).split('/');
    for (const simulator of estate) {
      if (!simulator.admin) continue;
      if (first === simulator.id && rest.length > 0) return { simulator, route: rest.join('/') };
      if (rest.length === 0 && simulator.admin.aliases?.includes(first)) return { simulator, route: first };
    }
    return undefined;
  };
  const faultsView = (estate: readonly TrackSimulator[]) => ({
    wire: kernel.faults.list(),
    ...(Object.assign({}, ...faultsOf(estate).map((faults) => faults.describe())) as Record<string, unknown>),
  });

  return async (method, url, request) => {
    try {
      const app = /^\/_admin\/apps\/([^/]+)$/.exec(url.pathname);
      if (app) {
        // Body: { healthy: false, reason: "..." } makes the instance's health endpoint answer 503.
        if (method !== 'POST') return methodNotAllowed(method, ['POST']);
        const { healthy, reason } = parseAdminBody(AppSchema, await readJsonBody(request));
        if (!apps.set(app[1]!, healthy, reason)) return errorReply(400, 'bad-request', `'${app[1]}' is not an instance name`);
        return { status: 200, json: { items: apps.list() } };
      }
      switch (url.pathname) {
        case '/_admin/apps':
          return method === 'GET' ? { status: 200, json: { items: apps.list() } } : methodNotAllowed(method, ['GET']);
        case '/_admin/accounts':
          return method === 'GET' ? { status: 200, json: accountsView(kernel.accounts, context.now()) } : methodNotAllowed(method, ['GET']);
        case '/_admin/accounts/roles': {
          if (method === 'POST') {
            // Body: one role or a list, { accountId, roleName, externalId?, maxSessionDuration? }; a role with the same ARN is replaced.
            const body = parseAdminBody(RolesSchema, await readJsonBody(request));
            for (const role of Array.isArray(body) ? body : [body]) kernel.accounts.addRole(role);
            return { status: 201, json: accountsView(kernel.accounts, context.now()) };
          }
          if (method === 'DELETE') {
            // ?arn=arn:aws:iam::<account>:role/<name>: no new sessions; the ones issued run until they expire.
            const arn = url.searchParams.get('arn') ?? '';
            if (!kernel.accounts.removeRole(arn))
              return errorReply(404, 'not-found', `no assumable role '${arn}' (DELETE /_admin/accounts/roles?arn=<role ARN>)`);
            return { status: 200, json: accountsView(kernel.accounts, context.now()) };
          }
          return methodNotAllowed(method, ['POST', 'DELETE']);
        }
        case '/_admin/clock':
          return method === 'GET' ? { status: 200, json: clockView(context) } : methodNotAllowed(method, ['GET']);
        case '/_admin/clock/advance': {
          // Body: { by: 90 } (seconds) or { by: "5m" }.
          if (method !== 'POST') return methodNotAllowed(method, ['POST']);
          const { by } = parseAdminBody(AdvanceSchema, await readJsonBody(request));
          kernel.clock.advance(by * 1000);
          return { status: 200, json: clockView(context) };
        }
        case '/_admin/faults': {
          // Wire faults are every account's; track faults (a task's failure, ...) the named account's estate's.
          const estate = estateOf(url);
          if (method === 'GET') return { status: 200, json: faultsView(estate) };
          if (method === 'DELETE') {
            kernel.faults.clear();
            for (const faults of faultsOf(estate)) faults.clear();
            return { status: 204 };
          }
          if (method === 'POST') {
            // Body: one fault or a list, as in a scenario's `faults:`; `at` counts from now.
            const body = parseAdminBody(faultsSchema, await readJsonBody(request));
            const base = context.now();
            for (const fault of Array.isArray(body) ? body : [body]) {
              if (WIRE_FAULT_TYPES.includes(fault.type as string)) kernel.faults.add(fault as WireFaultSpec, base);
              else estate.find((simulator) => simulator.id === faultOwner.get(fault.type as string))?.faults?.inject(fault, base);
            }
            return { status: 201, json: faultsView(estate) };
          }
          return methodNotAllowed(method, ['GET', 'POST', 'DELETE']);
        }
      }
      const track = trackRoutes(url.pathname, estateOf(url));
      const reply = track && (await track.simulator.admin!.handle(method, track.route, () => readJsonBody(request)));
      if (reply) return reply;
      const trackPaths = simulators.flatMap((simulator) => simulator.admin?.aliases?.map((alias) => `/_admin/${alias}`) ?? []);
      return errorReply(
        404,
        'not-found',
        `no admin endpoint ${url.pathname}; see ${['/_admin/accounts', '/_admin/accounts/roles', '/_admin/clock', '/_admin/clock/advance', '/_admin/faults', ...trackPaths].join(', ')}`,
      );
    } catch (error) {
      if (error instanceof HttpError) return error.toReply();
      if (error instanceof AwsError) return errorReply(400, 'bad-request', error.message);
      throw error;
    }
  };
}

/** The body checked against the schema, or a 400 naming the first problem's path. */
export function parseAdminBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.join('.');
  throw new HttpError(400, 'bad-request', `${at ? `${at}: ` : ''}${issue.message}`, at);
}

function clockView(context: AdminContext) {
  const now = context.now();
  return {
    now: new Date(now).toISOString(),
    epochSeconds: Math.floor(now / 1000),
    timeScale: context.kernel.clock.timeScale,
    startedAt: new Date(context.kernel.startedAt).toISOString(),
  };
}

/** The accounts and roles; an external id only as whether one is required (it is a secret). */
function accountsView(accounts: Accounts, now: number) {
  const sessions = accounts.sessionCounts(now);
  return {
    sourceAccountId: accounts.sourceAccountId,
    signIn: accounts.signIn.arn,
    accountIds: accounts.accountIds(),
    roles: accounts.roles().map((role) => ({
      arn: role.arn,
      accountId: role.accountId,
      roleName: role.roleName,
      externalIdRequired: role.externalId !== undefined,
      maxSessionSeconds: role.maxSessionSeconds,
      liveSessions: sessions.get(role.arn) ?? 0,
    })),
  };
}
