import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CockpitEvent, EventBatch } from './contract';
import { createEventBatcher } from './event-batcher';

const lifecycle = (stackId: string, state: 'planned' | 'deployed' | 'failed') =>
  ({ type: 'stack.lifecycle', stackId, lifecycle: { state, since: 't' } }) as const;

describe('event batcher', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers a burst as one batch after the flush interval', () => {
    vi.useFakeTimers();
    const batcher = createEventBatcher({ flushMs: 50 });
    const batches: EventBatch[] = [];
    batcher.subscribe((batch) => batches.push(batch));
    for (let i = 0; i < 100; i++) batcher.publish(lifecycle(`p/s${i}`, 'deployed'));
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.events).toHaveLength(100);
    expect(batches[0]?.sequence).toBe(1);
  });

  it('keeps only the latest state of a stack within a batch, after earlier events', () => {
    vi.useFakeTimers();
    const batcher = createEventBatcher({ flushMs: 10 });
    const batches: EventBatch[] = [];
    batcher.subscribe((batch) => batches.push(batch));
    batcher.publish(lifecycle('p/a', 'deployed'));
    batcher.publish(lifecycle('p/b', 'deployed'));
    batcher.publish(lifecycle('p/a', 'failed'));
    vi.advanceTimersByTime(10);
    expect(batches[0]?.events).toEqual([lifecycle('p/b', 'deployed'), lifecycle('p/a', 'failed')]);
  });

  it("coalesces a track's events by the key its contract declares, and keeps those without one", () => {
    vi.useFakeTimers();
    const batcher = createEventBatcher({ flushMs: 10 });
    const batches: EventBatch[] = [];
    batcher.subscribe((batch) => batches.push(batch));
    const tables = (taskKey: string, fetchedAt: string): CockpitEvent => ({ type: 'dms.tables', tables: { taskKey, fetchedAt, stale: false, tables: [] } });
    const samples = (taskKey: string): CockpitEvent => ({ type: 'dms.samples', samples: [{ taskKey, metric: 'CDCLatencySource', points: [] }] });
    batcher.publish(tables('a', 't1'));
    batcher.publish(samples('a'));
    batcher.publish({ type: 'dms.waves', waves: [] });
    batcher.publish(tables('b', 't1'));
    batcher.publish(samples('a'));
    batcher.publish(tables('a', 't2'));
    batcher.publish({ type: 'dms.waves', waves: [] });
    vi.advanceTimersByTime(10);
    // Tables per task and the waves' whole view: the newest supersedes, in its place; new points: each kept.
    expect(batches[0]?.events).toEqual([samples('a'), tables('b', 't1'), samples('a'), tables('a', 't2'), { type: 'dms.waves', waves: [] }]);
  });

  it('numbers batches consecutively and flushes early when full', () => {
    const batcher = createEventBatcher({ flushMs: 10_000, maxBatch: 2 });
    const batches: EventBatch[] = [];
    batcher.subscribe((batch) => batches.push(batch));
    for (const id of ['a', 'b', 'c', 'd']) batcher.publish(lifecycle(`p/${id}`, 'planned'));
    expect(batches.map((batch) => [batch.sequence, batch.events.length])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    batcher.close();
  });

  it('stops delivering to a listener that unsubscribed', () => {
    const batcher = createEventBatcher();
    const listener = vi.fn();
    const unsubscribe = batcher.subscribe(listener);
    unsubscribe();
    batcher.publish(lifecycle('p/a', 'planned'));
    batcher.flush();
    expect(listener).not.toHaveBeenCalled();
    batcher.close();
  });

  it('keeps delivering to the other subscribers when one throws, and reports the throw', () => {
    vi.useFakeTimers();
    const failure = new Error('socket write failed');
    const reported: unknown[] = [];
    const batcher = createEventBatcher({ flushMs: 10, onListenerError: (error) => reported.push(error) });
    const before = vi.fn();
    const after = vi.fn();
    batcher.subscribe(before);
    batcher.subscribe(() => {
      throw failure;
    });
    batcher.subscribe(after);
    batcher.publish(lifecycle('p/a', 'deployed'));
    // The flush runs in the timer: a throw escaping it would be an uncaught exception.
    expect(() => vi.advanceTimersByTime(10)).not.toThrow();
    expect(before).toHaveBeenCalledTimes(1);
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toEqual([failure]);
    batcher.close();
  });

  it('survives a reporter that throws too, and a throw during an early flush from publish', () => {
    const batcher = createEventBatcher({
      maxBatch: 1,
      onListenerError: () => {
        throw new Error('reporter failed');
      },
    });
    const after = vi.fn();
    batcher.subscribe(() => {
      throw new Error('listener failed');
    });
    batcher.subscribe(after);
    expect(() => batcher.publish(lifecycle('p/a', 'deployed'))).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    batcher.close();
  });
});
