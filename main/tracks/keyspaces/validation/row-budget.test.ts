import { describe, expect, it } from 'vitest';
import { RowBudget, type BudgetClock } from './row-budget';

/** A clock that moves only when slept on. */
function manualClock(): BudgetClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('the origin row budget', () => {
  it('lets a query start while the balance is not negative and holds the average rate', async () => {
    const clock = manualClock();
    const budget = new RowBudget(1000, clock);
    await budget.acquire();
    expect(clock.slept).toEqual([]);
    budget.spend(1000); // one second in debt
    await budget.acquire();
    expect(clock.now()).toBe(1000);
    budget.spend(3000); // three seconds in debt
    await budget.acquire();
    expect(clock.now()).toBe(4000);
    for (let i = 0; i < 10; i += 1) {
      await budget.acquire();
      budget.spend(500);
    }
    // 9,000 rows in all, the last 500 not waited for yet: 8.5 s.
    expect(budget.spent).toBe(9000);
    expect(clock.now()).toBe(8500);
    // The header's bound with one query in flight: rate × T + the last query's rows.
    expect(budget.spent).toBeLessThanOrEqual(1000 * (clock.now() / 1000) + 500);
  });

  it('saves nothing up while idle', async () => {
    const clock = manualClock();
    const budget = new RowBudget(100, clock);
    await clock.sleep(60_000);
    budget.spend(250);
    clock.slept.length = 0;
    await budget.acquire();
    expect(clock.slept).toEqual([2500]);
  });

  it('stops waiting when aborted, and refuses a rate that is not above 0', async () => {
    const budget = new RowBudget(10, {
      now: () => 0,
      sleep: (_ms, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    });
    budget.spend(100);
    const controller = new AbortController();
    const waiting = budget.acquire(controller.signal);
    controller.abort(new Error('aborted'));
    await expect(waiting).rejects.toThrow('aborted');
    expect(() => new RowBudget(0, { now: () => 0, sleep: async () => undefined })).toThrow('above 0');
  });
});
