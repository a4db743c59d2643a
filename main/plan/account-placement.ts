// Where a project's stacks live: which account, and which region. One rule, used by the model and written down in
// docs/ARCHITECTURE.md ("Accounts"); the located checks (account-checks.ts) refuse what this rule cannot place.
import type { AccountEntry, ProjectEntry } from './schema';

/** Where the region came from: the project's override, the plan's environment.aws.region, or the account's first region. */
export type RegionSource = 'project' | 'environment' | 'account';

export interface Placement {
  /** Null when the plan declares no accounts. */
  readonly account: AccountEntry | null;
  readonly region: string;
  readonly regionFrom: RegionSource;
}

/**
 * A project's account: the one it names, else the plan's only account; none without accounts. Undefined when it
 * cannot be told (an unknown name, or no name among several accounts): account-checks.ts reports those.
 */
export function accountOf(project: Pick<ProjectEntry, 'account'>, accounts: readonly AccountEntry[]): AccountEntry | null | undefined {
  if (project.account !== undefined) return accounts.find((account) => account.name === project.account);
  if (accounts.length === 0) return null;
  return accounts.length === 1 ? accounts[0] : undefined;
}

/**
 * A project's region in its account: its own `region`, else environment.aws.region when the account declares it,
 * else the account's first region. Without accounts, environment.aws.region.
 */
export function regionIn(
  account: AccountEntry | null,
  project: Pick<ProjectEntry, 'region'>,
  environmentRegion: string,
): Pick<Placement, 'region' | 'regionFrom'> {
  if (account === null) return { region: environmentRegion, regionFrom: 'environment' };
  if (project.region !== undefined) return { region: project.region, regionFrom: 'project' };
  if (account.regions.includes(environmentRegion)) return { region: environmentRegion, regionFrom: 'environment' };
  return { region: account.regions[0]!, regionFrom: 'account' };
}

/** A validated plan's project, placed; throws when validation let through a project it cannot place (a bug). */
export function placeProject(
  project: Pick<ProjectEntry, 'name' | 'account' | 'region'>,
  accounts: readonly AccountEntry[],
  environmentRegion: string,
): Placement {
  const account = accountOf(project, accounts);
  if (account === undefined) throw new Error(`project '${project.name}' has no account the plan declares`);
  return { account, ...regionIn(account, project, environmentRegion) };
}
