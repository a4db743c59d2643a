// The located checks of the plan's accounts and of where each project lives: duplicate accounts, a role in another
// account than its own, a production account in the rehearsal, and every project placeable by the rule of
// account-placement.ts (a known account, one named when there are several, a region its account declares).
import { list, type Report } from './located-report';
import { isRejected, type PlanParts } from './plan-parts';
import { closestWord, ROLE_ARN_PATTERN, type AccountEntry, type ProjectEntry } from './schema';

export function checkAccounts(plan: PlanParts, error: Report): void {
  const byName = firstOf(plan.accounts, (account) => account.name);
  const byId = firstOf(plan.accounts, (account) => account.id);
  plan.accounts.forEach((account, index) => {
    if (!account) return;
    const sameName = byName.get(account.name)!;
    if (sameName.index !== index)
      error(['accounts', index, 'name'], `duplicate account name '${account.name}': already declared at accounts[${sameName.index}]`);
    const sameId = byId.get(account.id)!;
    if (sameId.index !== index) {
      error(
        ['accounts', index, 'id'],
        `duplicate account id '${account.id}': already declared at accounts[${sameId.index}] (name: ${sameId.item.name}); declare each account once`,
      );
    }
    const roleAccount = ROLE_ARN_PATTERN.exec(account.role.arn)?.[1];
    if (roleAccount !== undefined && roleAccount !== account.id) {
      error(
        ['accounts', index, 'role', 'arn'],
        `the role is in account ${roleAccount}, but this account's id is ${account.id}: the role to assume must be in the account itself; fix the id or the ARN`,
      );
    }
    if (account.production && plan.endpoint === 'rehearsal') {
      error(
        ['accounts', index, 'production'],
        'production: true cannot go with environment.aws.endpoint: rehearsal: the rehearsal environment simulates AWS and is never production; remove one of them',
      );
    }
  });
  const accounts = [...byName.values()].map(({ item }) => item);
  plan.projects.forEach((project, index) => {
    if (project) checkProjectPlacement(plan, project, index, accounts, error);
  });
}

/** The project's account is known (or the plan's only one) and its region override is one the account declares. */
function checkProjectPlacement(plan: PlanParts, project: ProjectEntry, index: number, accounts: readonly AccountEntry[], error: Report): void {
  const declared = plan.accounts.length;
  let account: AccountEntry | undefined;
  if (project.account !== undefined) {
    account = accounts.find((candidate) => candidate.name === project.account);
    if (!account && !isRejected(plan.rejected.accounts, project.account))
      error(['projects', index, 'account'], unknownAccount(project.account, accounts, declared));
  } else if (declared >= 2) {
    error(
      ['projects', index],
      `project '${project.name}' names no account, and the plan declares ${declared}${accounts.length > 0 ? ` (${list(accounts.map((a) => a.name))})` : ''}; add account: <name> (only with a single account does a project go to it by default)`,
    );
    return;
  } else if (declared === 1) {
    account = plan.accounts[0];
  }
  if (project.region === undefined) return;
  if (declared === 0) {
    // An `accounts:` that is not a list hides whether there are any.
    if (!plan.rejected.accounts.anyName)
      error(
        ['projects', index, 'region'],
        `a project's region is one of its account's regions, and this plan declares no accounts: every stack runs in environment.aws.region${plan.region ? ` (${plan.region})` : ''}; remove region, or declare the accounts under 'accounts'`,
      );
    return;
  }
  if (account && !account.regions.includes(project.region)) {
    const near = closestWord(project.region, account.regions);
    error(
      ['projects', index, 'region'],
      `region '${project.region}' is not one of account '${account.name}''s regions (${list(account.regions)}): write one of them${near ? ` (did you mean '${near}'?)` : ''}, or add it to the account's regions`,
    );
  }
}

function unknownAccount(name: string, accounts: readonly AccountEntry[], declared: number): string {
  if (declared === 0) return `unknown account '${name}': the plan declares no accounts; declare it under 'accounts', or remove account`;
  const near = closestWord(
    name,
    accounts.map((account) => account.name),
  );
  return `unknown account '${name}'; ${near ? `did you mean '${near}'?` : `expected one of the names under 'accounts' (${list(accounts.map((a) => a.name))})`}`;
}

/** The first element (and its index) for each key, in the file's order. */
function firstOf<T>(items: readonly (T | undefined)[], keyOf: (item: T) => string): Map<string, { item: T; index: number }> {
  const first = new Map<string, { item: T; index: number }>();
  items.forEach((item, index) => {
    if (item !== undefined && !first.has(keyOf(item))) first.set(keyOf(item), { item, index });
  });
  return first;
}
