// Where a stack lives, in words: its AWS account (name and id) and region, for the stack cards, the detail panel,
// the waves, the runbook steps and the task cards. Pure.
//
// A plan without accounts (every stack's account null) shows nothing extra: every stack is then in the environment's
// region, which the environment banner already says, so today's screens stay as they are. With accounts, a stack
// always shows its account and region, also where the region is the environment's, since the account is the news.
import type { AccountView, StackAccountView, StackView } from '../../../main/api/contract';

/** An account and a region, as a stack (or a set of stacks) is placed. */
export interface Placement {
  readonly account: StackAccountView;
  readonly region: string;
}

/** The stack's placement; null when the plan declares no accounts. */
export function placementOf(stack: Pick<StackView, 'account' | 'region'>): Placement | null {
  return stack.account === null ? null : { account: stack.account, region: stack.region };
}

/** "prod-workloads (222222222222) · eu-central-1": the account by name and id, then the region. */
export function placementText(placement: Placement): string {
  return `${accountWords(placement, false)} · ${placement.region}`;
}

/** "prod-workloads · eu-central-1": for tight places (the timeline's labels); the title carries the id. */
export function placementShort(placement: Placement): string {
  return `${accountWords(placement, true)} · ${placement.region}`;
}

/** The account part of a placement: "prod-workloads (222222222222)", or its name alone in the short form. */
export function accountWords(placement: Placement, short: boolean): string {
  return short ? placement.account.name : `${placement.account.name} (${placement.account.id})`;
}

/**
 * The tooltip: "Account prod-workloads (222222222222), production, organizational unit Workloads/Production; region
 * eu-central-1". The organizational unit comes from the plan's accounts (left out if the account is not among them).
 */
export function placementTitle(placement: Placement, accounts: readonly AccountView[]): string {
  const ou = accounts.find((account) => account.id === placement.account.id)?.organizationalUnit;
  const facts = [`Account ${placement.account.name} (${placement.account.id})`];
  if (placement.account.production) facts.push('production');
  if (ou !== undefined) facts.push(`organizational unit ${ou}`);
  return `${facts.join(', ')}; region ${placement.region}`;
}

/**
 * The distinct placements of some stacks (a wave's, a step's), each once, in the order the stacks come (plan
 * order): a wave may span accounts and regions. Empty without accounts.
 */
export function placementsOf(stacks: readonly Pick<StackView, 'account' | 'region'>[]): Placement[] {
  const seen = new Set<string>();
  const placements: Placement[] = [];
  for (const stack of stacks) {
    const placement = placementOf(stack);
    if (placement === null) continue;
    const key = `${placement.account.id}\n${placement.region}`;
    if (seen.has(key)) continue;
    seen.add(key);
    placements.push(placement);
  }
  return placements;
}

/** The stacks of the given ids, in the ids' order (ids the index does not hold are skipped). */
export function stacksByIds<S>(byId: ReadonlyMap<string, S>, ids: readonly string[]): S[] {
  return ids.flatMap((id) => {
    const stack = byId.get(id);
    return stack === undefined ? [] : [stack];
  });
}

/** What the plan's search matches of a stack's account: its name and its id. */
export function accountSearchTerms(stack: Pick<StackView, 'account'>): string[] {
  return stack.account === null ? [] : [stack.account.name, stack.account.id];
}
