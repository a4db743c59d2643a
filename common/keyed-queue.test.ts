import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedQueue', () => {
  it('runs work of one key in order, other keys independently, and goes on after a failure', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const slow = queue.run('a', async () => {
      await tick();
      log.push('a1');
      throw new Error('a1 failed');
    });
    const second = queue.run('a', () => {
      log.push('a2');
      return 2;
    });
    const other = queue.run('b', () => {
      log.push('b1');
      return 'b';
    });
    await expect(slow).rejects.toThrow('a1 failed');
    expect(await second).toBe(2);
    expect(await other).toBe('b');
    expect(log).toEqual(['b1', 'a1', 'a2']);
    await tick();
    expect(queue.busyKeys).toBe(0);
  });
});
