// The placement rule on its own: a project's account (named, else the only one) and region (its override, else the
// environment's when the account has it, else the account's first).
import { describe, expect, it } from 'vitest';
import { accountOf, placeProject, regionIn } from './account-placement';
import type { AccountEntry } from './schema';

const account = (name: string, regions: string[]): AccountEntry => ({
  id: '123456789012',
  name,
  organizationalUnit: 'Workloads',
  role: { arn: 'arn:aws:iam::123456789012:role/Operator' },
  regions,
  production: false,
});

const NETWORK = account('network', ['eu-central-1']);
const WORKLOADS = account('workloads', ['eu-west-1', 'eu-central-1']);
const TEST = account('test', ['us-east-1']);

describe('accountOf', () => {
  it('is the named account', () => {
    expect(accountOf({ account: 'workloads' }, [NETWORK, WORKLOADS])).toBe(WORKLOADS);
  });

  it('is the only account when none is named, and null without accounts', () => {
    expect(accountOf({}, [WORKLOADS])).toBe(WORKLOADS);
    expect(accountOf({}, [])).toBeNull();
  });

  it('cannot be told for an unknown name or no name among several', () => {
    expect(accountOf({ account: 'billing' }, [NETWORK, WORKLOADS])).toBeUndefined();
    expect(accountOf({}, [NETWORK, WORKLOADS])).toBeUndefined();
  });
});

describe('regionIn', () => {
  it("is the project's own region first", () => {
    expect(regionIn(WORKLOADS, { region: 'eu-west-1' }, 'eu-central-1')).toEqual({ region: 'eu-west-1', regionFrom: 'project' });
  });

  it("is the environment's region when the account declares it, wherever it is in its list", () => {
    expect(regionIn(WORKLOADS, {}, 'eu-central-1')).toEqual({ region: 'eu-central-1', regionFrom: 'environment' });
  });

  it("is the account's first region when it does not declare the environment's", () => {
    expect(regionIn(TEST, {}, 'eu-central-1')).toEqual({ region: 'us-east-1', regionFrom: 'account' });
  });

  it("is the environment's region without accounts", () => {
    expect(regionIn(null, {}, 'eu-central-1')).toEqual({ region: 'eu-central-1', regionFrom: 'environment' });
  });
});

describe('placeProject', () => {
  it('places a project in its account and region', () => {
    expect(placeProject({ name: 'apps', account: 'test' }, [NETWORK, TEST], 'eu-central-1')).toEqual({
      account: TEST,
      region: 'us-east-1',
      regionFrom: 'account',
    });
    expect(placeProject({ name: 'apps' }, [], 'eu-central-1')).toEqual({ account: null, region: 'eu-central-1', regionFrom: 'environment' });
  });

  it('refuses a project that validation should have refused', () => {
    expect(() => placeProject({ name: 'apps' }, [NETWORK, TEST], 'eu-central-1')).toThrow("project 'apps' has no account the plan declares");
  });
});
