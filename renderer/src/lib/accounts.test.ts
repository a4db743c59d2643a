import { describe, expect, it } from 'vitest';
import { acrossAccounts, ACCOUNTS, demoLike, placedIn } from '../store/test-fixtures';
import { accountSearchTerms, placementOf, placementShort, placementsOf, placementText, placementTitle, stacksByIds } from './accounts';

const prod = placementOf(placedIn('workloads-prod', 'eu-west-1'))!;
const network = placementOf(placedIn('network', 'eu-central-1'))!;

describe('a placement in words', () => {
  it('names the account by name and id, then the region; the short form leaves the id to the title', () => {
    expect(placementText(prod)).toBe('workloads-prod (222222222222) · eu-west-1');
    expect(placementShort(prod)).toBe('workloads-prod · eu-west-1');
    expect(placementText(placementOf(placedIn('workloads-test', 'eu-west-1'))!)).toBe('workloads-test (033333333333) · eu-west-1');
  });

  it('titles it with production and the organizational unit from the plan’s accounts', () => {
    expect(placementTitle(prod, ACCOUNTS)).toBe(
      'Account workloads-prod (222222222222), production, organizational unit Workloads/Production; region eu-west-1',
    );
    expect(placementTitle(network, ACCOUNTS)).toBe('Account network (111111111111), organizational unit Infrastructure; region eu-central-1');
    // An account the plan's list does not hold (a snapshot mid-switch): the title says what it knows.
    expect(placementTitle(network, [])).toBe('Account network (111111111111); region eu-central-1');
  });

  it('is nothing for a plan without accounts, whatever the region', () => {
    expect(placementOf({ account: null, region: 'eu-west-1' })).toBeNull();
    expect(placementsOf(demoLike().plan.stacks)).toEqual([]);
    expect(accountSearchTerms({ account: null })).toEqual([]);
  });
});

describe('the placements of a wave', () => {
  const { plan } = acrossAccounts();
  const byId = new Map(plan.stacks.map((stack) => [stack.id, stack]));

  it('lists each account and region once, in the order of the stacks', () => {
    const pilot = stacksByIds(byId, ['apps/app1', 'apps/app2']);
    expect(placementsOf(pilot).map(placementText)).toEqual(['workloads-prod (222222222222) · eu-central-1', 'workloads-prod (222222222222) · eu-west-1']);
    const all = stacksByIds(byId, ['apps/app3', 'net/network', 'apps/loose', 'apps/app1']);
    expect(placementsOf(all).map(placementShort)).toEqual(['workloads-test · eu-west-1', 'network · eu-central-1', 'workloads-prod · eu-central-1']);
  });

  it('skips ids the plan does not know, keeping the order of the others', () => {
    expect(stacksByIds(byId, ['apps/app2', 'apps/gone', 'net/network']).map((stack) => stack.name)).toEqual(['app2', 'network']);
  });

  it('gives the search the account’s name and id', () => {
    expect(accountSearchTerms(byId.get('apps/app1')!)).toEqual(['workloads-prod', '222222222222']);
  });
});
