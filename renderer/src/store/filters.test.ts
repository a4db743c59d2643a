import { describe, expect, it } from 'vitest';
import { countByState, firstShownStackId, layoutPlan, NO_FILTERS, NO_WAVE_KEY } from './filters';
import { acrossAccounts, demoLike } from './test-fixtures';

const plan = demoLike().plan;
const ids = (filters = NO_FILTERS) => layoutPlan(plan, filters).groups.map((g) => [g.key, g.stacks.map((s) => s.name)]);

describe('layoutPlan', () => {
  it('keeps the waves in plan order and puts stacks without a wave last', () => {
    expect(ids()).toEqual([
      ['w0', ['network']],
      ['w1', ['app1', 'app2']],
      ['w2', ['app3']],
      [NO_WAVE_KEY, ['loose']],
    ]);
  });

  it('searches names, descriptions and wave names (a track may add terms), and hides waves without matches', () => {
    expect(ids({ ...NO_FILTERS, query: 'LEDGER' })).toEqual([['w1', ['app1']]]);
    expect(ids({ ...NO_FILTERS, query: 'finance' })).toEqual([['w2', ['app3']]]);
    expect(ids({ ...NO_FILTERS, query: 'pilot app2' })).toEqual([['w1', ['app2']]]);
  });

  it('searches the account a stack lives in, by name or id', () => {
    const accounts = acrossAccounts().plan;
    const found = (query: string) => layoutPlan(accounts, { ...NO_FILTERS, query }).groups.map((g) => [g.key, g.stacks.map((s) => s.name)]);
    expect(found('workloads-prod')).toEqual([['w1', ['app1', 'app2']]]);
    expect(found('033333333333')).toEqual([
      ['w2', ['app3']],
      [NO_WAVE_KEY, ['loose']],
    ]);
    expect(found('network 111111111111')).toEqual([['w0', ['network']]]);
    // Without accounts nothing matches an account id.
    expect(ids({ ...NO_FILTERS, query: '222222222222' })).toEqual([]);
  });

  it('filters by states and project', () => {
    expect(ids({ ...NO_FILTERS, states: ['failed', 'cut-over'] })).toEqual([
      ['w1', ['app2']],
      ['w2', ['app3']],
    ]);
    const layout = layoutPlan(plan, { ...NO_FILTERS, project: 'net' });
    expect(layout.shown).toBe(1);
    expect(layout.total).toBe(5);
  });

  it('counts stacks per state', () => {
    expect(countByState(plan.stacks)).toMatchObject({ planned: 3, failed: 1, 'cut-over': 1, deployed: 0 });
  });
});

describe('firstShownStackId', () => {
  const first = (filters = NO_FILTERS) => {
    const id = firstShownStackId(layoutPlan(plan, filters));
    return id === null ? null : plan.stacks.find((stack) => stack.id === id)!.name;
  };

  it('is the first card the plan view shows, in wave order, where Down from the search box goes', () => {
    expect(first()).toBe('network');
    expect(first({ ...NO_FILTERS, query: 'finance' })).toBe('app3');
    expect(first({ ...NO_FILTERS, states: ['failed', 'cut-over'] })).toBe('app2');
  });

  it('is null when nothing matches', () => {
    expect(first({ ...NO_FILTERS, query: 'no such stack' })).toBeNull();
  });
});
