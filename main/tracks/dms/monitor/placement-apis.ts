// Where each replication task's AWS calls go: the API of its stack's placement (account and region). A plan without
// accounts has one placement, '' (the plan's target); a plan with accounts has one per account and region its stacks
// use, each with the account's assumed-role session (main/aws/account-sessions.ts, shared with the environment
// banner). The cycle reads each placement with its own API (cycle-reads.ts); every other call (task control, tables,
// logs, resources, connection tests) goes to its task's placement through `apiOfTask`.
import { awsTargetIn, type AwsTarget } from '../../../aws/target';
import type { AccountSession } from '../../../aws/account-sessions';
import type { MigrationPlan, StackModel } from '../../../plan/model';
import type { AccountEntry } from '../../../plan/schema';
import type { ReplicationApi } from './clients';

/** Why a placement cannot be called (the plan's target is missing, or its account has no session). */
export interface Unavailable {
  readonly unavailable: string;
}

export interface ReplicationApis {
  /** The placement of a stack's tasks: '' when the plan has one (no accounts). */
  placementOf(stackId: string): string;
  /** The API of a placement, or why there is none. */
  api(placement: string): ReplicationApi | Unavailable;
  /** The API of a stack's placement, or why there is none: where a task's control, tables, logs and resources go. */
  forStack(stackId: string): ReplicationApi | Unavailable;
  /** A placement's account (by name) and region (null for a plan without accounts). */
  whereOf(placement: string): { readonly account: string; readonly region: string } | null;
  /** A placement in the operator's words ("account workload-b (333333333333) in eu-west-1"); '' for the only one. */
  describe(placement: string): string;
  /** Assumes the placement's session again after an answer said it expired; false when it has none to renew. */
  renew(placement: string): Promise<boolean>;
  close(): void;
}

/** One API (or none) for every task: a plan without accounts, and the unit tests' fakes. */
export function singlePlacement(api: ReplicationApi | Unavailable): ReplicationApis {
  return {
    placementOf: () => '',
    api: () => api,
    forStack: () => api,
    whereOf: () => null,
    describe: () => '',
    renew: () => Promise.resolve(false),
    close: () => {
      if (!('unavailable' in api)) api.close();
    },
  };
}

/** A stack's placement key: its account's name and its region ('' account for a plan without accounts). */
export function placementKey(stack: Pick<StackModel, 'account' | 'region'>): string {
  return `${stack.account?.name ?? ''}/${stack.region}`;
}

/** Whether a monitor's `api` option is a router already (else it is one API, or why there is none). */
export function isRouter(api: ReplicationApi | Unavailable | ReplicationApis): api is ReplicationApis {
  return 'placementOf' in api;
}

/**
 * The placements of a plan with accounts: each stack's account and region, an API per placement made on first use
 * with that account's session (`make`: the SDK clients, or a test's), closed together.
 */
export function accountPlacements(
  plan: MigrationPlan,
  target: AwsTarget,
  sessions: ReadonlyMap<string, AccountSession>,
  make: (target: AwsTarget) => ReplicationApi,
): ReplicationApis {
  const placements = new Map<string, { account: AccountEntry; region: string }>();
  const keyOfStack = new Map<string, string>();
  for (const stack of plan.stacks.values()) {
    const account = stack.account;
    if (!account) continue;
    const key = placementKey(stack);
    keyOfStack.set(stack.id, key);
    placements.set(key, { account, region: stack.region });
  }
  const apis = new Map<string, ReplicationApi | Unavailable>();
  const router: ReplicationApis = {
    placementOf: (stackId) => keyOfStack.get(stackId) ?? '',
    forStack: (stackId) => router.api(router.placementOf(stackId)),
    api(placement) {
      const known = apis.get(placement);
      if (known) return known;
      const where = placements.get(placement);
      let made: ReplicationApi | Unavailable;
      if (!where) made = { unavailable: `no account of the plan is placed at '${placement}'` };
      else if (!sessions.has(where.account.name))
        made = { unavailable: `account ${where.account.name} has no session (the sessions were made for another plan)` };
      else made = make(awsTargetIn(target, where, sessions));
      apis.set(placement, made);
      return made;
    },
    whereOf(placement) {
      const where = placements.get(placement);
      return where ? { account: where.account.name, region: where.region } : null;
    },
    describe(placement) {
      const where = placements.get(placement);
      return where ? `account ${where.account.name} (${where.account.id}) in ${where.region}` : placement;
    },
    async renew(placement) {
      const session = sessions.get(placements.get(placement)?.account.name ?? '');
      if (!session) return false;
      await session.renew();
      return true;
    },
    close() {
      for (const api of apis.values()) if (!('unavailable' in api)) api.close();
      apis.clear();
    },
  };
  return router;
}
