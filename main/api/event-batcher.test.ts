import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch } from './contract';
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
});
