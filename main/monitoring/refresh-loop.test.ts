import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshLoop } from './refresh-loop';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A loop whose cycles take `cycleMs` of (fake) time; `starts` records when each began. */
function setup(cycleMs = 100) {
  const stop = new AbortController();
  const starts: number[] = [];
  const loop = new RefreshLoop({
    cycle: async () => {
      starts.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, cycleMs));
    },
    nextDelayMs: () => 1000,
    soonMs: () => 50,
    stop: stop.signal,
  });
  return { loop, stop, starts, t0: Date.now() };
}

describe('refresh loop', () => {
  it('runs one cycle at a time: refreshNow joins the cycle in flight', async () => {
    const { loop, starts } = setup();
    const first = loop.refreshNow();
    expect(loop.refreshNow()).toBe(first);
    await vi.advanceTimersByTimeAsync(100);
    await first;
    expect(starts).toHaveLength(1);
    const second = loop.refreshNow();
    expect(second).not.toBe(first);
    await vi.advanceTimersByTimeAsync(100);
    expect(starts).toHaveLength(2);
  });

  it('runs the first cycle at once after start, then the next one the delay after each ends', async () => {
    const { loop, starts, t0 } = setup();
    loop.start(true);
    await vi.advanceTimersByTimeAsync(2500);
    expect(starts.map((at) => at - t0)).toEqual([0, 1100, 2200]);
  });

  it('brings a cycle forward when asked; asked during a cycle, the next one comes soon after it', async () => {
    const { loop, starts, t0 } = setup();
    loop.start(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(starts).toEqual([]);
    loop.soon();
    await vi.advanceTimersByTimeAsync(60);
    expect(starts.map((at) => at - t0)).toEqual([550]);
    loop.soon(); // during the cycle
    await vi.advanceTimersByTimeAsync(200);
    expect(starts.map((at) => at - t0)).toEqual([550, 700]);
    await vi.advanceTimersByTimeAsync(1100);
    expect(starts.map((at) => at - t0)).toEqual([550, 700, 1800]);
  });

  it('times nothing before start, and nothing after stop; close waits for the cycle in flight', async () => {
    const { loop, stop, starts } = setup();
    loop.soon();
    await vi.advanceTimersByTimeAsync(5000);
    expect(starts).toEqual([]);
    loop.start(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(starts).toHaveLength(1);
    stop.abort();
    let closed = false;
    const done = loop.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    await done;
    expect(closed).toBe(true);
    loop.soon();
    await vi.advanceTimersByTimeAsync(5000);
    expect(starts).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
